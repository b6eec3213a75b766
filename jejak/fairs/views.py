"""Fair pages: organisers (schools, BLKs, offices), companies, alumni under /me/, and a public
page per event."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_access, organisation_view
from jejak.alumni.selectors import own_record
from jejak.audit.services import log_view
from jejak.fairs import selectors, services
from jejak.fairs.forms import CompanyAddForm, FairForm, HireForm
from jejak.fairs.models import Fair, FairCompany, FairRegistration
from jejak.fairs.rules import alumnus_refusal
from jejak.fairs.services import FairRefused


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


def _fair_access(request: HttpRequest, org: str) -> Access:
    """Organisers and company recruiters both have fair pages; anyone else gets 404."""
    if not request.user.is_authenticated:
        raise Http404
    access = organisation_access(request.user, org)
    if not (access.can("fairs.manage") or access.can("fairs.join")):
        raise Http404
    return access


@login_required
def fair_list(request: HttpRequest, org: str) -> HttpResponse:
    access = _fair_access(request, org)
    if access.can("fairs.manage"):
        fairs = selectors.with_counts(selectors.organised_fairs(access)).select_related("region")
        return render(request, "fairs/list.html", _context(access, fairs=fairs))
    fairs = selectors.company_fairs(access).select_related("organiser", "region")
    joined = set(
        FairCompany.objects.filter(company=access.organisation).values_list("fair_id", flat=True)
    )
    rows = [(fair, fair.pk in joined) for fair in fairs.order_by("starts_at")]
    return render(request, "fairs/company_list.html", _context(access, rows=rows))


@organisation_view("fairs.manage")
def fair_new(request: HttpRequest, access: Access) -> HttpResponse:
    form = FairForm(request.POST or None, organiser=access.organisation)
    if request.method == "POST" and form.is_valid():
        fair = services.fair_schedule(
            organiser=access.organisation, actor=request.user, data=form.cleaned_data
        )
        messages.success(request, _("Acara dijadwalkan."))
        return redirect("fairs:detail", org=access.organisation.code, fair=fair.code)
    return render(request, "fairs/form.html", _context(access, form=form, fair=None))


@organisation_view("fairs.manage")
def fair_edit(request: HttpRequest, access: Access, fair: str) -> HttpResponse:
    found = selectors.get_organised_fair(access, fair)
    form = FairForm(request.POST or None, organiser=access.organisation, fair=found)
    if request.method == "POST" and form.is_valid():
        services.fair_update(fair=found, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Perubahan tersimpan."))
        return redirect("fairs:detail", org=access.organisation.code, fair=found.code)
    return render(request, "fairs/form.html", _context(access, form=form, fair=found))


@organisation_view("fairs.manage")
def fair_detail(request: HttpRequest, access: Access, fair: str) -> HttpResponse:
    found = selectors.get_organised_fair(access, fair)
    counted = selectors.with_counts(Fair.objects.filter(pk=found.pk)).get()
    log_view(request=request, action="fair.hires_viewed", obj=found,
             organisation=access.organisation)  # fmt: skip
    return render(
        request,
        "fairs/detail.html",
        _context(
            access,
            fair=counted,
            companies=selectors.participating_companies(found),
            hires=found.hires.select_related("alumnus", "company"),
            company_form=CompanyAddForm(fair=found),
        ),
    )


@organisation_view("fairs.manage")
@require_POST
def company_add(request: HttpRequest, access: Access, fair: str) -> HttpResponse:
    found = selectors.get_organised_fair(access, fair)
    form = CompanyAddForm(request.POST, fair=found)
    if form.is_valid():
        _try(request, services.fair_company_register, _("Perusahaan ditambahkan."),
             fair=found, company=form.cleaned_data["company"], actor=request.user)  # fmt: skip
    else:
        messages.error(request, _("Pilih perusahaan dari daftar."))
    return redirect("fairs:detail", org=access.organisation.code, fair=found.code)


def _try(request: HttpRequest, action: Any, success: str, **kwargs: Any) -> bool:
    """Run a service; show its refusal as an error message instead of failing."""
    try:
        action(**kwargs)
    except FairRefused as refusal:
        messages.error(request, str(refusal))
        return False
    messages.success(request, success)
    return True


@organisation_view("fairs.manage")
def attendance(request: HttpRequest, access: Access, fair: str) -> HttpResponse:
    found = selectors.get_organised_fair(access, fair)
    query = request.GET.get("q", "").strip()
    registrations = selectors.registrations(found)
    present = registrations.filter(attended_at__isnull=False).count()
    total = registrations.count()
    if query:  # at the door of a big fair: find the person by name
        registrations = registrations.filter(alumnus__name__icontains=query)
    log_view(request=request, action="fair.attendance_viewed", obj=found,
             organisation=access.organisation, searched=bool(query))  # fmt: skip
    return render(
        request,
        "fairs/attendance.html",
        _context(
            access, fair=found, companies=selectors.participating_companies(found),
            registrations=registrations, q=query, present=present, total=total,
        ),
    )  # fmt: skip


@organisation_view("fairs.manage")
@require_POST
def attendance_toggle(
    request: HttpRequest, access: Access, fair: str, who: str, code: str
) -> HttpResponse:
    """Check one alumnus or company in or out; plain form post, htmx swaps just the row."""
    found = selectors.get_organised_fair(access, fair)
    present = request.POST.get("present") == "1"
    target: dict[str, Any]
    if who == "alumnus":
        registration = get_object_or_404(FairRegistration.objects.select_related("alumnus"),
                                         fair=found, code=code)  # fmt: skip
        target = {"registration": registration}
    elif who == "company":
        entry = get_object_or_404(FairCompany.objects.select_related("company"),
                                  fair=found, company__code=code)  # fmt: skip
        target = {"company": entry}
    else:
        raise Http404
    try:
        services.attendance_set(fair=found, actor=request.user, present=present, **target)
    except FairRefused as refusal:
        messages.error(request, str(refusal))
    if getattr(request, "htmx", False) and who == "alumnus":
        return render(request, "fairs/attendance_row.html",
                      _context(access, fair=found, r=target["registration"]))  # fmt: skip
    return redirect("fairs:attendance", org=access.organisation.code, fair=found.code)


@login_required
def hire_new(request: HttpRequest, org: str, fair: str) -> HttpResponse:
    """The organiser, or a recruiter of a company taking part, records a hire made there."""
    access = _fair_access(request, org)
    company = None
    if access.can("fairs.manage"):
        found = selectors.get_organised_fair(access, fair)
    else:
        found = selectors.get_company_fair(access, fair)
        company = access.organisation
        if not FairCompany.objects.filter(fair=found, company=company).exists():
            raise Http404
    form = HireForm(request.POST or None, fair=found, company=company)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.fair_hire_record(
                fair=found, alumnus=data["alumnus"], company=data["company"],
                job_title=data["job_title"], start_date=data["start_date"], actor=request.user,
            )  # fmt: skip
        except FairRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Perekrutan dicatat."))
            if company is None:
                return redirect("fairs:detail", org=org, fair=found.code)
            return redirect("fairs:list", org=org)
    return render(request, "fairs/hire.html", _context(access, fair=found, form=form))


@login_required
@require_POST
def company_join(request: HttpRequest, org: str, fair: str) -> HttpResponse:
    """A recruiter signs their company up, or withdraws it (`withdraw=1`)."""
    access = _fair_access(request, org)
    if not access.can("fairs.join"):
        raise Http404
    found = selectors.get_company_fair(access, fair)
    if request.POST.get("withdraw") == "1":
        _try(request, services.fair_company_withdraw, _("Pendaftaran perusahaan dibatalkan."),
             fair=found, company=access.organisation, actor=request.user)  # fmt: skip
    else:
        _try(request, services.fair_company_register, _("Perusahaan Anda terdaftar."),
             fair=found, company=access.organisation, actor=request.user)  # fmt: skip
    return redirect("fairs:list", org=org)


def public(request: HttpRequest, fair: str) -> HttpResponse:
    """What anyone may know: when, where, who organises, which companies come."""
    found = selectors.get_public_fair(fair)
    return render(
        request,
        "fairs/public.html",
        {"fair": found, "companies": selectors.participating_companies(found)},
    )


@login_required
def me(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request.user)
    fairs = list(selectors.fairs_for_alumnus(alumnus))
    mine = set(FairRegistration.objects.filter(alumnus=alumnus).values_list("fair_id", flat=True))
    rows = [(f, f.pk in mine, alumnus_refusal(f, alumnus)) for f in fairs]
    return render(request, "fairs/me.html", {"alumnus": alumnus, "rows": rows})


def _my_fair(request: HttpRequest, code: str) -> tuple[Any, Fair]:
    alumnus = own_record(request.user)
    found = selectors.fairs_for_alumnus(alumnus).filter(code=code).first()
    if found is None:
        raise Http404
    return alumnus, found


@login_required
@require_POST
def me_register(request: HttpRequest, fair: str) -> HttpResponse:
    alumnus, found = _my_fair(request, fair)
    _try(request, services.fair_alumnus_register, _("Anda terdaftar. Sampai jumpa di acara!"),
         fair=found, alumnus=alumnus, actor=request.user)  # fmt: skip
    return redirect("fairs:me")


@login_required
@require_POST
def me_cancel(request: HttpRequest, fair: str) -> HttpResponse:
    alumnus, found = _my_fair(request, fair)
    _try(request, services.fair_alumnus_cancel, _("Pendaftaran dibatalkan."),
         fair=found, alumnus=alumnus, actor=request.user)  # fmt: skip
    return redirect("fairs:me")
