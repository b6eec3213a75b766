"""Reads about organisations, always starting from the tenant."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from jejak.accounts.models import Membership, User
from jejak.organisations.models import Bkk, Organisation


def schools_in_area(office: Organisation) -> QuerySet[Organisation]:
    """Schools and BLKs in an office's area, with their alumni counts, in one query."""
    return (
        Organisation.objects.filter(
            kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE],
            region_id__in=office.area_regency_codes(),
        )
        .select_related("region")
        .annotate(alumni_count=Count("alumni", distinct=True))
        .order_by("region_id", "name")
    )


def search_schools(queryset: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(Q(name__icontains=text) | Q(npsn=text))


def people_in_area(office: Organisation) -> QuerySet[User]:
    """People whose every role is in the office itself or a school or BLK of its area: the
    ones whose lockout or second factor the office may act on."""
    places = [office.pk, *schools_in_area(office).values_list("pk", flat=True)]
    elsewhere = Membership.objects.exclude(organisation_id__in=places)
    return (
        User.objects.filter(memberships__organisation_id__in=places)
        .exclude(memberships__in=elsewhere)
        .distinct()
    )


def bkk_deactivated(organisation: Organisation) -> bool:
    """Whether the labour office deactivated this school's BKK: it may then post no vacancies
    and file no reports until a new tanda daftar. A school or BLK without a BKK entry is not
    deactivated (its registration is simply missing)."""
    return Bkk.objects.filter(organisation=organisation, active=False).exists()
