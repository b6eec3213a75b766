"""Reads for the tracer pages, always from what the person may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from jejak.accounts.access import Access
from jejak.outcomes.models import Activity, OutcomeEvent
from jejak.tracer.models import Campaign, EmployerSurvey, Response, SurveyLink


def visible_campaigns(access: Access) -> QuerySet[Campaign]:
    """An office sees the campaigns it runs; a school its own and its region's."""
    org = access.organisation
    if org.is_office:
        return Campaign.objects.filter(owner=org)
    return Campaign.objects.filter(
        Q(school=org) | Q(region_id__in=[org.region_id, org.province_code])
    )


def get_campaign(access: Access, code: str) -> Campaign:
    campaign = visible_campaigns(access).select_related("school", "region", "owner")
    found = campaign.filter(code=code).first()
    if found is None:
        raise Http404
    return found


def visible_links(access: Access, campaign: Campaign) -> QuerySet[SurveyLink]:
    """The campaign's links this person may follow up: a school's own, a teacher's class."""
    links = SurveyLink.objects.filter(campaign=campaign)
    if not access.organisation.is_office:
        links = links.filter(organisation=access.organisation)
    if access.teacher_only:
        links = links.filter(alumnus__school_class__homeroom_teacher=access.user)
    return links


def with_status(links: QuerySet[SurveyLink]) -> QuerySet[SurveyLink]:
    """Annotate each link with `answer_state` (submitted, partial or None) and `known`."""
    responses = Response.objects.filter(campaign=OuterRef("campaign"), alumnus=OuterRef("alumnus"))
    return links.annotate(
        submitted=Exists(responses.filter(state=Response.State.SUBMITTED)),
        started=Exists(responses.filter(state=Response.State.PARTIAL)),
        known=Exists(OutcomeEvent.objects.filter(alumnus=OuterRef("alumnus"))),
    )


@dataclass(frozen=True)
class ProgressRow:
    key: Any
    label: str
    total: int
    submitted: int
    started: int
    known: int
    national: int = 0  # also filled in the national form (ticked or imported)

    @property
    def participation(self) -> float:
        return self.submitted / self.total if self.total else 0.0

    @property
    def knowledge(self) -> float:
        return self.known / self.total if self.total else 0.0

    @property
    def silent(self) -> int:
        return self.total - self.submitted - self.started


GROUPINGS = {
    "school": ("organisation_id", "organisation__name"),
    "major": ("alumnus__major_id", "alumnus__major__name"),
    "class": ("alumnus__school_class__code", "alumnus__school_class__name"),
    "cohort": ("alumnus__cohort", "alumnus__cohort"),
}


def progress(links: QuerySet[SurveyLink], by: str) -> list[ProgressRow]:
    """Participation (submitted core answers) and knowledge (any known outcome, from any
    source) per school, major, class or cohort, in one grouped query."""
    key, label = GROUPINGS[by]
    rows = (
        with_status(links)
        .values(key, label)
        .annotate(
            total=Count("id"),
            n_submitted=Count("id", filter=Q(submitted=True)),
            n_started=Count("id", filter=Q(started=True)),
            n_known=Count("id", filter=Q(known=True)),
            n_national=Count("id", filter=Q(national_filled=True)),
        )
        .order_by(label)
    )
    return [_progress_row(r, key, label) for r in rows]


def _progress_row(r: dict[str, Any], key: str, label: str) -> ProgressRow:
    return ProgressRow(
        r[key], str(r[label] or "—"), r["total"], r["n_submitted"], r["n_started"],
        r["n_known"], r["n_national"],
    )  # fmt: skip


def totals(rows: list[ProgressRow]) -> ProgressRow:
    return ProgressRow(
        None, "",
        sum(r.total for r in rows), sum(r.submitted for r in rows),
        sum(r.started for r in rows), sum(r.known for r in rows),
        sum(r.national for r in rows),
    )  # fmt: skip


def visible_employer_surveys(access: Access, campaign: Campaign) -> QuerySet[EmployerSurvey]:
    """An office reads every school's employer answers in its campaign; a school its own."""
    if access.teacher_only:
        raise Http404
    surveys = EmployerSurvey.objects.filter(campaign=campaign).select_related("school")
    if not access.organisation.is_office:
        surveys = surveys.filter(school=access.organisation)
    return surveys


def employer_suggestions(school: Any, campaign: Campaign, limit: int = 15) -> list[dict[str, Any]]:
    """Employers the campaign's alumni reported working for, not yet invited, most first."""
    invited = {
        name.lower()
        for name in EmployerSurvey.objects.filter(campaign=campaign, school=school).values_list(
            "employer_name", flat=True
        )
    }
    named = (
        OutcomeEvent.objects.filter(
            organisation=school, alumnus__cohort__in=campaign.cohorts, activity=Activity.WORKING
        )
        .exclude(employer="")
        .values("employer")
        .annotate(alumni=Count("alumnus", distinct=True))
        .order_by("-alumni", "employer")
    )
    rows: list[dict[str, Any]] = [
        dict(row) for row in named[: limit + len(invited)] if row["employer"].lower() not in invited
    ]
    return rows[:limit]
