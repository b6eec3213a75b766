"""The indicator set, computed from plain rows: no database, no Django.

One alumnus contributes to a `Tally` (counters plus a histogram of waiting days); tallies
add up, so a school's, a regency's or a province's figures are the sum of its schools'
tallies, and `figures()` turns any tally into the published indicator set. The rollup table
stores tallies, which is why figures served from it equal a full recomputation exactly.

What the figures mean (README, "What the indicators mean", says the same for people):
- status at R: `current_report`, the most recently made report among those begun by R;
- two activities at once count once, under the first in `PRIORITY`; BMW excludes courses;
- masa tunggu runs to the first job (`first_job`), which a later job never moves.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jejak.indicators.minimum_wage import MinimumWage

WORKING, STUDYING, SELF_EMPLOYED, LOOKING = "bekerja", "melanjutkan", "wirausaha", "mencari_kerja"
COURSE, NOT_YET, OTHER = "kursus", "belum_memungkinkan", "lainnya"
ACTIVITIES = (WORKING, STUDYING, SELF_EMPLOYED, LOOKING, NOT_YET, COURSE, OTHER)
BMW = {WORKING, STUDYING, SELF_EMPLOYED}  # a course (kursus) is not BMW
JOB = {WORKING, SELF_EMPLOYED}
# Counting once: a person with two concurrent activities at R is counted under the first of
# these (working while studying counts as working, in BMW once); the other activity shows
# in `activity_counts` and `concurrent_counts`.
PRIORITY = (WORKING, SELF_EMPLOYED, STUDYING, COURSE, LOOKING, NOT_YET, OTHER)
PLACEMENT_SOURCE = "placement"
# Months are average Gregorian months: waiting days / 30.4375 (= 365.25 / 12).
DAYS_PER_MONTH = 30.4375
WITHIN_6M_DAYS = 182  # the last whole day within 6 average months (182.625 days)
WITHIN_12M_DAYS = 365  # the last whole day within 12 average months (365.25 days)


@dataclass(frozen=True)
class Event:
    """One dated outcome of one alumnus, with the details indicators read.

    `reported_at` is when the report was made (defaults to `recorded_at`); `report` names
    the report when it holds several concurrent events (they share it), else None.
    """

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
    reported_at: dt.datetime | None = None
    report: int | None = None
    employment_status: str = ""  # Sakernas category, "" when not asked
    first_job_start: dt.date | None = None  # set when the current job is not the first
    job_changes: int | None = None

    @property
    def reported(self) -> dt.datetime:
        return self.reported_at or self.recorded_at


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


def _report_order(event: Event) -> tuple[dt.datetime, dt.date, dt.datetime]:
    # Reports made at the same moment (old rows, one import run): the later start, then
    # the later record, wins, as the rule was before reports were dated.
    return (event.reported, event.start_date, event.recorded_at)


def current_report(events: Iterable[Event], reference: dt.date) -> list[Event]:
    """What the alumnus was doing at `reference`: the events of the most recently made
    report among those whose activity had started by then, whenever it was made (a
    campaign's answers arrive after its reference date and count for it). A report with
    two concurrent activities gives both, if both had started."""
    started = [e for e in events if e.start_date <= reference]
    if not started:
        return []
    latest = max(started, key=_report_order)
    if latest.report is None:
        return [latest]
    return [e for e in started if e.report == latest.report]


def by_priority(events: Iterable[Event]) -> list[Event]:
    """Events ordered by `PRIORITY`, the one a person is counted under first."""
    return sorted(events, key=lambda e: PRIORITY.index(e.activity) if e.activity in PRIORITY
                  else len(PRIORITY))  # fmt: skip


def status_at(events: Iterable[Event], reference: dt.date) -> Event | None:
    """The event a person is counted under at `reference` (see `current_report`,
    `PRIORITY`); None when nothing had started by then."""
    current = by_priority(current_report(events, reference))
    return current[0] if current else None


def superseded_on(event: Event, events: Iterable[Event]) -> dt.date | None:
    """The derived end of `event`: the earliest start among reports made after it (from
    that day on, a fresher report speaks for the alumnus); None while nothing supersedes
    it. An end on or before its start means a later report replaced it entirely."""
    later = [
        e.start_date
        for e in events
        if _report_order(e) > _report_order(event)
        and not (event.report is not None and e.report == event.report)
    ]
    return min(later, default=None)


@dataclass(frozen=True)
class FirstJob:
    """When the first job (work or business) began, as far as the history tells by R."""

    start: dt.date | None  # None: no job by R, or a job whose first start is unknown
    unknown: bool = False  # a job by R, but the first one's start was not given


def first_job(events: Iterable[Event], reference: dt.date) -> FirstJob:
    """The start of the first job begun on or before `reference`.

    Each job event says when the first job began: its `first_job_start` when the current
    job is not the first, else its own start. A job event with job changes but no first
    start only says the first job began before it, so it leaves the date unknown unless
    another event gives an earlier one. A later job never makes the wait grow: the
    earliest known start wins.
    """
    known: list[dt.date] = []
    unknown_before: list[dt.date] = []
    for e in events:
        if e.activity not in JOB:
            continue
        if e.first_job_start is not None:
            known.append(min(e.first_job_start, e.start_date))
        elif e.job_changes:
            unknown_before.append(e.start_date)
        else:
            known.append(e.start_date)
    earliest = min((d for d in known if d <= reference), default=None)
    blind = [d for d in unknown_before if d <= reference]
    if blind and (earliest is None or min(blind) < earliest):
        return FirstJob(None, unknown=True)
    return FirstJob(earliest)


def wait_days(start: dt.date, graduation: dt.date) -> int:
    """Days from graduation to the first job's start; 0 when it began before graduating."""
    return max((start - graduation).days, 0)


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


def tally_alumnus(row: AlumnusRow, umk: UmkLookup, into: Tally | None = None) -> Tally:
    """What one alumnus adds to every numerator, denominator and count: a tally of its own,
    or added straight into `into` (no tally per alumnus to create and add up)."""
    tally = Tally() if into is None else into
    c = tally.counts
    c["cohort_size"] += 1
    c["participated"] += row.submitted
    current = by_priority(current_report(row.events, row.reference))
    if not current:
        return tally
    status = current[0]
    c["known"] += 1
    c[f"status:{status.activity}"] += 1
    c["bmw"] += status.activity in BMW
    _tally_activities(c, current)
    _tally_first_job(tally, row)
    if status.activity in JOB:
        c["employment:" + (status.employment_status or "unknown")] += 1
    if status.activity in JOB and status.alignment is not None:
        c["alignment_answered"] += 1
        c["aligned"] += status.alignment >= 3
    if status.activity == WORKING:
        _tally_work(c, row, status, umk)
    return tally


def _tally_activities(c: Counter[str], current: list[Event]) -> None:
    """Every activity held at R, and which pairs are held together (each person once)."""
    activities = list(dict.fromkeys(e.activity for e in current))
    for activity in activities:
        c[f"activity:{activity}"] += 1
    if len(activities) > 1:
        c["concurrent:" + "+".join(activities)] += 1


def _tally_first_job(tally: Tally, row: AlumnusRow) -> None:
    job = first_job(row.events, row.reference)
    if job.unknown:
        tally.counts["wait_unknown"] += 1
    if job.start is None:
        return
    days = wait_days(job.start, row.graduation)
    tally.waits[days] += 1
    tally.counts["job_6m"] += days <= WITHIN_6M_DAYS
    tally.counts["job_12m"] += days <= WITHIN_12M_DAYS


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


def _groups(counts: Counter[str]) -> dict[str, dict[str, int]]:
    """The non-zero counts of every "prefix:" family, each sorted by key: one pass over the
    counts (figures() reads ten families; a refresh computes figures for every rollup)."""
    found: dict[str, dict[str, int]] = {}
    for key, value in sorted(counts.items()):
        prefix, colon, rest = key.partition(":")
        if colon and value:
            found.setdefault(prefix + colon, {})[rest] = value
    return found


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
    "participation_rate", "knowledge_rate", "bmw_rate", "penyerapan_rate", "working_rate",
    "studying_rate",
    "selfemployed_rate", "course_rate", "looking_rate", "keselarasan_rate",
    "job_within_6m_rate", "job_within_12m_rate", "income_at_or_above_umk_rate",
)  # fmt: skip

# One line per figure, carried in the JSON beside it (pages show the longer, translated
# text of indicators/definitions.py). R is the reference date; "status" is the activity a
# person is counted under at R (see `current_report` and `PRIORITY`).
DEFINITION = {
    "cohort_size": "alumni of the cohort in the school register",
    "participation_rate": "alumni with a submitted core answer in a campaign for the cohort "
    "/ cohort size",
    "knowledge_rate": "alumni with a status at R from any source / cohort size",
    "bmw_rate": "alumni working, self-employed or studying at R, each counted once (course "
    "not included) / alumni with a known status",
    "penyerapan_rate": "alumni working, self-employed or studying at R (one year after "
    "graduation by default), each counted once / all graduates of the cohort; closest "
    "documented reading of the Rapor Pendidikan indicator A.4 'penyerapan lulusan SMK'",
    "working_rate": "status bekerja at R (work while studying counts here) / known status",
    "studying_rate": "status melanjutkan at R (not also working or self-employed) / known status",
    "selfemployed_rate": "status wirausaha at R (not also working) / known status",
    "course_rate": "status kursus/pelatihan at R (not also working or studying; not BMW) / "
    "known status",
    "looking_rate": "status mencari kerja at R / known status",
    "keselarasan_rate": "working or self-employed at R answering keselarasan 3-4 / those "
    "answering it",
    "median_wait_months": "same as first_job_wait_months (kept for compatibility)",
    "first_job_wait_months": "median of days from graduation to the first job or business "
    "begun by R (0 if before graduating) / 30.4375",
    "wait_count": "alumni behind the median wait",
    "wait_unknown": "alumni with a job by R who changed jobs but gave no first-job start",
    "job_within_6m_rate": "first job begun within 182 days of graduation and by R / known status",
    "job_within_12m_rate": "first job begun within 365 days of graduation and by R / known status",
    "income_at_or_above_umk_rate": "working at R with monthly income >= the UMK of the "
    "workplace regency for R's year / working who answered income, with a UMK",
    "income_without_umk": "working who answered income but have no UMK (abroad, region "
    "unknown or no UMK recorded)",
    "status_counts": "alumni by status at R, each counted once (PRIORITY order)",
    "activity_counts": "alumni by every activity held at R, concurrent ones included",
    "concurrent_counts": "alumni holding two activities at R, by pair",
    "employment_status_counts": "working or self-employed at R by Sakernas employment status",
}


def figures(tally: Tally, *, definitions: bool = True) -> dict[str, Any]:
    """The published indicator set: rates as value/numerator/denominator/definition,
    counts plain; `definitions` holds every figure's one-line definition.

    `definitions=False` leaves the (constant) definition texts out, as the rollup tables
    store them: two thirds of the bytes; `with_definitions` puts them back on reading."""
    c = tally.counts
    group = _groups(c)
    size, known = c["cohort_size"], c["known"]
    days = median_days(tally.waits)
    wait = None if days is None else round(days / DAYS_PER_MONTH, 2)
    result: dict[str, Any] = {
        "cohort_size": size,
        "participation_rate": rate(c["participated"], size),
        "knowledge_rate": rate(known, size),
        "bmw_rate": rate(c["bmw"], known),
        # The quality report's reading: the unknown count against the school (all graduates).
        "penyerapan_rate": rate(c["bmw"], size),
        "working_rate": rate(c[f"status:{WORKING}"], known),
        "studying_rate": rate(c[f"status:{STUDYING}"], known),
        "selfemployed_rate": rate(c[f"status:{SELF_EMPLOYED}"], known),
        "course_rate": rate(c[f"status:{COURSE}"], known),
        "looking_rate": rate(c[f"status:{LOOKING}"], known),
        "keselarasan_rate": rate(c["aligned"], c["alignment_answered"]),
        "median_wait_months": wait,
        "first_job_wait_months": wait,
        "wait_count": sum(tally.waits.values()),
        "wait_unknown": c["wait_unknown"],
        "job_within_6m_rate": rate(c["job_6m"], known),
        "job_within_12m_rate": rate(c["job_12m"], known),
        "income_at_or_above_umk_rate": _income_rate(c),
        "income_without_umk": c["income_without_umk"],
        "status_counts": group.get("status:", {}),
        "activity_counts": group.get("activity:", {}),
        "concurrent_counts": group.get("concurrent:", {}),
        "employment_status_counts": group.get("employment:", {}),
        "placements": {
            "working": c[f"status:{WORKING}"],
            "by_bkk": c["bkk_placed"],
            "by_kind": group.get("work:", {}),
            "by_formal": group.get("formal:", {}),
            "by_kbji_group": group.get("kbji:", {}),
            "by_kbli_section": group.get("kbli:", {}),
            "by_sex": group.get("work_sex:", {}),
            "by_disability": group.get("work_disability:", {}),
        },
    }
    return with_definitions(result) if definitions else result


def with_definitions(result: dict[str, Any]) -> dict[str, Any]:
    """Figures with every rate's definition and the `definitions` table (in place)."""
    for name, item in result.items():
        if isinstance(item, dict) and "numerator" in item:
            item["definition"] = DEFINITION[name]
    result["definitions"] = dict(DEFINITION)
    return result
