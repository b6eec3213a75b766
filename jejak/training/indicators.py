"""The BLK indicator set (issue 13's contract), computed from plain rows: no database.

One trainee contributes to a `BlkTally` (counters plus a histogram of days to work); tallies
add up, so a programme's, a BLK's or a region's figures are the sum of their trainees'. The
CLI (`blk_indicators`), the pages and the reports all call `blk_figures`.

The status of a trainee on a day is the school indicators' rule (`compute.status_at`): the
most recently made report among those begun by that day, so a later outcome supersedes an
earlier one from its start date, and a job the later report replaced no longer counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jejak.indicators.compute import (
    DAYS_PER_MONTH,
    JOB,
    SELF_EMPLOYED,
    WORKING,
    Event,
    median_days,
    rate,
    status_at,
    superseded_on,
)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class TraineeRow:
    """One enrolment of an ended batch, with what the splits need and the outcome history."""

    batch_end: dt.date
    completed: bool | None = None
    graduated: bool | None = None
    competent: bool | None = None
    sex: str = ""
    disability: bool = False
    funding: str = ""
    programme: str = ""
    batch: str = ""
    organisation: int = 0  # the BLK's id
    enrolment: str = ""  # the enrolment's code, for lists of people (never in figures)
    birth_date: dt.date | None = None
    batch_start: dt.date | None = None
    events: list[Event] = field(default_factory=list)


@dataclass
class BlkTally:
    counts: Counter[str] = field(default_factory=Counter)
    waits: Counter[int] = field(default_factory=Counter)  # days from batch end to first work

    def add(self, other: BlkTally) -> BlkTally:
        self.counts.update(other.counts)
        self.waits.update(other.waits)
        return self

    def as_json(self) -> dict[str, Any]:
        return {
            "counts": {k: v for k, v in sorted(self.counts.items()) if v},
            "waits": {str(k): v for k, v in sorted(self.waits.items()) if v},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BlkTally:
        return cls(
            Counter(data.get("counts", {})),
            Counter({int(k): v for k, v in data.get("waits", {}).items()}),
        )


def first_work_after(events: list[Event], end: dt.date, by: dt.date) -> dt.date | None:
    """The start of the first work (a job or a business) begun by `by` and still held after
    the batch's `end`: work that ended before the batch did is not work after training.
    Work begun before the end counts from the end (the caller's `max`)."""
    starts = []
    for event in events:
        if event.activity not in JOB or event.start_date > by:
            continue
        ended = superseded_on(event, events)
        if ended is None or ended > max(event.start_date, end):
            starts.append(event.start_date)
    return min(starts, default=None)


def tally_trainee(row: TraineeRow, as_of: dt.date) -> BlkTally:
    """What one trainee adds. Only batches ended by `as_of` count at all (the caller passes
    only those); the 3- and 6-month figures count a graduate only once that day has come."""
    tally = BlkTally()
    c = tally.counts
    c["trainees"] += 1
    c["with_disability"] += row.disability
    c["completed"] += row.completed is True
    if row.graduated is not True:
        return tally
    c["graduates"] += 1
    c["certified"] += row.competent is True
    day3, day6 = add_months(row.batch_end, 3), add_months(row.batch_end, 6)
    if day3 <= as_of:
        c["due_3m"] += 1
        status = status_at(row.events, day3)
        c["working_3m"] += bool(status and status.activity in JOB)
    if day6 > as_of:
        c["not_due_6m"] += 1
        return tally
    c["due_6m"] += 1
    status = status_at(row.events, day6)
    if status is not None:
        c["traced_6m"] += 1
        c["working_6m"] += status.activity in JOB
        c["formal_6m"] += status.activity == WORKING and status.formal is True
        c["informal_6m"] += status.activity == WORKING and status.formal is False
        c["selfemployed_6m"] += status.activity == SELF_EMPLOYED
    start = first_work_after(row.events, row.batch_end, day6)
    if start is not None:
        tally.waits[max((start - row.batch_end).days, 0)] += 1
    return tally


def tally_rows(rows: Iterable[TraineeRow], as_of: dt.date) -> BlkTally:
    total = BlkTally()
    for row in rows:
        total.add(tally_trainee(row, as_of))
    return total


def split_rows(
    rows: Iterable[TraineeRow], key: Callable[[TraineeRow], Any], as_of: dt.date
) -> dict[Any, BlkTally]:
    groups: dict[Any, BlkTally] = {}
    for row in rows:
        groups.setdefault(key(row), BlkTally()).add(tally_trainee(row, as_of))
    return groups


# Age bands for the `age` split: ten-year bands from 15, the last open. BPS publishes Sakernas
# labour-force tables in five-year groups (15-19, 20-24, ...); pairing them keeps every band
# comparable with those tables, and the first band, 15-24, is the youth of BPS's and the
# ILO's youth unemployment rate (SDG 8.6) that Disnakertrans reports against. UU 40/2009's
# youth (16-30) cuts across Sakernas groups, so it is not used. Under 15 (a data error for a
# BLK, whose trainees are of working age) and an unknown birth date keep their own groups:
# no trainee is dropped from a split.
AGE_BANDS = ("15-24", "25-34", "35-44", "45+")
AGE_UNDER = "<15"
AGE_UNKNOWN = "unknown"
AGE_SOURCE = "BPS Sakernas (kelompok umur 5 tahunan, digabung 10 tahunan; 15-24 = usia muda)"


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on `day` (a 29 February birthday turns on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(row: TraineeRow) -> str:
    """The trainee's band by age on the batch's start date (see AGE_BANDS)."""
    if row.birth_date is None or row.batch_start is None:
        return AGE_UNKNOWN
    age = age_on(row.birth_date, row.batch_start)
    if age < 15:
        return AGE_UNDER
    return AGE_BANDS[min((age - 15) // 10, len(AGE_BANDS) - 1)]


def split_order(split: str, key: Any) -> tuple[int, str]:
    """Sort key of a split's groups: age bands youngest first, the unknown last; else by key."""
    if split != "age":
        return (0, str(key))
    order = [AGE_UNDER, *AGE_BANDS, AGE_UNKNOWN]
    return (order.index(key) if key in order else len(order), str(key))


SPLITS: dict[str, Callable[[TraineeRow], str]] = {
    "sex": lambda r: r.sex,
    "age": age_band,
    "disability": lambda r: "yes" if r.disability else "no",
    "funding": lambda r: r.funding,
    "program": lambda r: r.programme,
}

RATE_NAMES = (
    "completion_rate", "graduation_rate", "certification_rate", "placement_3m_rate",
    "placement_6m_rate", "traced_6m_rate", "formal_6m_rate", "informal_6m_rate",
    "selfemployed_6m_rate",
)  # fmt: skip

_DUE = (
    " Only batches whose day 3 (6) months after the end date is on or before --as-of count; "
    "graduates of batches not yet due are left out of numerator and denominator alike "
    "(counted in graduates_not_due_6m)."
)
# One line per figure, carried in the JSON beside it; the pages show the translated text of
# training/definitions.py. R3/R6 = the day 3/6 calendar months after the batch's end date.
DEFINITION = {
    "trainees": "enrolled trainees of batches that ended on or before --as-of",
    "graduates": "those trainees marked lulus",
    "trainees_with_disability": "trainees with a disability recorded (UU 8/2016, with consent)",
    "completion_rate": "trainees who completed the training (attendance) / trainees",
    "graduation_rate": "graduates (lulus) / trainees",
    "certification_rate": "graduates certified competent (kompeten) / graduates",
    "placement_3m_rate": "graduates working at R3 (formal, informal or self-employed; work "
    "started before the batch ended counts from the end date) / graduates; a graduate never "
    "traced counts as not known to work." + _DUE.replace(" (6)", ""),
    "placement_6m_rate": "graduates working at R6 (formal, informal or self-employed) / "
    "graduates; a graduate never traced counts as not known to work." + _DUE.replace("3 (6)", "6"),
    "traced_6m_rate": "graduates with a known status at R6 / graduates."
    + _DUE.replace("3 (6)", "6"),
    "formal_6m_rate": "graduates in formal employment (employee with a contract) at R6 / "
    "graduates." + _DUE.replace("3 (6)", "6"),
    "informal_6m_rate": "graduates in informal work (own-account, casual, family) at R6 / "
    "graduates; work whose formality was not recorded is in placement_6m_rate only."
    + _DUE.replace("3 (6)", "6"),
    "selfemployed_6m_rate": "graduates self-employed (wirausaha) at R6 / graduates."
    + _DUE.replace("3 (6)", "6"),
    "median_months_to_work": "median of days from the batch's end date to the start of the "
    "first work (job or business) begun by R6 and still held after the end (0 if begun "
    "before the end) / 30.4375, over graduates of batches due at 6 months who worked within "
    "6 months; null when there are none",
}


def blk_figures(tally: BlkTally) -> dict[str, Any]:
    """The published BLK set: rates as value/numerator/denominator/definition, counts plain,
    and `definitions` with every figure's one-line definition."""
    c = tally.counts
    days = median_days(tally.waits)
    result: dict[str, Any] = {
        "trainees": c["trainees"],
        "graduates": c["graduates"],
        "trainees_with_disability": c["with_disability"],
        "graduates_not_due_6m": c["not_due_6m"],
        "completion_rate": rate(c["completed"], c["trainees"]),
        "graduation_rate": rate(c["graduates"], c["trainees"]),
        "certification_rate": rate(c["certified"], c["graduates"]),
        "placement_3m_rate": rate(c["working_3m"], c["due_3m"]),
        "placement_6m_rate": rate(c["working_6m"], c["due_6m"]),
        "traced_6m_rate": rate(c["traced_6m"], c["due_6m"]),
        "formal_6m_rate": rate(c["formal_6m"], c["due_6m"]),
        "informal_6m_rate": rate(c["informal_6m"], c["due_6m"]),
        "selfemployed_6m_rate": rate(c["selfemployed_6m"], c["due_6m"]),
        "median_months_to_work": None if days is None else round(days / DAYS_PER_MONTH, 2),
        "worked_within_6m": sum(tally.waits.values()),
    }
    for name in RATE_NAMES:
        result[name]["definition"] = DEFINITION[name]
    result["definitions"] = dict(DEFINITION)
    return result
