"""IPK III definitions without the database: AKL/AKAD/AKAN, periods and due dates (the
flows: tests/test_ipk_tables.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from jejak.bkkreports.ipk import akl_kind
from jejak.bkkreports.periods import Period, is_overdue, parse_period
from jejak.bkkreports.selectors import months_between, silence_level

MARCH = Period("month", dt.date(2026, 3, 1))
D = dt.date


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
