"""The talent pool: vetted companies search job seekers who opted in, by major, region,
certificate and graduation year, and see each profile only as the person shares it.

Who can be found: a person with a PoolOptIn row, still looking (an open registration, or a
latest outcome of looking for work), whose consent is not refused or withdrawn, in a province
where the company is vetted and not flagged. Every search and every profile view is audited
by the views (jejak.audit log_view).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.companies.models import Vetting
from jejak.companies.selectors import trusted_company_ids
from jejak.matching.majors import MajorTree
from jejak.matching.models import PoolOptIn
from jejak.matching.selectors import NEVER, looking_alumni
from jejak.organisations.models import Organisation
from jejak.seekers.models import Registration

RESULTS = 50


def company_provinces(company: Organisation) -> list[str]:
    """Provinces where the company is vetted and not flagged: where it may search."""
    if company.kind != Organisation.Kind.COMPANY:
        return []
    vetted = set(Vetting.objects.filter(company=company).values_list("province_code", flat=True))
    return sorted(p for p in vetted if trusted_company_ids(p).filter(company_id=company.pk))


def findable(provinces: list[str]) -> QuerySet[Alumnus]:
    """Everyone the pool may show in these provinces."""
    today = timezone.localdate()
    schools = Organisation.objects.filter(province_code__in=provinces).values_list("pk", flat=True)
    still_looking = Q(pk__in=Registration.objects.filter(ended_on=None).values("alumnus_id")) | Q(
        pk__in=looking_alumni(list(schools), today)
    )
    return (
        Alumnus.objects.filter(province_code__in=provinces, pool_opt_in__isnull=False)
        .exclude(consent__in=NEVER)
        .filter(still_looking)
    )


def search(
    company: Organisation, *, major_id: int | None = None, region: str = "",
    certificate: str = "", cohort: int | None = None,
) -> list[Alumnus]:  # fmt: skip
    found = findable(company_provinces(company))
    if major_id:
        majors = MajorTree.load().accepted([major_id])
        open_with_major = Registration.objects.filter(ended_on=None, major_id__in=majors)
        found = found.filter(
            Q(major_id__in=majors) | Q(pk__in=open_with_major.values("alumnus_id"))
        )
    if region:
        found = found.filter(
            Q(region__code__startswith=region)
            | Q(region=None, organisation__region__code__startswith=region)
        )
    if certificate.strip():
        holders = Registration.objects.filter(
            ended_on=None, certificates__icontains=certificate.strip()
        )
        found = found.filter(pk__in=holders.values("alumnus_id"))
    if cohort:
        found = found.filter(cohort=cohort)
    related = ("organisation", "major", "school_class", "region")
    return list(found.select_related(*related).order_by("-cohort", "name")[:RESULTS])


def get_findable(company: Organisation, code: str) -> Alumnus:
    """One person of the pool, for the company; 404 for missing and not findable alike."""
    found = findable(company_provinces(company)).filter(code=code).first()
    if found is None:
        raise Http404
    return found


def may_see(company: Organisation, alumnus: Any) -> bool:
    """The company-link checker: the person is findable by this company in the pool."""
    return findable(company_provinces(company)).filter(pk=alumnus.pk).exists()


@transaction.atomic
def pool_join(*, alumnus: Alumnus, actor: Any) -> None:
    _row, created = PoolOptIn.objects.get_or_create(
        alumnus=alumnus, defaults={"organisation": alumnus.organisation}
    )
    if created:
        log_action(actor=actor, action="talentpool.joined", obj=alumnus,
                   organisation=alumnus.organisation)  # fmt: skip


@transaction.atomic
def pool_leave(*, alumnus: Alumnus, actor: Any) -> None:
    deleted, _ = PoolOptIn.objects.filter(alumnus=alumnus).delete()
    if deleted:
        log_action(actor=actor, action="talentpool.left", obj=alumnus,
                   organisation=alumnus.organisation)  # fmt: skip
