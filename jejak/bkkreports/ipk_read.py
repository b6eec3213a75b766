"""Read one BKK's registrations and vacancies as IPK units (see `ipk.Unit`): a handful of
queries per BKK and period, whatever the number of records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from jejak.bkkreports import ipk
from jejak.jobs.models import Placement, Vacancy
from jejak.organisations.models import Organisation
from jejak.reference.models import EducationLevel, Industry, Major
from jejak.seekers.models import EndReason, Registration, age_band


def _majors() -> tuple[tuple[int, str, int | None], ...]:
    return tuple(Major.objects.values_list("pk", "code", "parent_id"))


def bidang_of_majors() -> dict[int, str]:
    """Major id -> the number of its bidang keahlian (the root of the Spektrum tree)."""
    rows = {pk: (code, parent) for pk, code, parent in _majors()}
    # (read per report, not cached: reference ids change when a test database is reloaded)

    def root(pk: int) -> str:
        code, parent = rows[pk]
        return root(parent) if parent is not None and parent in rows else code

    return {pk: root(pk) for pk in rows}


def bidang_numbers() -> list[str]:
    """The bidang rows of III/2 and III/4, in the Spektrum's numeric order."""
    roots = {code for _pk, code, parent in _majors() if parent is None}
    return sorted(roots, key=lambda code: (len(code), code))


def division_sections() -> dict[str, str]:
    """KBLI 2020 two-digit division -> section letter, from the sections' division ranges."""
    result = {}
    for code, spans in Industry.objects.values_list("code", "divisions"):
        for span in filter(None, spans.split(",")):
            low, _dash, high = span.strip().partition("-")
            for number in range(int(low), int(high or low) + 1):
                result[f"{number:02d}"] = code
    return result


def kbli_section(industry_id: str | None, kbli: str, divisions: dict[str, str]) -> str:
    """The KBLI section (A-U) of a record: its section if set, else from its KBLI code
    (`divisions` from `division_sections()`)."""
    if industry_id:
        return industry_id
    return divisions.get(kbli[:2], ipk.UNKNOWN)


def education_row(level: str, bidang: set[str]) -> str:
    """III/2 and III/4 leaf row: the level, or for SMK its one bidang ("SMK:?" otherwise)."""
    if level != EducationLevel.SMK:
        return level if level in ipk.EDUCATION_LEVELS else ipk.UNKNOWN
    return f"{ipk.SMK}:{next(iter(bidang))}" if len(bidang) == 1 else f"{ipk.SMK}:{ipk.UNKNOWN}"


def _in_range(start: dt.date, end: dt.date) -> Q:
    return Q(registered_on__lte=end) & (Q(ended_on=None) | Q(ended_on__gte=start))


def first_sought(registration_ids: Iterable[int]) -> dict[int, str]:
    """Registration id -> the KBJI code of the first job sought as recorded."""
    through = Registration.occupations_sought.through
    first: dict[int, str] = {}
    rows = (
        through.objects.filter(registration_id__in=list(registration_ids))
        .order_by("registration_id", "id")
        .values_list("registration_id", "occupation_id")
    )
    for registration_id, code in rows:
        first.setdefault(registration_id, code)
    return first


def _placements_of(organisation: Organisation, rows: list[Any]) -> dict[int, Any]:
    """Registration id -> its placement (linked, else the BKK's placement of that alumnus
    starting on the day the registration ended as placed)."""
    placed = [r for r in rows if r["end_reason"] == EndReason.PLACED]
    linked = {r["placement_id"] for r in placed if r["placement_id"]}
    by_day = {(r["alumnus_id"], r["ended_on"]) for r in placed if not r["placement_id"]}
    found = Placement.objects.filter(
        Q(pk__in=linked)
        | Q(organisation=organisation, alumnus_id__in={a for a, _d in by_day},
            start_date__in={d for _a, d in by_day})
    ).values("pk", "alumnus_id", "start_date", "kind", "industry_id", "kbli")  # fmt: skip
    by_pk = {p["pk"]: p for p in found}
    by_alumnus_day = {(p["alumnus_id"], p["start_date"]): p for p in found}
    result = {}
    for row in placed:
        match = by_pk.get(row["placement_id"]) or by_alumnus_day.get(
            (row["alumnus_id"], row["ended_on"])
        )
        if match:
            result[row["pk"]] = match
    return result


def seeker_units(organisation: Organisation, start: dt.date, end: dt.date) -> list[ipk.Unit]:
    """One unit per registration that touches [start, end] (open at some point in it or
    before it and still open)."""
    rows = list(
        Registration.objects.filter(_in_range(start, end), organisation=organisation).values(
            "pk",
            "alumnus_id",
            "alumnus__sex",
            "alumnus__birth_date",
            "registered_on",
            "ended_on",
            "end_reason",
            "education",
            "major_id",
            "placement_id",
        )
    )
    bidang = bidang_of_majors()
    sought = first_sought(r["pk"] for r in rows)
    placements = _placements_of(organisation, rows)
    divisions = division_sections()
    units = []
    for row in rows:
        placement = placements.get(row["pk"])
        section = (
            kbli_section(placement["industry_id"], placement["kbli"], divisions)
            if placement
            else ipk.UNKNOWN
        )
        major = {bidang[row["major_id"]]} if row["major_id"] in bidang else set()
        units.append(ipk.Unit(
            sex=row["alumnus__sex"], entered=row["registered_on"], left=row["ended_on"],
            placed=row["end_reason"] == EndReason.PLACED,
            keys={"III/1": age_band(row["alumnus__birth_date"], row["registered_on"]),
                  "III/2": education_row(row["education"], major),
                  "III/3": (sought.get(row["pk"]) or ipk.UNKNOWN)[:1],
                  "III/7": section},
            kind=placement["kind"] if placement else "", education=row["education"],
        ))  # fmt: skip
    return units


def split_positions(male: int, female: int, either: int) -> dict[str, int]:
    """Positions per sex column: positions open to either sex split in two, the odd one in L
    (the form has only L and P; see ipk.DEFINITIONS)."""
    return {"L": male + (either + 1) // 2, "P": female + either // 2}


def closing_day(vacancy: Any) -> dt.date:
    """When a vacancy leaves the register: closed, marked filled or past its deadline."""
    days = [vacancy["closes_on"], vacancy["closed_on"], vacancy["filled_on"]]
    return min(day for day in days if day is not None)


def vacancy_units(organisation: Organisation, start: dt.date, end: dt.date) -> list[ipk.Unit]:
    """Units of positions of the vacancies the BKK registered that touch [start, end]: the
    filled ones (one per placement through the vacancy) and the rest removed at closing."""
    vacancies = list(
        Vacancy.objects.filter(
            posted_by_org=organisation, registered_on__lte=end, closes_on__gte=start
        ).values(
            "pk",
            "registered_on",
            "closes_on",
            "closed_on",
            "filled_on",
            "education",
            "occupation_id",
            "industry_id",
            "kbli",
            "openings_male",
            "openings_female",
            "openings_any",
        )
    )
    ids = [v["pk"] for v in vacancies]
    bidang, divisions = bidang_of_majors(), division_sections()
    majors: dict[int, set[str]] = defaultdict(set)
    for vacancy_id, major_id in Vacancy.majors.through.objects.filter(
        vacancy_id__in=ids
    ).values_list("vacancy_id", "major_id"):
        majors[vacancy_id].add(bidang.get(major_id, ipk.UNKNOWN))
    fills: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for vacancy_id, day, sex in (
        Placement.objects.filter(vacancy_id__in=ids)
        .order_by("start_date", "pk")
        .values_list("vacancy_id", "start_date", "alumnus__sex")
    ):
        fills[vacancy_id].append((day, sex))
    units: list[ipk.Unit] = []
    for vacancy in vacancies:
        keys = {
            "III/4": education_row(vacancy["education"], majors[vacancy["pk"]]),
            "III/5": (vacancy["occupation_id"] or ipk.UNKNOWN)[:1],
            "III/6": kbli_section(vacancy["industry_id"], vacancy["kbli"], divisions),
        }
        units.extend(_position_units(vacancy, keys, fills[vacancy["pk"]]))
    return units


def _position_units(
    vacancy: Any, keys: dict[str, str], fills: list[tuple[dt.date, str]]
) -> list[ipk.Unit]:
    entered, closing = vacancy["registered_on"], closing_day(vacancy)
    left = split_positions(
        vacancy["openings_male"], vacancy["openings_female"], vacancy["openings_any"]
    )
    units = []
    for day, sex in fills:
        column = sex if left.get(sex, 0) > 0 else next((s for s in ipk.SEXES if left[s] > 0), "")
        if not column:
            break  # more placements than positions: the rest fill nothing the form counts
        left[column] -= 1
        filled = max(min(day, closing), entered)
        units.append(ipk.Unit(column, entered, filled, placed=True, keys=keys))
    for column, count in left.items():
        if count:
            units.append(ipk.Unit(column, entered, closing, placed=False, keys=keys, count=count))
    return units
