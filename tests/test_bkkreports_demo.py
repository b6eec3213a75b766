"""The demo region carries BKK register entries, demo placements and reports in every state."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jejak.bkkreports.models import PeriodFigures, PlacementReport
from jejak.bkkreports.selectors import register_rows
from jejak.demo.seeding import seed_demo
from jejak.jobs.models import Vacancy
from jejak.organisations.models import Bkk, Organisation
from jejak.outcomes.models import OutcomeEvent, Source
from jejak.seekers.models import Registration


def test_demo_has_a_bkk_to_reissue_a_silent_one_and_reports(db: Any) -> None:
    seed_demo(schools=4, cohorts=2, seed=7)
    office = Organisation.objects.get(name="Dinas Tenaga Kerja Kabupaten Jember")
    rows = register_rows(office, timezone.localdate())
    assert len(rows) == 4 and all(r.bkk.registration_number for r in rows)
    assert sum(bool(r.bkk.reissue_needed_since) for r in rows) == 1
    assert [r.silence for r in rows].count(6) == 1
    assert OutcomeEvent.objects.filter(source=Source.PLACEMENT).exists()
    states = set(PlacementReport.objects.values_list("state", flat=True))
    assert {"acknowledged", "returned", "submitted"} <= states
    report = PlacementReport.objects.filter(state="acknowledged").first()
    assert report is not None and report.data["tables"][0]["number"] == "III/1"
    assert Bkk.objects.filter(active=True).count() == 4
    # The demo BKKs keep a register and coded vacancies: the tables are not empty.
    assert Registration.objects.exists() and Vacancy.objects.exclude(occupation=None).exists()
    stored = PeriodFigures.objects.exclude(frozen_at=None)
    assert stored.exists()

    def total(tables: dict, number: str, measure: str) -> int:
        row = next(r for r in tables[number] if r["group"] == "JUMLAH")
        return int(row[f"{measure}_L"] + row[f"{measure}_P"])

    every = list(stored.values_list("tables", flat=True))
    assert any(total(t, "III/1", "sisa_akhir") for t in every)
    assert any(total(t, "III/4", "terdaftar") for t in every)
