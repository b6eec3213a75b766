"""Reads for fair pages, always from what the person may see."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from jejak.accounts.access import Access
from jejak.alumni.models import Alumnus
from jejak.fairs.models import Fair, FairCompany, FairHire, FairRegistration


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT, so several counts per fair do not multiply each other's rows."""
    counted = queryset.filter(fair=OuterRef("pk")).order_by().values("fair")
    return Coalesce(
        Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
    )


def with_counts(fairs: QuerySet[Fair]) -> QuerySet[Fair]:
    """Each fair with n_companies, n_registered, n_attended and n_hired."""
    return fairs.annotate(
        n_companies=_count(FairCompany.objects.all()),
        n_registered=_count(FairRegistration.objects.all()),
        n_attended=_count(FairRegistration.objects.filter(attended_at__isnull=False)),
        n_hired=_count(FairHire.objects.all()),
    )


def organised_fairs(access: Access) -> QuerySet[Fair]:
    return Fair.objects.filter(organiser=access.organisation)


def get_organised_fair(access: Access, code: str) -> Fair:
    """A fair this organisation runs; 404 for missing and someone else's alike."""
    found = organised_fairs(access).select_related("organiser", "region").filter(code=code).first()
    if found is None:
        raise Http404
    return found


def company_fairs(access: Access) -> QuerySet[Fair]:
    """Fairs a company may see: upcoming ones in its province, and every one it joined."""
    company = access.organisation
    joined = FairCompany.objects.filter(company=company).values("fair")
    upcoming = Q(province_code=company.province_code, ends_at__gte=timezone.now())
    return Fair.objects.filter(upcoming | Q(pk__in=joined))


def get_company_fair(access: Access, code: str) -> Fair:
    found = company_fairs(access).select_related("organiser", "region").filter(code=code).first()
    if found is None:
        raise Http404
    return found


def fairs_for_alumnus(alumnus: Alumnus) -> QuerySet[Fair]:
    """Upcoming fairs open to this alumnus, and those they registered for."""
    school = alumnus.organisation
    region_open = Q(audience=Fair.Audience.REGION) & (
        Q(region_id=school.region_id) | Q(region_id=school.province_code)
    )
    own_school = Q(organiser_id=school.pk)
    upcoming = Q(ends_at__gte=timezone.now()) & (region_open | own_school)
    registered = FairRegistration.objects.filter(alumnus=alumnus).values("fair")
    return (
        Fair.objects.filter(upcoming | Q(pk__in=registered))
        .select_related("organiser", "region")
        .order_by("starts_at")
    )


def get_public_fair(code: str) -> Fair:
    found = Fair.objects.select_related("organiser", "region").filter(code=code).first()
    if found is None:
        raise Http404
    return found


def participating_companies(fair: Fair) -> QuerySet[FairCompany]:
    return FairCompany.objects.filter(fair=fair).select_related("company", "company__region")


def registrations(fair: Fair) -> QuerySet[FairRegistration]:
    return FairRegistration.objects.filter(fair=fair).select_related(
        "alumnus__organisation", "alumnus__major"
    )
