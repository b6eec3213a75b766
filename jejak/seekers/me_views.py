"""The person's own job-seeker registration on /me/: register, report in, update, withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.selectors import own_record
from jejak.seekers import selectors, services
from jejak.seekers.forms import RegistrationForm
from jejak.seekers.models import EndReason, RegistrationSource
from jejak.seekers.views import FORM_FIELDS


@login_required
def me_registration(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request.user)
    registration = selectors.open_registration(alumnus)
    action = request.POST.get("action", "")
    if request.method == "POST" and registration is not None and action in {"report", "withdraw"}:
        today = timezone.localdate()
        if action == "report":
            services.registration_report_in(
                registration=registration, actor=request.user, day=today
            )
            messages.success(request, _("Terima kasih, laporan Anda tercatat."))
        else:
            services.registration_end(registration=registration, actor=request.user,
                                      ended_on=today, reason=EndReason.OWN_REQUEST)  # fmt: skip
            messages.success(request, _("Pendaftaran Anda sebagai pencari kerja diakhiri."))
        return redirect("seekers:me")
    initial: dict[str, Any] = {"major": alumnus.major}
    if registration is not None:
        initial = {
            name: getattr(registration, name) for name in FORM_FIELDS if "sought" not in name
        }
        initial["occupations_sought"] = list(registration.occupations_sought.all())
        initial["regions_sought"] = list(registration.regions_sought.all())
    form = RegistrationForm(request.POST or None, initial=initial, with_nisn=False)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FORM_FIELDS}
        if registration is None:
            services.registration_open(
                organisation=alumnus.organisation, alumnus=alumnus, actor=request.user,
                source=RegistrationSource.SELF, registered_on=timezone.localdate(), **data,
            )  # fmt: skip
            messages.success(request, _("Anda terdaftar sebagai pencari kerja di BKK %(bkk)s.")
                             % {"bkk": alumnus.organisation.name})  # fmt: skip
        else:
            services.registration_update(registration=registration, actor=request.user, data=data)
            messages.success(request, _("Perubahan tersimpan."))
        return redirect("seekers:me")
    return render(request, "seekers/me.html", {
        "alumnus": alumnus, "registration": registration, "form": form,
        "report_due": registration.report_due_on() if registration else None,
    }, status=422 if request.method == "POST" else 200)  # fmt: skip
