"""Shared helpers for the BKK register and report tests: a labour-office analyst, alumni
with dated outcome events, placements as the job exchange records them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.bkkreports import services
from jejak.bkkreports.models import PlacementReport
from jejak.bkkreports.periods import Period
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from tests.conftest import PASSWORD, Tenant


def labour_analyst(t: Tenant) -> User:
    """The fixtures give the labour office no member; reports need one."""
    email = f"disnaker-{t.region}@example.id"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, name="Analis Disnaker", password=PASSWORD)
        Membership.objects.create(user=user, organisation=t.labour_office, role=Role.OFFICE_ANALYST)
    return user


def alumnus(t: Tenant, name: str, sex: str = "P", nisn: str = "", **more: Any) -> Alumnus:
    return Alumnus.objects.create(
        organisation=t.school, name=name, sex=sex, cohort=2025, nisn=nisn,
        major_id=t.alumnus.major_id, address=f"Jl. {name} 1", **more,
    )  # fmt: skip


def event(person: Alumnus, activity: str, day: dt.date, **more: Any) -> OutcomeEvent:
    return OutcomeEvent.objects.create(
        organisation=person.organisation, alumnus=person, activity=activity, start_date=day,
        source=more.pop("source", Source.SELF_REPORTED), **more,
    )  # fmt: skip


def placement(person: Alumnus, day: dt.date, **more: Any) -> OutcomeEvent:
    """What the job exchange writes for a placement (source = placement, working)."""
    values = {"employer": "PT Maju", "industry_id": "C", "occupation_id": "7",
              "work_region_id": "35.09", "formal": True, "income": 2_800_000}  # fmt: skip
    values.update(more)
    return event(person, Activity.WORKING, day, source=Source.PLACEMENT, **values)


def generated(t: Tenant, period: Period) -> PlacementReport:
    report = services.report_generate(organisation=t.school, period=period, actor=t.bkk)
    report.refresh_from_db()
    assert report.state == PlacementReport.State.READY, report.message
    return report


def submitted(t: Tenant, period: Period) -> PlacementReport:
    report = generated(t, period)
    return services.report_submit(report=report, actor=t.bkk)


def table(report_data: dict[str, Any], number: str) -> dict[str, Any]:
    return next(x for x in report_data["tables"] if x["number"] == number)
