"""The indicator set, computed from plain rows: no database, no Django.

One alumnus contributes to a `Tally` (counters plus a histogram of waiting days); tallies
add up, so a school's, a regency's or a province's figures are the sum of its schools'
tallies, and `figures()` turns any tally into the published indicator set. The rollup table
stores tallies, which is why figures served from it equal a full recomputation exactly.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jejak.indicators.minimum_wage import MinimumWage

WORKING, STUDYING, SELF_EMPLOYED, LOOKING = "bekerja", "melanjutkan", "wirausaha", "mencari_kerja"
ACTIVITIES = (WORKING, STUDYING, SELF_EMPLOYED, LOOKING, "belum_memungkinkan", "lainnya")
BMW = {WORKING, STUDYING, SELF_EMPLOYED}
JOB = {WORKING, SELF_EMPLOYED}
PLACEMENT_SOURCE = "placement"
# Months are average Gregorian months: waiting days / 30.4375 (= 365.25 / 12).
DAYS_PER_MONTH = 30.4375
WITHIN_6M_DAYS = 182  # the last whole day within 6 average months (182.625 days)
WITHIN_12M_DAYS = 365  # the last whole day within 12 average months (365.25 days)


@dataclass(frozen=True)
class Event:
    """One dated outcome of one alumnus, with the details indicators read."""

    activity: str
    start_date: dt.date
    recorded_at: dt.datetime
    source: str = ""
    work_region: str | None = None  # Kemendagri code of the workplace (regency or province)
    work_country: str = ""  # set when the workplace is abroad
    formal: bool | None = None
    income: int | None = None
    alignment: int | None = None  # keselarasan 1-4
    kbji: str = ""  # occupation code; its first digit is the KBJI major group
    kbli: str = ""  # KBLI 2020 section letter


@dataclass
class AlumnusRow:
    """An alumnus of a cohort, with what the splits need and their outcome history."""

    school: int
    cohort: int
    graduation: dt.date
    reference: dt.date
    school_province: str
    sex: str = ""
    disability: bool = False
    major: int | None = None
    school_class: int | None = None
    submitted: bool = False  # a submitted core response in a campaign for the cohort
    events: list[Event] = field(default_factory=list)


def is_abroad(event: Event) -> bool:
    country = event.work_country.strip().lower()
    return bool(country) and country not in {"indonesia", "id"}


def placement_kind(event: Event, school_province: str) -> str:
    """AKL within the school's province, AKAD in another, AKAN abroad; '' when unknown."""
    if is_abroad(event):
        return "akan"
    if not event.work_region:
        return ""
    return "akl" if event.work_region[:2] == school_province else "akad"


def status_at(events: Iterable[Event], reference: dt.date) -> Event | None:
    """The latest event starting on or before `reference`; a later record wins a tie."""
    dated = [e for e in events if e.start_date <= reference]
    return max(dated, key=lambda e: (e.start_date, e.recorded_at), default=None)


def first_job(events: Iterable[Event], reference: dt.date) -> Event | None:
    """The earliest bekerja or wirausaha event that starts on or before `reference`."""
    jobs = [e for e in events if e.activity in JOB and e.start_date <= reference]
    return min(jobs, key=lambda e: (e.start_date, e.recorded_at), default=None)


def wait_days(job: Event, graduation: dt.date) -> int:
    """Days from graduation to the job's start; 0 when the job began before graduating."""
    return max((job.start_date - graduation).days, 0)


# (workplace region, reference year) -> the minimum wage in force; see minimum_wage.py.
UmkLookup = Callable[[str, int], MinimumWage | None]


@dataclass
class Tally:
    """Additive counts behind every figure. `waits` maps waiting days to alumni."""

    counts: Counter[str] = field(default_factory=Counter)
    waits: Counter[int] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.waits.update(other.waits)

    def as_json(self) -> dict[str, Any]:
        return {
            "counts": {k: v for k, v in sorted(self.counts.items()) if v},
            "waits": {str(k): v for k, v in sorted(self.waits.items()) if v},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(
            Counter(data.get("counts", {})),
            Counter({int(k): v for k, v in data.get("waits", {}).items()}),
        )


def tally_alumnus(row: AlumnusRow, umk: UmkLookup) -> Tally:
    """What one alumnus adds to every numerator, denominator and count."""
    tally = Tally()
    c = tally.counts
    c["cohort_size"] += 1
    c["participated"] += row.submitted
    status = status_at(row.events, row.reference)
    if status is None:
        return tally
    c["known"] += 1
    c[f"status:{status.activity}"] += 1
    c["bmw"] += status.activity in BMW
    job = first_job(row.events, row.reference)
    if job is not None:
        days = wait_days(job, row.graduation)
        tally.waits[days] += 1
        c["job_6m"] += days <= WITHIN_6M_DAYS
        c["job_12m"] += days <= WITHIN_12M_DAYS
    if status.activity in JOB and status.alignment is not None:
        c["alignment_answered"] += 1
        c["aligned"] += status.alignment >= 3
    if status.activity == WORKING:
        _tally_work(c, row, status, umk)
    return tally


def _tally_work(c: Counter[str], row: AlumnusRow, status: Event, umk: UmkLookup) -> None:
    c["work:" + (placement_kind(status, row.school_province) or "unknown")] += 1
    c["formal:" + {True: "yes", False: "no", None: "unknown"}[status.formal]] += 1
    c["kbji:" + (status.kbji[:1] or "unknown")] += 1
    c["kbli:" + (status.kbli or "unknown")] += 1
    c["work_sex:" + (row.sex or "unknown")] += 1
    c["work_disability:" + ("yes" if row.disability else "no")] += 1
    c["bkk_placed"] += status.source == PLACEMENT_SOURCE
    if status.income is None:
        return
    minimum = None
    if not is_abroad(status) and status.work_region:
        minimum = umk(status.work_region, row.reference.year)
    if minimum is None:
        c["income_without_umk"] += 1  # abroad, region unknown, or no UMK/UMP in force
        return
    c["income_answered"] += 1
    c["income_at_umk"] += status.income >= minimum.amount
    c[f"wage_basis:{minimum.kind}:{minimum.year}"] += 1


def tally_rows(rows: Iterable[AlumnusRow], umk: UmkLookup) -> Tally:
    total = Tally()
    for row in rows:
        total.add(tally_alumnus(row, umk))
    return total


def split_rows(
    rows: Iterable[AlumnusRow], key: Callable[[AlumnusRow], Any], umk: UmkLookup
) -> dict[Any, Tally]:
    """One tally per value of `key` (major, class, sex, school, …)."""
    groups: dict[Any, Tally] = {}
    for row in rows:
        groups.setdefault(key(row), Tally()).add(tally_alumnus(row, umk))
    return groups


def rate(numerator: int, denominator: int) -> dict[str, Any]:
    value = round(numerator / denominator, 4) if denominator else None
    return {"value": value, "numerator": numerator, "denominator": denominator}


def median_days(waits: Counter[int]) -> float | None:
    """The median of a histogram of whole days (mean of the two middle values if even)."""
    total = sum(waits.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for days in sorted(waits):
        seen += waits[days]
        while len(found) < 2 and middle[len(found)] < seen:
            found.append(days)
    return (found[0] + found[1]) / 2


def _group(counts: Counter[str], prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: v for k, v in sorted(counts.items()) if k.startswith(prefix) and v}


def _income_rate(c: Counter[str]) -> dict[str, Any]:
    """The income rate, with the minimum wage it was compared with: the kind and year used
    for most alumni (UMK before UMP, then the later year, on a tie), and every one used."""
    bases: list[dict[str, Any]] = []
    for key, count in c.items():
        if key.startswith("wage_basis:") and count:
            _prefix, kind, year = key.split(":")
            bases.append({"kind": kind, "year": int(year), "count": count})
    bases.sort(key=lambda b: (-b["count"], b["kind"] != "UMK", -b["year"]))
    result = rate(c["income_at_umk"], c["income_answered"])
    result["minimum_wage"] = {"kind": bases[0]["kind"], "year": bases[0]["year"]} if bases else None
    result["minimum_wages"] = bases
    return result


RATE_NAMES = (
    "participation_rate", "knowledge_rate", "bmw_rate", "working_rate", "studying_rate",
    "selfemployed_rate", "looking_rate", "keselarasan_rate", "job_within_6m_rate",
    "job_within_12m_rate", "income_at_or_above_umk_rate",
)  # fmt: skip


def figures(tally: Tally) -> dict[str, Any]:
    """The published indicator set: rates as value/numerator/denominator, counts plain."""
    c = tally.counts
    size, known = c["cohort_size"], c["known"]
    days = median_days(tally.waits)
    return {
        "cohort_size": size,
        "participation_rate": rate(c["participated"], size),
        "knowledge_rate": rate(known, size),
        "bmw_rate": rate(c["bmw"], known),
        "working_rate": rate(c[f"status:{WORKING}"], known),
        "studying_rate": rate(c[f"status:{STUDYING}"], known),
        "selfemployed_rate": rate(c[f"status:{SELF_EMPLOYED}"], known),
        "looking_rate": rate(c[f"status:{LOOKING}"], known),
        "keselarasan_rate": rate(c["aligned"], c["alignment_answered"]),
        "median_wait_months": None if days is None else round(days / DAYS_PER_MONTH, 2),
        "wait_count": sum(tally.waits.values()),
        "job_within_6m_rate": rate(c["job_6m"], known),
        "job_within_12m_rate": rate(c["job_12m"], known),
        "income_at_or_above_umk_rate": _income_rate(c),
        "income_without_umk": c["income_without_umk"],
        "status_counts": _group(c, "status:"),
        "placements": {
            "working": c[f"status:{WORKING}"],
            "by_bkk": c["bkk_placed"],
            "by_kind": _group(c, "work:"),
            "by_formal": _group(c, "formal:"),
            "by_kbji_group": _group(c, "kbji:"),
            "by_kbli_section": _group(c, "kbli:"),
            "by_sex": _group(c, "work_sex:"),
            "by_disability": _group(c, "work_disability:"),
        },
    }
