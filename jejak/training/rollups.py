"""BLK rollups: each BLK's indicator tallies on today's date, kept in `BlkRollup`.

The office dashboards show their BLKs' figures from these rows and never compute them in a
request (a province has dozens of BLKs and tens of thousands of trainees). The scheduler's
pass (`refresh_blk_rollups`, every few minutes) recomputes a BLK when the day changed (the
3- and 6-month figures move with the reference date) or when its fingerprint moved (a
trainee, result, outcome or batch changed); otherwise it costs three aggregate queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from jejak.alumni.models import Alumnus
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.training import indicators
from jejak.training.indicator_reading import load_trainees, scope_batches
from jejak.training.models import Batch, BlkRollup, Enrolment

# The splits kept per BLK: those that mean the same in every BLK, so they add up across an
# area (a programme code is the BLK's own, so the programme split is not summed).
STORED_SPLITS = ("sex", "age", "disability", "funding")
# BLKs recomputed per read: their trainees come in with the same three queries.
BATCH_BLKS = 50


def fingerprints(blks: Sequence[Organisation]) -> dict[int, str]:
    """Per BLK: counts and latest ids/times of its batches, enrolments, trainee records and
    outcome events: three aggregate queries whatever the number of BLKs."""
    ids = [b.pk for b in blks]
    parts: dict[int, list[str]] = {pk: [] for pk in ids}

    def add(label: str, rows: Iterable[Any]) -> None:
        for pk, *values in rows:
            parts[pk].append(label + "/".join(str(v) for v in values))

    add("b", Batch.objects.filter(organisation_id__in=ids).values("organisation_id")
        .annotate(n=Count("id"), start=Max("start_date"), end=Max("end_date"))
        .values_list("organisation_id", "n", "start", "end").order_by())  # fmt: skip
    add("e", Enrolment.objects.filter(organisation_id__in=ids).values("organisation_id")
        .annotate(n=Count("id"), last=Max("updated_at"))
        .values_list("organisation_id", "n", "last").order_by())  # fmt: skip
    add("a", Alumnus.objects.filter(organisation_id__in=ids).values("organisation_id")
        .annotate(n=Count("id"), last=Max("updated_at"))
        .values_list("organisation_id", "n", "last").order_by())  # fmt: skip
    add("o", OutcomeEvent.objects.filter(alumnus__organisation_id__in=ids)
        .values("alumnus__organisation_id")
        .annotate(n=Count("id"), last=Max("id"))
        .values_list("alumnus__organisation_id", "n", "last").order_by())  # fmt: skip
    return {pk: "|".join(values)[:200] for pk, values in parts.items()}


def tallies_of(rows: Iterable[indicators.TraineeRow], as_of: dt.date) -> dict[str, Any]:
    """The stored shape: {"all": tally, split: {value: tally}} in BlkTally JSON."""
    whole = indicators.BlkTally()
    splits: dict[str, dict[str, indicators.BlkTally]] = {name: {} for name in STORED_SPLITS}
    for row in rows:
        one = indicators.tally_trainee(row, as_of)
        whole.add(one)
        for name in STORED_SPLITS:
            key = str(indicators.SPLITS[name](row))
            splits[name].setdefault(key, indicators.BlkTally()).add(one)
    return {
        "all": whole.as_json(),
        **{name: {k: t.as_json() for k, t in groups.items()} for name, groups in splits.items()},
    }


def refresh(blks: Sequence[Organisation], as_of: dt.date) -> int:
    """Recompute the rollups of `blks` on `as_of` from raw rows; returns how many."""
    prints = fingerprints(blks)
    count = 0
    for start in range(0, len(blks), BATCH_BLKS):
        chunk = blks[start : start + BATCH_BLKS]
        by_blk: dict[int, list[indicators.TraineeRow]] = {b.pk: [] for b in chunk}
        for row in load_trainees(scope_batches(chunk), as_of):
            by_blk[row.organisation].append(row)
        now = timezone.now()
        with transaction.atomic():
            for blk in chunk:
                BlkRollup.objects.update_or_create(
                    organisation=blk,
                    defaults={"regency_code": blk.region_id or "", "as_of": as_of,
                              "tallies": tallies_of(by_blk[blk.pk], as_of),
                              "fingerprint": prints[blk.pk], "computed_at": now},
                )  # fmt: skip
                count += 1
    return count


def refresh_blk_rollups(today: dt.date | None = None) -> int:
    """The periodic pass: recompute every BLK whose rollup is missing, of another day, or
    whose fingerprint moved. Returns how many were recomputed."""
    today = today or timezone.localdate()
    blks = list(Organisation.objects.filter(kind=Organisation.Kind.TRAINING_CENTRE))
    prints = fingerprints(blks)
    kept = {
        pk: (as_of, fingerprint)
        for pk, as_of, fingerprint in BlkRollup.objects.values_list(
            "organisation_id", "as_of", "fingerprint"
        )
    }
    due = [b for b in blks if kept.get(b.pk) != (today, prints[b.pk])]
    return refresh(due, today) if due else 0


# --- Reading (the pages) ---------------------------------------------------------------------


def area_rollups(office: Organisation) -> list[dict[str, Any]]:
    """The BLKs of an office's area, each with its stored figures (None while it waits for
    its first refresh), and the age of the figures: one query, nothing computed but sums."""
    blks = (
        Organisation.objects.filter(
            kind=Organisation.Kind.TRAINING_CENTRE, region_id__in=office.area_regency_codes()
        )
        .select_related("region", "blk_rollup")
        .order_by("name", "pk")
    )
    rows = []
    for blk in blks:
        rollup = getattr(blk, "blk_rollup", None)
        tally = indicators.BlkTally.from_json(rollup.tallies["all"]) if rollup else None
        rows.append({"blk": blk, "rollup": rollup, "tally": tally,
                     "figures": indicators.blk_figures(tally) if tally else None})  # fmt: skip
    return rows


def summed(rows: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The area's figures: the sum of its BLKs' stored tallies (None when none is stored)."""
    tallies = [row["tally"] for row in rows if row["tally"] is not None]
    if not tallies:
        return None
    total = indicators.BlkTally()
    for tally in tallies:
        total.add(tally)
    return indicators.blk_figures(total)


def summed_split(rows: Iterable[dict[str, Any]], split: str) -> dict[str, dict[str, Any]]:
    """One split of the area (sex, age, disability, funding): value -> figures, in order."""
    groups: dict[str, indicators.BlkTally] = {}
    for row in rows:
        if row["rollup"] is None:
            continue
        for key, data in row["rollup"].tallies.get(split, {}).items():
            groups.setdefault(key, indicators.BlkTally()).add(indicators.BlkTally.from_json(data))
    ordered = sorted(groups.items(), key=lambda item: indicators.split_order(split, item[0]))
    return {key: indicators.blk_figures(tally) for key, tally in ordered}
