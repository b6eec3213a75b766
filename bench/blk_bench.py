"""blk_office_stored_ratio: the BLK section of an office dashboard, stored against live.

A province (Jawa Timur, 35) with BLKS training centres over its regencies, each with four
ended batches of TRAINEES_PER_BLK / 4 trainees (about 85% graduated, 70% of graduates with
an outcome: formal, informal, business or still looking). Measured:

- live_s: computing every BLK's figures from the trainee rows (`office_blk_figures`), what
  the office dashboard did in the request before the rollups;
- stored_s: the dashboard's BLK section read from `BlkRollup` (`office_blk_summary`);
- refresh_s: the periodic pass recomputing every BLK; noop_refresh_s: the same pass when
  nothing changed (fingerprints only).

blk_office_stored_ratio = stored_s / live_s (well under 1: the page reads, never computes).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path
from typing import Any

from bench.timing import median_seconds

BLKS = 12
TRAINEES_PER_BLK = 400
BATCHES_PER_BLK = 4
TODAY = dt.date(2026, 12, 31)


def _blk(index: int, regency: str, rng: random.Random) -> None:
    from jejak.alumni.models import Alumnus
    from jejak.organisations.models import Organisation
    from jejak.outcomes.models import Activity, OutcomeEvent, Source
    from jejak.training.models import Batch, Enrolment, Programme

    blk = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name=f"UPT BLK Bench {index}", region_id=regency
    )
    programme = Programme.objects.create(organisation=blk, own_code="P1", name="Program")
    per_batch = TRAINEES_PER_BLK // BATCHES_PER_BLK
    for b in range(BATCHES_PER_BLK):
        start = dt.date(2025, 1 + 2 * b, 5)
        batch = Batch.objects.create(
            organisation=blk, programme=programme, own_code=f"G{b}", start_date=start,
            end_date=start + dt.timedelta(days=50), funding=rng.choice(["APBN", "APBD"]),
        )  # fmt: skip
        people = Alumnus.objects.bulk_create([
            Alumnus(organisation=blk, province_code=blk.province_code, name=f"Peserta {i}",
                    sex=rng.choice("LP"), cohort=2025,
                    birth_date=dt.date(rng.randint(1975, 2007), rng.randint(1, 12), 1))
            for i in range(per_batch)
        ])  # fmt: skip
        Enrolment.objects.bulk_create([
            Enrolment(organisation=blk, province_code=blk.province_code, batch=batch, alumnus=p,
                      completed=True, graduated=rng.random() < 0.85,
                      competent=rng.random() < 0.6)
            for p in people
        ])  # fmt: skip
        events = []
        for person in people:
            if rng.random() < 0.7:
                activity = rng.choice([Activity.WORKING, Activity.WORKING,
                                       Activity.SELF_EMPLOYED, Activity.LOOKING])  # fmt: skip
                events.append(OutcomeEvent(
                    organisation=blk, province_code=blk.province_code, alumnus=person,
                    activity=activity, source=Source.IMPORT,
                    start_date=batch.end_date + dt.timedelta(days=rng.randint(-10, 150)),
                    formal=(rng.random() < 0.5) if activity == Activity.WORKING else None,
                ))  # fmt: skip
        OutcomeEvent.objects.bulk_create(events)


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jejak.organisations.models import Organisation
    from jejak.reference.models import Region
    from jejak.training.rollups import refresh_blk_rollups
    from jejak.training.selectors import office_blk_figures, office_blk_summary

    rng = random.Random(13)
    regencies = list(Region.objects.filter(parent_id="35").values_list("code", flat=True))
    for index in range(BLKS):
        _blk(index, regencies[index % len(regencies)], rng)
    office = Organisation.objects.create(
        kind=Organisation.Kind.LABOUR_OFFICE, name="Disnakertrans Bench", region_id="35"
    )
    office.area.set(["35"])

    live_s = median_seconds(lambda: office_blk_figures(office, TODAY))
    start = time.perf_counter()
    refreshed = refresh_blk_rollups(TODAY)
    refresh_s = time.perf_counter() - start
    noop_s = median_seconds(lambda: refresh_blk_rollups(TODAY))
    stored_s = median_seconds(lambda: office_blk_summary(office))
    with CaptureQueriesContext(connection) as queries:
        office_blk_summary(office)
    details = {
        "blks": BLKS, "trainees": BLKS * TRAINEES_PER_BLK, "refreshed": refreshed,
        "live_s": round(live_s, 4), "stored_s": round(stored_s, 4),
        "refresh_s": round(refresh_s, 4), "noop_refresh_s": round(noop_s, 4),
        "stored_queries": len(queries),
    }  # fmt: skip
    return {"blk_office_stored_ratio": round(stored_s / live_s, 4)}, details
