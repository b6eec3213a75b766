"""Demo data for the BKK register and IPK III reports: tanda daftar for every demo BKK, a
placement plan, demo placements, a job-seeker register with coded vacancies (seed_register),
and a few months of submitted, acknowledged and returned reports with their stored figures.
One BKK has a new person in charge awaiting a reissued tanda daftar; one has not reported for
seven months."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus
from jejak.bkkreports.figures import figures_store
from jejak.bkkreports.generate import build_report
from jejak.bkkreports.models import (
    PeriodFigures,
    PersonInCharge,
    PlacementPlan,
    PlacementReport,
)
from jejak.bkkreports.periods import Period, PeriodKind, last_closed
from jejak.demo.seed_register import seed_register
from jejak.organisations.models import Bkk, Organisation
from jejak.outcomes.models import Activity, OutcomeEvent, Source

EMPLOYERS = [
    ("PT Sinar Jaya Abadi", "C", "8", "35.09"), ("PT Kopi Ijen Nusantara", "C", "7", "35.09"),
    ("CV Mitra Tani Jember", "A", "6", "35.09"), ("PT Astra Daihatsu Motor", "C", "8", "32.15"),
    ("Koperasi Karya Mandiri", "K", "4", "35.09"), ("Hotel Aston Jember", "I", "5", "35.09"),
    ("PT Telkom Akses Surabaya", "J", "3", "35.78"), ("Indomaret Jember", "G", "5", "35.09"),
    ("PT Yamaha Indonesia", "C", "8", "31.75"),
]  # fmt: skip
SURNAMES = ["Wahyudi", "Lestari", "Santoso", "Rahayu", "Hidayat", "Purnamasari"]


def seed_bkkreports(
    *,
    schools: list[Organisation],
    office: Organisation,
    seed: int = 2026,
    today: dt.date | None = None,
) -> None:
    """Fill the register and reports of the demo schools' BKKs (called from seed_demo).
    Nothing is dated after `today` (default: the local date)."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    analyst = (
        Membership.objects.filter(organisation=office, role=Role.OFFICE_ANALYST)
        .select_related("user")
        .first()
    )
    reviewer = analyst.user if analyst else None
    if not OutcomeEvent.objects.filter(organisation__in=schools, source=Source.PLACEMENT).exists():
        _demo_placements(rng, schools, today)
    for school in schools:
        seed_register(rng, school, today)
    for index, school in enumerate(schools):
        _register_entry(rng, school, office, index, today)
        PlacementPlan.objects.create(
            organisation=school, year=today.year, target=rng.randint(20, 80)
        )
        _reports(school, office, reviewer, index, today)


def _register_entry(
    rng: random.Random, school: Organisation, office: Organisation, index: int, today: dt.date
) -> None:
    bkk, _created = Bkk.objects.get_or_create(organisation=school)
    registered = dt.date(today.year - 2, 1 + index % 12, 5)
    bkk.registration_number = f"563/{index + 1:03d}/BKK/35.09/{registered.year}"
    bkk.registration_date, bkk.registration_office = registered, office
    bkk.decree_number = f"421.5/{index + 17:03d}/SK/{registered.year}"
    bkk.decree_date = registered - dt.timedelta(days=30)
    first = PersonInCharge.objects.create(
        organisation=school, name=f"{rng.choice(['Dwi', 'Eko', 'Nur', 'Sri'])} "
        f"{rng.choice(SURNAMES)}, S.Pd.", phone=f"+62812{rng.randint(10**7, 10**8 - 1)}",
        position="Ketua BKK", start_date=bkk.decree_date,
    )  # fmt: skip
    if index == 1:  # a recent change of person in charge: the office must reissue
        changed = today - dt.timedelta(days=24)
        first.end_date = changed - dt.timedelta(days=1)
        first.save(update_fields=["end_date"])
        PersonInCharge.objects.create(
            organisation=school, name="Rina Kusumawati, S.Kom.", phone="+6281336724410",
            position="Ketua BKK", start_date=changed,
        )  # fmt: skip
        bkk.reissue_needed_since = changed
    bkk.save()


def _demo_placements(rng: random.Random, schools: list[Organisation], today: dt.date) -> None:
    """DEMO PLACEMENTS, not real ones: the job exchange records placements on its own branch;
    until it is merged, the demo needs some so the reports have content. Alumni of the two
    newest cohorts start looking for work, and most are placed by the BKK weeks later."""
    events = []
    newest = Alumnus.objects.filter(organisation__in=schools).order_by("-cohort")
    cohorts = sorted(set(newest.values_list("cohort", flat=True)), reverse=True)[:2]
    for school in schools:
        alumni = list(
            Alumnus.objects.filter(organisation=school, cohort__in=cohorts)
            .exclude(outcome_events__isnull=False)
            .order_by("pk")[:30]
        )
        for person in alumni:
            looking = today - dt.timedelta(days=rng.randint(40, 300))
            events.append(_event(rng, person, Activity.LOOKING, looking, Source.TEACHER))
            placed = looking + dt.timedelta(days=rng.randint(10, 90))
            if rng.random() < 0.7 and placed < today:
                events.append(_event(rng, person, Activity.WORKING, placed, Source.PLACEMENT))
    OutcomeEvent.objects.bulk_create(events, batch_size=1000)


def _event(
    rng: random.Random, person: Alumnus, activity: str, day: dt.date, source: str
) -> OutcomeEvent:
    event = OutcomeEvent(
        organisation_id=person.organisation_id, province_code=person.province_code,
        alumnus=person, activity=activity, start_date=day, source=source,
    )  # fmt: skip
    if source == Source.PLACEMENT:
        employer, industry, occupation, region = rng.choice(EMPLOYERS)
        event.employer, event.industry_id, event.occupation_id = employer, industry, occupation
        event.work_region_id, event.formal = region, rng.random() < 0.85
        event.income = rng.randrange(2_300_000, 4_200_000, 50_000)
        event.job_title = "Operator" if occupation == "8" else "Staf"
    return event


def _reports(
    school: Organisation, office: Organisation, reviewer: Any, index: int, today: dt.date
) -> None:
    """The demo BKK (first school) has acknowledged months, one returned and the latest not
    yet sent; the third school stopped reporting seven months ago; others are up to date."""
    months = last_closed(PeriodKind.MONTH, today, 8)
    if index == 0:
        plan = [(months[5], "acknowledged"), (months[4], "acknowledged"),
                (months[3], "acknowledged"), (months[2], "acknowledged"),
                (months[1], "returned")]  # fmt: skip
    elif index == 2:
        plan = [(months[7], "acknowledged")]
    else:
        plan = [(months[3], "acknowledged"), (months[2], "acknowledged"),
                (months[1], "acknowledged")]  # fmt: skip
        if index % 4 != 3:  # every fourth BKK is late with the latest month
            plan.append((months[0], "submitted"))
    for period, state in plan:
        _report(school, office, reviewer, period, state, today)


def _report(
    school: Organisation,
    office: Organisation,
    reviewer: Any,
    period: Period,
    state: str,
    today: dt.date,
) -> None:
    # Sent three days before it is due, but never later than yesterday: a month that closed
    # two days ago was sent yesterday, not on a date still to come.
    latest = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=1), dt.time(9)))
    due = timezone.make_aware(dt.datetime.combine(period.due_date, dt.time(9)))
    sent = min(due - dt.timedelta(days=3), latest)
    reviewed_at = min(sent + dt.timedelta(days=2), latest + dt.timedelta(hours=6))
    reviewed = state != "submitted"
    report = PlacementReport.objects.create(
        organisation=school, period_kind=period.kind, period_start=period.start, state=state,
        data=build_report(school, period), generated_at=sent, submitted_at=sent,
        review_office=office if reviewed else None, reviewed_by=reviewer if reviewed else None,
        reviewed_at=reviewed_at if reviewed else None,
        review_comment="Mohon lengkapi KBJI dan KBLI yang belum diisi." if state == "returned"
        else "",
    )  # fmt: skip
    # The figures the office's sums read; frozen unless the office returned the report.
    figures_store(school, period, report.data["figures"], report.data["corrections"], report)
    if state != "returned":
        PeriodFigures.objects.filter(report=report).update(frozen_at=sent)
