"""Reads about companies, always from the viewer's organisation and its province."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from jejak.accounts.access import Access
from jejak.companies.models import Flag, Partnership, Vetting
from jejak.organisations.models import Organisation


def with_trust(companies: QuerySet[Organisation], province_code: str) -> QuerySet[Organisation]:
    """Annotate `is_vetted` and `is_flagged` as the schools of `province_code` see them."""
    return companies.annotate(
        is_vetted=Exists(
            Vetting.objects.filter(company=OuterRef("pk"), province_code=province_code)
        ),
        is_flagged=Exists(
            Flag.objects.filter(
                company=OuterRef("pk"), province_code=province_code, resolved_at__isnull=True
            )
        ),
    )


def trusted_company_ids(province_code: str) -> QuerySet[Vetting, Any]:
    """Ids of companies vetted in the province and not flagged there: their vacancies show."""
    open_flags = Flag.objects.filter(province_code=province_code, resolved_at__isnull=True)
    return (
        Vetting.objects.filter(province_code=province_code)
        .exclude(company_id__in=open_flags.values("company_id"))
        .values("company_id")
    )


def is_trusted(company: Organisation, province_code: str) -> bool:
    return trusted_company_ids(province_code).filter(company_id=company.pk).exists()


def visible_companies(access: Access) -> QuerySet[Organisation]:
    """Companies of the viewer's province, plus those registered by, partnered with, or
    posting vacancies to it (so a BKK can vet a company from elsewhere that targets it)."""
    from jejak.jobs.selectors import targeted_at_school

    org = access.organisation
    partners = Partnership.objects.filter(organisation=org).values("company_id")
    condition = Q(province_code=org.province_code) | Q(parent_office=org) | Q(pk__in=partners)
    if org.keeps_alumni:
        condition |= Q(pk__in=targeted_at_school(org).values("company_id"))
    companies = Organisation.objects.filter(kind=Organisation.Kind.COMPANY).filter(condition)
    return with_trust(companies.select_related("region"), org.province_code)


def get_company(access: Access, code: str) -> Organisation:
    """One company the viewer may see; 404 for missing and out-of-reach alike."""
    company = visible_companies(access).filter(code=code).first()
    if company is None:
        raise Http404
    return company


def trust_record(company: Organisation, province_code: str) -> dict[str, object]:
    """The vettings and flags every school and office of the province shares."""
    return {
        "vettings": Vetting.objects.filter(company=company, province_code=province_code)
        .select_related("organisation", "vetted_by")
        .order_by("-created_at"),
        "flags": Flag.objects.filter(company=company, province_code=province_code)
        .select_related("organisation", "raised_by", "resolved_by")
        .order_by("resolved_at", "-created_at"),
    }
