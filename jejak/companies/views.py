"""Company pages: public sign-up, and the school's view of companies and their trust."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.accounts.services import link_for_inviter
from jejak.companies import services
from jejak.companies.forms import CompanyForm, FlagForm, PartnershipForm, ResolveForm, VettingForm
from jejak.companies.models import CompanyInfo, Flag, Partnership
from jejak.companies.quota import disability_quota
from jejak.companies.selectors import get_company, trust_record, visible_companies
from jejak.jobs.selectors import company_vacancies
from jejak.lib.paging import paginate
from jejak.ratelimit.limiter import over_limit

SIGNUPS_PER_MINUTE = 5


def signup(request: HttpRequest) -> HttpResponse:
    """A company registers itself; its recruiter gets the set-password link by email.

    The page after it is the same whether or not the contact email already has an account
    (the email says which), so the form cannot be used to learn who has one, and only the
    owner of the address can set the password of an account under it.
    """
    form = CompanyForm(request.POST or None)
    if request.method == "POST":
        if over_limit(request, "company_signup", SIGNUPS_PER_MINUTE):
            return render(
                request, "companies/signup.html", {"form": form, "busy": True}, status=429
            )
        if form.is_valid():
            services.company_signup(**form.cleaned_data)
            return redirect("companies:signup_sent")
    return render(request, "companies/signup.html", {"form": form})


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "companies/signup_sent.html")


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


@organisation_view("companies.view")
def company_list(request: HttpRequest, access: Access) -> HttpResponse:
    companies = visible_companies(access).select_related("company_info")
    companies = companies.order_by("-is_flagged", "name", "pk")  # type: ignore[misc]
    text = request.GET.get("q", "").strip()
    if text:
        companies = companies.filter(name__icontains=text)
    paging = paginate(request, companies)
    for company in paging.page:  # the UU 8/2016 quota where the company reported its workforce
        company.quota = disability_quota(getattr(company, "company_info", None))
    return render(request, "companies/list.html", _context(access, paging=paging))


@organisation_view("companies.vet")
def company_new(request: HttpRequest, access: Access) -> HttpResponse:
    """A BKK registers a company for its school, optionally inviting its recruiter."""
    form = CompanyForm(request.POST or None, contact_required=False)
    link = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        company = services.company_create(
            **data, actor=request.user, registered_by=access.organisation
        )
        if data["contact_email"] or data["contact_phone"]:
            invitation, token = services.recruiter_invite(
                company=company, name=data["contact_name"] or company.name,
                email=data["contact_email"], phone=data["contact_phone"], actor=request.user,
            )  # fmt: skip
            link = link_for_inviter(invitation, token)
        messages.success(request, _("Perusahaan %(name)s terdaftar.") % {"name": company.name})
        if link is None:
            return redirect("companies:detail", org=access.organisation.code, company=company.code)
        return render(
            request, "companies/invited.html", _context(access, company=company, link=link)
        )
    return render(request, "companies/new.html", _context(access, form=form))


@organisation_view("companies.view")
def detail(request: HttpRequest, access: Access, company: str) -> HttpResponse:
    found = get_company(access, company)
    org = access.organisation
    info = CompanyInfo.objects.filter(organisation=found).first()
    can_vet = access.can("companies.vet")
    return render(
        request,
        "companies/detail.html",
        _context(
            access, company=found, info=info, **trust_record(found, org.province_code),
            quota=disability_quota(info),
            partnerships=Partnership.objects.filter(company=found, organisation=org),
            vacancies=company_vacancies(found)[:20],
            vet_form=VettingForm(initial={"nib": info.nib if info else "",
                                          "email_domain": info.email_domain if info else ""})
            if can_vet else None,
            flag_form=FlagForm() if can_vet else None,
            resolve_form=ResolveForm() if can_vet else None,
            mou_form=PartnershipForm() if can_vet else None,
        ),
    )  # fmt: skip


def _back(access: Access, company: Any) -> HttpResponse:
    return redirect("companies:detail", org=access.organisation.code, company=company.code)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@organisation_view("companies.vet")
@require_POST
def vet(request: HttpRequest, access: Access, company: str) -> HttpResponse:
    found = get_company(access, company)
    form = VettingForm(request.POST)
    if form.is_valid():
        services.company_vet(company=found, school=access.organisation, actor=request.user,
                             **form.cleaned_data)  # fmt: skip
        messages.success(request, _("Verifikasi %(name)s dicatat.") % {"name": found.name})
    else:
        _form_errors(request, form)
    return _back(access, found)


@organisation_view("companies.vet")
@require_POST
def flag(request: HttpRequest, access: Access, company: str) -> HttpResponse:
    found = get_company(access, company)
    form = FlagForm(request.POST)
    if form.is_valid():
        services.company_flag(company=found, school=access.organisation, actor=request.user,
                              reason=form.cleaned_data["reason"])  # fmt: skip
        messages.success(
            request, _("Peringatan dicatat; semua sekolah di provinsi ini akan melihatnya.")
        )
    else:
        _form_errors(request, form)
    return _back(access, found)


@organisation_view("companies.vet")
@require_POST
def flag_resolve(request: HttpRequest, access: Access, company: str, flag: str) -> HttpResponse:
    found = get_company(access, company)
    open_flag = get_object_or_404(
        Flag, company=found, code=flag, province_code=access.organisation.province_code,
        resolved_at__isnull=True,
    )  # fmt: skip
    form = ResolveForm(request.POST)
    if form.is_valid():
        services.flag_resolve(flag=open_flag, school=access.organisation, actor=request.user,
                              resolution=form.cleaned_data["resolution"])  # fmt: skip
        messages.success(request, _("Peringatan ditutup."))
    else:
        _form_errors(request, form)
    return _back(access, found)


@organisation_view("companies.vet")
@require_POST
def partnership(request: HttpRequest, access: Access, company: str) -> HttpResponse:
    found = get_company(access, company)
    if not access.organisation.keeps_alumni:
        raise Http404
    form = PartnershipForm(request.POST)
    if form.is_valid():
        services.partnership_record(company=found, school=access.organisation,
                                    actor=request.user, **form.cleaned_data)  # fmt: skip
        messages.success(request, _("MoU dicatat."))
    else:
        _form_errors(request, form)
    return _back(access, found)


@organisation_view("jobs.manage")
def profile(request: HttpRequest, access: Access) -> HttpResponse:
    """A company keeps its own details right (recruiters only; schools use the detail page)."""
    company = access.organisation
    if company.kind != company.Kind.COMPANY:
        raise Http404
    info = CompanyInfo.objects.filter(organisation=company).first()
    initial = {"name": company.name, "region": company.region, "address": company.address}
    if info is not None:
        initial |= {name: getattr(info, name) for name in (
            "nib", "website", "contact_name", "contact_email", "contact_phone",
            *CompanyForm.WORKFORCE)}  # fmt: skip
    form = CompanyForm(request.POST or None, initial=initial, workforce=True)
    vetted = company.vettings.exists()
    if vetted:
        form.fields["nib"].disabled = True
        form.fields["nib"].help_text = _("Sudah diperiksa BKK; minta BKK bila NIB berubah.")
    if request.method == "POST" and form.is_valid():
        services.company_update(company=company, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Data perusahaan disimpan."))
        return redirect("companies:profile", org=company.code)
    return render(request, "companies/profile.html", _context(access, form=form, vetted=vetted),
                  status=422 if form.errors else 200)  # fmt: skip
