"""Rollups: each (school, cohort) tally, whole and split, kept in the Rollup table.

Writers call `mark_stale`, which only marks (no task per answer); the scheduler's periodic
pass (`refresh_stale_rollups`, every minute) recomputes stale rollups from raw rows, many
schools per query; pages never recompute, they show the figures they have and their age;
`detect_changes` catches writes that did not call `mark_stale` (bulk inserts by other apps)
by comparing cheap per-(school, cohort) fingerprints.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, Count, F, JSONField, Max, Q, Value, When
from django.utils import timezone

from jejak.alumni.models import Alumnus
from jejak.indicators.compute import AlumnusRow, Tally, UmkLookup, figures, tally_alumnus
from jejak.indicators.models import AreaRollup, Rollup, RollupState, Split
from jejak.indicators.reading import graduation_dates, load_rows, one_year_after, umk_lookup
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.tracer.models import Response

# The splits a school rollup is stored by, and each alumnus's value (`_cell` gives all four
# at once, in this order, without a call per split).
SPLIT_KEYS = {
    Split.MAJOR: lambda r: str(r.major or ""),
    Split.CLASS: lambda r: str(r.school_class or ""),
    Split.SEX: lambda r: r.sex,
    Split.DISABILITY: lambda r: "yes" if r.disability else "no",
}
SPLITS = tuple(SPLIT_KEYS)


def mark_stale(organisation_id: int, cohort: int | None) -> None:
    """Something about this school's cohort changed: recompute its rollup soon.

    The version always moves (a refresh that raced this change stays stale). Nothing is
    queued here: the scheduler's periodic pass refreshes every stale rollup in batches, so
    a busy survey day costs one pass a minute, not a task per answer.
    """
    if cohort is None:
        return
    states = RollupState.objects.filter(organisation_id=organisation_id, cohort=cohort)
    bump = F("version") + 1
    if states.filter(stale=True).update(version=bump):
        return  # already waiting for its refresh: the usual case while answers pour in
    turned = states.filter(stale=False).update(stale=True, version=bump)
    if not turned and not states.update(version=bump):  # changed meanwhile
        province = (
            Organisation.objects.filter(pk=organisation_id)
            .values_list("province_code", flat=True)
            .first()
        )
        _state, turned = RollupState.objects.get_or_create(
            organisation_id=organisation_id,
            cohort=cohort,
            defaults={"province_code": province or "", "stale": True},
        )


def mark_all_stale() -> None:
    """Reference data every figure may read changed (a UMK value): recompute everything."""
    RollupState.objects.update(stale=True, version=F("version") + 1)


# Schools recomputed per batch: their cohort's rows are read in one go (a handful of
# queries for all of them) and their rollups replaced in one transaction. A province's
# schools (2,000; 200,000 alumni a cohort, what `indicators --region` holds too) fit in
# one: each batch's reads scan the cohort's events and answers, so batches of 200 cost a
# full-size province refresh 65 s against 47 s in one batch per cohort.
BATCH_SCHOOLS = 2000


def _cell(row: AlumnusRow) -> tuple[str, str, str, str]:
    """An alumnus's value of every split, in SPLITS order."""
    return (str(row.major or ""), str(row.school_class or ""), row.sex,
            "yes" if row.disability else "no")  # fmt: skip


def _school_groups(rows: list[AlumnusRow], umk: UmkLookup) -> dict[tuple[str, str], Tally]:
    """A school cohort's tally per (split, value), the whole under (ALL, "")."""
    # Each alumnus is tallied once into its cell (its value of every split at once); each
    # split's groups are sums of cells, of which a school has a few dozen at most (classes
    # nest in majors), not one addition per alumnus and split. The alumnus goes straight
    # into its cell's tally, not into a tally of its own that is then added (two counters
    # per alumnus, and an addition of each).
    cells: dict[tuple[str, str, str, str], Tally] = {}
    for row in rows:
        key = _cell(row)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Tally()
        tally_alumnus(row, umk, into=cell)
    groups: dict[tuple[str, str], Tally] = {}
    for key, tally in cells.items():
        for split, value in zip(SPLITS, key, strict=True):
            group = groups.get((split, value))
            if group is None:
                group = groups[(split, value)] = Tally()
            group.add(tally)
    # The whole is the sum of one split's groups (every alumnus has exactly one sex value,
    # "" included).
    whole = Tally()
    for (kind, _value), tally in groups.items():
        if kind == Split.SEX:
            whole.add(tally)
    groups[(Split.ALL, "")] = whole
    return groups


def _rollup_rows(
    school: Organisation, cohort: int, groups: dict[tuple[str, str], Tally], reference: dt.date
) -> list[Rollup]:
    common = {
        "organisation_id": school.pk, "province_code": school.province_code,
        "regency_code": school.region_id, "school_status": school.status, "cohort": cohort,
        "reference_date": reference,
    }  # fmt: skip
    return [
        Rollup(
            split=kind, split_value=value, tally=tally.as_json(),
            figures=_stored_figures(kind, tally), **common,
        )
        for (kind, value), tally in sorted(groups.items())
    ]  # fmt: skip


def _stored_figures(split: str, tally: Tally) -> dict[str, Any]:
    """The figures a rollup row stores: the whole's only (the table of schools and the
    regency rows read them), without the definition texts; split figures are always summed
    from tallies, so computing and storing theirs would be work nobody reads."""
    return figures(tally, definitions=False) if split == Split.ALL else {}


# What a refresh computes of a stored rollup row; the first three name it.
_STORED = ("organisation_id", "split", "split_value", "province_code", "regency_code",
           "school_status", "reference_date", "tally", "figures")  # fmt: skip


def _replace_changed(ids: list[int], cohort: int, rollups: list[Rollup]) -> None:
    """Make the schools' stored rollup rows of the cohort `rollups`, writing only the rows
    that differ: a pass after reference data changed (a UMK) mostly recomputes what is
    stored, and reading a row back costs far less than deleting and inserting it."""
    stored = {
        tuple(values[:3]): (pk, tuple(values))
        for pk, *values in Rollup.objects.filter(organisation_id__in=ids, cohort=cohort)
        .values_list("pk", *_STORED).iterator(chunk_size=2000)
    }  # fmt: skip
    keep, changed = set(), []
    for rollup in rollups:
        values = tuple(getattr(rollup, name) for name in _STORED)
        pk, before = stored.get(values[:3], (None, None))
        if before == values:
            keep.add(pk)
        else:
            changed.append(rollup)
    gone = sorted(pk for pk, _values in stored.values() if pk not in keep)
    for start in range(0, len(gone), 1000):
        Rollup.objects.filter(pk__in=gone[start : start + 1000]).delete()
    _insert(Rollup, changed)


def _insert(model: type[Rollup] | type[AreaRollup], rows: list[Any]) -> None:
    """Insert rollup rows, their JSON given as dicts. On PostgreSQL through COPY (psycopg's
    `Cursor.copy`): an INSERT of a thousand rows of ten parameters each is bound on the
    client, its text scanned and every JSON value quoted in Python, which cost a full-size
    province refresh more CPU than building the rows (and through UNNEST arrays, Django's
    choice for many rows, more still); COPY streams them as they are."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=1000)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = (f"COPY {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column or f.attname) for f in fields)}) FROM STDIN")  # fmt: skip
    names = [(f.attname, isinstance(f, JSONField)) for f in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([
                json.dumps(getattr(row, name)) if is_json else getattr(row, name)
                for name, is_json in names
            ])  # fmt: skip


@dataclass
class Written:
    """What a refresh pass wrote, summed per (regency, cohort) and (split, value), with the
    schools it covers: `refresh_areas` then reads from the table only the other schools of
    those regencies (none, in a pass over the whole province)."""

    sums: dict[tuple[str, int], dict[tuple[str, str], Tally]] = field(default_factory=dict)
    schools: dict[int, set[int]] = field(default_factory=dict)  # cohort -> school ids

    def add(self, school: Organisation, cohort: int, groups: dict[tuple[str, str], Tally]) -> None:
        if school.kind != Organisation.Kind.SCHOOL:  # areas sum schools only
            return
        area = self.sums.setdefault((school.region_id, cohort), {})
        for key, tally in groups.items():
            area.setdefault(key, Tally()).add(tally)
        self.schools.setdefault(cohort, set()).add(school.pk)


def refresh(school: Organisation, cohort: int) -> tuple[str, int]:
    """Recompute one school's cohort from raw rows and replace its rollup rows.

    Returns the (regency, cohort) whose area rollup must follow (see `refresh_areas`).
    """
    return refresh_batch([school], cohort)[0]


def refresh_batch(
    schools: Sequence[Organisation], cohort: int, written: Written | None = None
) -> list[tuple[str, int]]:
    """Recompute one cohort of many schools in one pass: their rows are read with a handful
    of queries whatever their number, and their rollups replaced in one transaction.

    A school whose state changed while we computed (a new answer) stays stale for the next
    pass. Returns the (regency, cohort) pairs whose area rollups must follow; `written`
    collects their sums for `refresh_areas`.
    """
    ids = [s.pk for s in schools]
    _states_exist(schools, cohort)
    versions = dict(
        RollupState.objects.filter(organisation_id__in=ids, cohort=cohort).values_list(
            "organisation_id", "version"
        )
    )
    by_school: dict[int, list[AlumnusRow]] = {pk: [] for pk in ids}
    for row in load_rows(schools, cohort):
        by_school[row.school].append(row)
    umk = umk_lookup()
    graduated = graduation_dates(ids, cohort)
    prints = fingerprints(schools, cohort)
    rollups = []
    for school in schools:
        rows = by_school[school.pk]
        groups = _school_groups(rows, umk)
        reference = rows[0].reference if rows else one_year_after(graduated[school.pk])
        rollups += _rollup_rows(school, cohort, groups, reference)
        if written is not None:
            written.add(school, cohort, groups)
    now = timezone.now()
    with transaction.atomic():
        _replace_changed(ids, cohort, rollups)
        # Only a state nobody touched since we read it becomes fresh: one UPDATE for the
        # batch, each row matched on the version it had.
        untouched = Q()
        for pk in ids:
            untouched |= Q(organisation_id=pk, version=versions[pk])
        RollupState.objects.filter(untouched, cohort=cohort).update(
            stale=False, computed_at=now, fingerprint=Case(
                *[When(organisation_id=pk, then=Value(prints.get((pk, cohort), "")))
                  for pk in ids],
                default=Value(""),
            ),
        )  # fmt: skip
    return sorted({(s.region_id, cohort) for s in schools})


def _states_exist(schools: Sequence[Organisation], cohort: int) -> None:
    RollupState.objects.bulk_create(
        [RollupState(organisation_id=s.pk, cohort=cohort, province_code=s.province_code)
         for s in schools],
        ignore_conflicts=True,
    )  # fmt: skip


def refresh_areas(pairs: Iterable[tuple[str, int]], written: Written | None = None) -> None:
    """Re-sum each (regency, cohort) from its schools' rollups into AreaRollup rows: one read
    and one transaction per cohort, however many regencies (a province has dozens). The
    sums a pass kept in `written` are not read back."""
    written = written or Written()
    by_cohort: dict[int, set[str]] = {}
    for regency, cohort in pairs:
        by_cohort.setdefault(cohort, set()).add(regency)
    for cohort, regencies in sorted(by_cohort.items()):
        groups: dict[tuple[str, str, str], Tally] = {}
        for regency in regencies:
            for (split, value), tally in written.sums.get((regency, cohort), {}).items():
                groups.setdefault((regency, split, value), Tally()).add(tally)
        rows = Rollup.objects.filter(
            regency_code__in=sorted(regencies), cohort=cohort,
            organisation__kind=Organisation.Kind.SCHOOL,
        ).exclude(organisation_id__in=sorted(written.schools.get(cohort, ()))).values_list(
            "regency_code", "split", "split_value", "tally"
        )  # fmt: skip
        for regency, split, value, tally in rows.iterator(chunk_size=2000):
            groups.setdefault((regency, split, value), Tally()).add(Tally.from_json(tally))
        with transaction.atomic():
            AreaRollup.objects.filter(regency_code__in=regencies, cohort=cohort).delete()
            _insert(AreaRollup, [
                AreaRollup(province_code=regency[:2], regency_code=regency, cohort=cohort,
                           split=split, split_value=value, tally=tally.as_json(),
                           figures=_stored_figures(split, tally))
                for (regency, split, value), tally in sorted(groups.items())
            ])  # fmt: skip


def refresh_stale(*, organisation_ids: Iterable[int] | None = None, limit: int = 0) -> int:
    """Refresh stale rollups (all, or those of the given schools), a batch of schools of one
    cohort at a time, then the area rollups they feed; returns how many were refreshed."""
    states = RollupState.objects.filter(stale=True).order_by("cohort", "pk")
    if organisation_ids is not None:
        states = states.filter(organisation_id__in=list(organisation_ids))
    if limit:
        states = states[:limit]
    pairs = list(states.values_list("organisation_id", "cohort"))
    schools = Organisation.objects.in_bulk({pk for pk, _ in pairs})
    by_cohort: dict[int, list[Organisation]] = {}
    for pk, cohort in pairs:
        if pk in schools:
            by_cohort.setdefault(cohort, []).append(schools[pk])
    areas: list[tuple[str, int]] = []
    written = Written()
    for cohort, members in sorted(by_cohort.items()):
        for start in range(0, len(members), BATCH_SCHOOLS):
            areas += refresh_batch(members[start : start + BATCH_SCHOOLS], cohort, written)
    refresh_areas([*areas, *missing_areas()], written)
    return len(pairs)


def missing_areas() -> list[tuple[str, int]]:
    """(regency, cohort) pairs with school rollups but no area rollup yet."""
    have = set(AreaRollup.objects.filter(split=Split.ALL).values_list("regency_code", "cohort"))
    found = (
        Rollup.objects.filter(split=Split.ALL, organisation__kind=Organisation.Kind.SCHOOL)
        .values_list("regency_code", "cohort")
        .distinct()
        .order_by()
    )
    return [pair for pair in found if pair not in have]


def fingerprints(
    schools: Sequence[Organisation], cohort: int | None = None
) -> dict[tuple[int, int], str]:
    """Per (school, cohort): counts and latest ids/times of alumni, events and responses;
    of one cohort only when given (a refresh batch), else of all."""
    ids = [s.pk for s in schools]
    one = {} if cohort is None else {"cohort": cohort}
    through = {} if cohort is None else {"alumnus__cohort": cohort}
    prints: dict[tuple[int, int], list[str]] = {}

    def add(query: Any, school: str, cohort: str) -> None:
        for row in query:
            prints.setdefault((row[school], row[cohort]), []).append(f"{row['n']}/{row['last']}")

    add(
        Alumnus.objects.filter(organisation_id__in=ids, **one).values("organisation_id", "cohort")
        .annotate(n=Count("id"), last=Max("updated_at")).order_by(),
        "organisation_id", "cohort",
    )  # fmt: skip
    add(
        OutcomeEvent.objects.filter(alumnus__organisation_id__in=ids, **through)
        .values("alumnus__organisation_id", "alumnus__cohort")
        .annotate(n=Count("id"), last=Max("id")).order_by(),
        "alumnus__organisation_id", "alumnus__cohort",
    )  # fmt: skip
    add(
        Response.objects.filter(alumnus__organisation_id__in=ids, **through)
        .values("alumnus__organisation_id", "alumnus__cohort")
        .annotate(n=Count("id"), last=Max("updated_at")).order_by(),
        "alumnus__organisation_id", "alumnus__cohort",
    )  # fmt: skip
    return {key: "|".join(sorted(parts))[:200] for key, parts in prints.items()}


def detect_changes(schools: Sequence[Organisation] | None = None) -> int:
    """Mark stale every (school, cohort) whose fingerprint moved since its last refresh."""
    schools = list(schools if schools is not None else Organisation.objects.filter(
        kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE]))  # fmt: skip
    current = fingerprints(schools)
    stored = {
        (s.organisation_id, s.cohort): s.fingerprint
        for s in RollupState.objects.filter(organisation__in=schools)
    }
    changed = [key for key, value in current.items() if stored.get(key) != value]
    # A cohort whose every row was deleted has no fingerprint left: its rollup must go too.
    changed += [key for key, value in stored.items() if value and key not in current]
    for organisation_id, cohort in changed:
        mark_stale(organisation_id, cohort)
    return len(changed)


def summed(rollups: Iterable[Rollup]) -> Tally:
    total = Tally()
    for rollup in rollups:
        total.add(Tally.from_json(rollup.tally))
    return total
