"""Reads of the register, always scoped to what the person may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from jejak.accounts.access import Access
from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus, SchoolClass
from jejak.indicators.compute import PRIORITY
from jejak.lib.values import ValueProblem, parse_phone_number
from jejak.outcomes.models import OutcomeEvent


def own_record(user: Any) -> Alumnus:
    """The register record of a logged-in alumnus (their own pages); 404 for anyone else."""
    membership = (
        Membership.objects.filter(user_id=int(user.pk or 0), role=Role.ALUMNUS)
        .select_related(
            "alumnus__organisation", "alumnus__major", "alumnus__school_class", "alumnus__region"
        )
        .first()
    )
    if membership is None or membership.alumnus is None:
        raise Http404
    return membership.alumnus


def visible_alumni(access: Access) -> QuerySet[Alumnus]:
    """The alumni this person may see in the organisation: all, or a teacher's own classes."""
    alumni = Alumnus.objects.filter(organisation=access.organisation)
    if access.teacher_only:
        alumni = alumni.filter(school_class__homeroom_teacher=access.user)
    return alumni


def visible_classes(access: Access) -> QuerySet[SchoolClass]:
    classes = SchoolClass.objects.filter(organisation=access.organisation)
    if access.teacher_only:
        classes = classes.filter(homeroom_teacher=access.user)
    return classes


def get_alumnus(access: Access, code: str) -> Alumnus:
    """One alumnus by code; 404 when missing or outside what this person may see."""
    alumnus = (
        visible_alumni(access)
        .select_related(
            "major",
            "school_class__homeroom_teacher",
            "region",
            "organisation",
            "source_import__created_by",
        )
        .filter(code=code)
        .first()
    )
    if alumnus is None:
        raise Http404
    return alumnus


def latest_activity(as_of: dt.date | None = None) -> Subquery:
    """Each alumnus's status at `as_of` (default today), by the rule the indicators use
    (`jejak.indicators.compute.status_at`): of the events started by then, the most
    recently reported; of a report's concurrent activities, the first in PRIORITY."""
    day = as_of or timezone.localdate()
    events = OutcomeEvent.objects.filter(alumnus=OuterRef("pk"), start_date__lte=day)
    rank = Case(
        *[When(activity=a, then=Value(i)) for i, a in enumerate(PRIORITY)],
        default=Value(len(PRIORITY)),
    )
    ordered = events.annotate(rank=rank).order_by("-reported_at", "rank", "-start_date", "-pk")
    return Subquery(ordered.values("activity")[:1])


def current_event(
    events: Sequence[OutcomeEvent], day: dt.date | None = None
) -> OutcomeEvent | None:
    """Of an alumnus's events, the one their status on `day` (default today) rests on, by
    the rule of `latest_activity`; None when nothing had started by then."""
    day = day or timezone.localdate()
    started = [e for e in events if e.start_date <= day]
    rank = {a: i for i, a in enumerate(PRIORITY)}
    return min(
        started,
        key=lambda e: (-e.reported_at.timestamp(), rank.get(e.activity, len(rank)),
                       -e.start_date.toordinal(), -e.pk),
        default=None,
    )  # fmt: skip


def search_register(queryset: QuerySet[Alumnus], filters: dict[str, Any]) -> QuerySet[Alumnus]:
    """Apply the register's search box and filters."""
    if text := (filters.get("q") or "").strip():
        condition = Q(name__icontains=text) | Q(nisn__startswith=text)
        try:
            phone = parse_phone_number(text) if any(ch.isdigit() for ch in text) else None
        except ValueProblem:
            phone = None
        if phone:
            condition |= Q(phone=phone.e164)
        queryset = queryset.filter(condition)
    if filters.get("cohort"):
        queryset = queryset.filter(cohort=filters["cohort"])
    if filters.get("major"):
        queryset = queryset.filter(major=filters["major"])
    if filters.get("school_class"):
        queryset = queryset.filter(school_class=filters["school_class"])
    status = filters.get("status")
    queryset = queryset.annotate(status=latest_activity())
    if status == "none":
        queryset = queryset.filter(~Exists(OutcomeEvent.objects.filter(alumnus=OuterRef("pk"))))
    elif status:
        queryset = queryset.filter(status=status)
    return queryset
