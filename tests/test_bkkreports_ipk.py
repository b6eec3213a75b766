"""IPK III definitions without the database: flows, AKL/AKAD/AKAN, periods and due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from jejak.bkkreports.ipk import Step, akl_kind, alumnus_flow
from jejak.bkkreports.periods import Period, is_overdue, parse_period
from jejak.bkkreports.selectors import months_between, silence_level
from jejak.outcomes.models import Activity, Source

MARCH = Period("month", dt.date(2026, 3, 1))
D = dt.date


def steps(*items: tuple[str, str, dt.date]) -> list[Step]:
    return [Step(activity, source, day) for activity, source, day in items]


def test_a_seeker_placed_in_the_period_moves_from_start_to_placed() -> None:
    flow = alumnus_flow(steps(
        (Activity.LOOKING, Source.SELF_REPORTED, D(2026, 1, 5)),
        (Activity.WORKING, Source.PLACEMENT, D(2026, 3, 14)),
    ), MARCH)  # fmt: skip
    assert (flow.start, flow.registered, flow.placed, flow.removed, flow.end) == (1, 0, 1, 0, 0)


def test_finding_work_on_ones_own_is_removed_not_placed() -> None:
    flow = alumnus_flow(steps(
        (Activity.LOOKING, Source.TEACHER, D(2026, 3, 2)),
        (Activity.WORKING, Source.SELF_REPORTED, D(2026, 3, 20)),
    ), MARCH)  # fmt: skip
    assert (flow.start, flow.registered, flow.placed, flow.removed, flow.end) == (0, 1, 0, 1, 0)


def test_a_second_looking_event_is_no_new_registration() -> None:
    flow = alumnus_flow(steps(
        (Activity.LOOKING, Source.TEACHER, D(2026, 2, 2)),
        (Activity.LOOKING, Source.SELF_REPORTED, D(2026, 3, 3)),
    ), MARCH)  # fmt: skip
    assert (flow.start, flow.registered, flow.end) == (1, 0, 1)


def test_events_after_the_period_are_ignored_and_end_balance_is_status_on_last_day() -> None:
    flow = alumnus_flow(steps(
        (Activity.LOOKING, Source.TEACHER, D(2026, 3, 31)),
        (Activity.STUDYING, Source.SELF_REPORTED, D(2026, 4, 1)),
    ), MARCH)  # fmt: skip
    assert (flow.registered, flow.removed, flow.end) == (1, 0, 1)


def test_placement_without_prior_search_does_not_count_as_placed_seeker() -> None:
    flow = alumnus_flow(steps((Activity.WORKING, Source.PLACEMENT, D(2026, 3, 9))), MARCH)
    assert (flow.start, flow.placed, flow.end) == (0, 0, 0)


@pytest.mark.parametrize(
    ("region", "country", "expected"),
    [("35.09", "", "AKL"), ("35.78", "", "AKL"), ("32.04", "", "AKAD"), (None, "Malaysia", "AKAN"),
     ("35.09", "Jepang", "AKAN"), (None, "Indonesia", ""), (None, "", ""), ("31.71", "Indonesia",
                                                                            "AKAD")],
)  # fmt: skip
def test_akl_akad_akan_from_the_region_codes(
    region: str | None, country: str, expected: str
) -> None:
    assert akl_kind("35", region, country) == expected


@pytest.mark.parametrize(
    ("period", "due"),
    [(Period("month", D(2026, 3, 1)), D(2026, 4, 10)),
     (Period("month", D(2026, 12, 1)), D(2027, 1, 10)),
     (Period("quarter", D(2026, 10, 1)), D(2027, 1, 10)),
     (Period("year", D(2026, 1, 1)), D(2027, 1, 10))],
)  # fmt: skip
def test_reports_are_due_on_the_tenth_of_the_following_month(period: Period, due: dt.date) -> None:
    assert period.due_date == due
    assert not is_overdue(period, today=due, submitted=False)
    assert is_overdue(period, today=due + dt.timedelta(days=1), submitted=False)
    assert not is_overdue(period, today=due + dt.timedelta(days=1), submitted=True)


def test_periods_parse_and_chain() -> None:
    quarter = parse_period("quarter", "2026-Q2")
    assert quarter is not None and quarter.start == D(2026, 4, 1) and quarter.end == D(2026, 6, 30)
    assert quarter.previous().key == "2026-Q1" and quarter.next().key == "2026-Q3"
    assert parse_period("month", "2026-13") is None and parse_period("quarter", "2026-Q5") is None
    assert Period("month", D(2024, 2, 1)).end == D(2024, 2, 29)


def test_six_and_twelve_months_of_silence() -> None:
    today = D(2026, 11, 22)
    assert months_between(D(2026, 5, 23), today) == 5
    assert silence_level(D(2026, 5, 23), today) == 0
    assert silence_level(D(2026, 5, 22), today) == 6
    assert silence_level(D(2025, 11, 23), today) == 6
    assert silence_level(D(2025, 11, 22), today) == 12
    assert silence_level(None, today) == 12
