"""Reporting periods (month, quarter, year) and the one rule for when a report is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# A period's report is due on this day of the month after the period ends (a March report by
# 10 April, a first-quarter report by 10 April, a yearly report by 10 January).
DUE_DAY = 10


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Bulanan")
    QUARTER = "quarter", _("Triwulan")
    YEAR = "year", _("Tahunan")


_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}
MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
]  # fmt: skip


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """A reporting period: `start` is the first day of its month, quarter or year."""

    kind: str
    start: dt.date

    @property
    def months(self) -> int:
        return _MONTHS[PeriodKind(self.kind)]

    @property
    def end(self) -> dt.date:
        return _add_months(self.start, self.months) - dt.timedelta(days=1)

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"Triwulan {(self.start.month - 1) // 3 + 1} {self.start.year}"
        return f"Tahun {self.start.year}"

    @property
    def kind_label(self) -> str:
        return str(PeriodKind(self.kind).label)

    @property
    def due_date(self) -> dt.date:
        return _add_months(self.start, self.months).replace(day=DUE_DAY)

    def previous(self) -> Period:
        return Period(self.kind, _add_months(self.start, -self.months))

    def next(self) -> Period:
        return Period(self.kind, _add_months(self.start, self.months))


def is_overdue(period: Period, *, today: dt.date, submitted: bool) -> bool:
    """Overdue from the day after the due date until a report is submitted."""
    return not submitted and today > period.due_date


def period_containing(kind: str, day: dt.date) -> Period:
    if kind == PeriodKind.MONTH:
        return Period(kind, day.replace(day=1))
    if kind == PeriodKind.QUARTER:
        return Period(kind, dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
    return Period(PeriodKind.YEAR, dt.date(day.year, 1, 1))


def parse_period(kind: str, key: str) -> Period | None:
    """`2026-03`, `2026-Q1` or `2026` for its kind; None when it does not parse."""
    try:
        if kind == PeriodKind.MONTH:
            year, month = key.split("-")
            return Period(kind, dt.date(int(year), int(month), 1))
        if kind == PeriodKind.QUARTER:
            year, quarter = key.split("-Q")
            number = int(quarter)
            if not 1 <= number <= 4:
                return None
            return Period(kind, dt.date(int(year), 3 * number - 2, 1))
        if kind == PeriodKind.YEAR:
            return Period(kind, dt.date(int(key), 1, 1))
    except ValueError:
        return None
    return None


def last_closed(kind: str, today: dt.date, count: int) -> list[Period]:
    """The `count` most recent periods that have ended before today, newest first."""
    period = period_containing(kind, today).previous()
    periods = []
    for _step in range(count):
        periods.append(period)
        period = period.previous()
    return periods
