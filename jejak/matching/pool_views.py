"""The talent pool on the web: a vetted company's search and profile pages (audited), and the
person's own opt-in on /me/."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.audit.services import log_view
from jejak.jobs.me_views import own_record
from jejak.matching import pool
from jejak.profiles.selectors import shared_profile
from jejak.reference.models import Major


class SearchForm(forms.Form):
    major = forms.ModelChoiceField(Major.objects.all(), required=False, label=_("Jurusan"))
    region = forms.CharField(
        required=False, max_length=13, label=_("Kode wilayah (provinsi atau kab/kota)")
    )
    certificate = forms.CharField(required=False, max_length=100, label=_("Sertifikat"))
    cohort = forms.IntegerField(
        required=False, min_value=1950, max_value=2100, label=_("Tahun lulus")
    )


@organisation_view("profiles.view_shared")
def talent_search(request: HttpRequest, access: Access) -> HttpResponse:
    company = access.organisation
    provinces = pool.company_provinces(company)
    if not provinces:
        raise Http404  # only a vetted company may search
    form = SearchForm(request.GET or None)
    people = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        found = pool.search(
            company, major_id=data["major"].pk if data["major"] else None,
            region=data["region"].strip(), certificate=data["certificate"],
            cohort=data["cohort"],
        )  # fmt: skip
        people = [shared_profile(a) for a in found]
        log_view(request=request, action="talentpool.searched", obj=company,
                 organisation=company, rows=len(people),
                 filters={k: str(v or "") for k, v in data.items()})  # fmt: skip
    return render(request, "matching/talent_search.html", {
        "access": access, "org": company, "form": form, "people": people,
    })  # fmt: skip


@organisation_view("profiles.view_shared")
def talent_profile(request: HttpRequest, access: Access, alumnus: str) -> HttpResponse:
    found = pool.get_findable(access.organisation, alumnus)
    log_view(request=request, action="talentpool.profile_viewed", obj=found,
             organisation=found.organisation, by=access.organisation.name)  # fmt: skip
    return render(request, "matching/talent_profile.html", {
        "access": access, "org": access.organisation, "shared": shared_profile(found),
        "bkk": found.organisation,
    })  # fmt: skip


@login_required
@require_POST
def me_pool(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request)
    if request.POST.get("join") == "1":
        pool.pool_join(alumnus=alumnus, actor=request.user)
    else:
        pool.pool_leave(alumnus=alumnus, actor=request.user)
    return redirect("matching:me_fits")
