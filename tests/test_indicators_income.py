"""The income figure against the minimum wage in force: UMK carried forward, UMP where a
regency has none, the kind and year named; each cohort computed by hand."""

from __future__ import annotations

import csv
import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from jejak.indicators.compute import AlumnusRow, Event, figures, tally_rows
from jejak.indicators.minimum_wage import MinimumWage, in_force_lookup
from jejak.indicators.models import Umk
from jejak.indicators.umk_loading import UMP_DATA, load_ump
from jejak.outcomes.models import OutcomeEvent
from jejak.reference.models import Region
from tests.conftest import Tenant

AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
# Jember (35.09) has a 2025 UMK only; Kalimantan Barat (61) has UMPs, Pontianak (61.71) no UMK.
TABLE = [
    ("35.09", 2025, 2_838_642, "UMK"),
    ("35", 2025, 2_305_984, "UMP"),
    ("61", 2024, 2_702_616, "UMP"),
    ("61", 2025, 2_878_286, "UMP"),
]
lookup = in_force_lookup(TABLE)


def test_a_umk_stays_in_force_until_a_new_one_is_set() -> None:
    assert lookup("35.09", 2025) == MinimumWage(2_838_642, "UMK", 2025)
    assert lookup("35.09", 2027) == MinimumWage(2_838_642, "UMK", 2025)
    # Before the regency's first UMK the province's UMP of that year applies, if any.
    assert lookup("35.09", 2024) is None


def test_a_regency_without_umk_falls_back_to_its_provinces_ump() -> None:
    assert lookup("61.71", 2024) == MinimumWage(2_702_616, "UMP", 2024)
    assert lookup("61.71", 2026) == MinimumWage(2_878_286, "UMP", 2025)
    assert lookup("61", 2025) == MinimumWage(2_878_286, "UMP", 2025)  # workplace: province only
    assert lookup("62.71", 2025) is None  # neither UMK nor UMP recorded


def _row(reference: dt.date, *events: Event) -> AlumnusRow:
    return AlumnusRow(
        school=1, cohort=2025, graduation=dt.date(2025, 5, 31), reference=reference,
        school_province="61", events=list(events),
    )  # fmt: skip


def _working(region: str | None, income: int, start: dt.date = dt.date(2025, 8, 1)) -> Event:
    return Event(
        activity="bekerja", start_date=start, recorded_at=AT,
        work_region=region, income=income,
    )  # fmt: skip


def test_hand_computed_cohort_in_a_province_without_umk() -> None:
    """R = 31 May 2026. Pontianak has no UMK and Kalbar no 2026 UMP: the 2025 UMP
    (Rp2.878.286) is in force. 3.000.000 and 2.878.286 are at or above, 2.500.000 is not;
    Jember's 2025 UMK (2.838.642) is carried into 2026: 2.900.000 is above; Kalimantan
    Tengah (62.71) has nothing recorded: that alumnus is left out. 3 of 4 = 75%."""
    r = dt.date(2026, 5, 31)
    rows = [
        _row(r, _working("61.71", 3_000_000)),
        _row(r, _working("61.71", 2_878_286)),
        _row(r, _working("61.04", 2_500_000)),
        _row(r, _working("35.09", 2_900_000)),
        _row(r, _working("62.71", 9_000_000)),
    ]
    income = figures(tally_rows(rows, lookup))["income_at_or_above_umk_rate"]
    assert (income["value"], income["numerator"], income["denominator"]) == (0.75, 3, 4)
    assert income["minimum_wage"] == {"kind": "UMP", "year": 2025}
    assert income["minimum_wages"] == [
        {"kind": "UMP", "year": 2025, "count": 3},
        {"kind": "UMK", "year": 2025, "count": 1},
    ]
    assert figures(tally_rows(rows, lookup))["income_without_umk"] == 1


def test_no_minimum_wage_in_force_gives_no_figure() -> None:
    rows = [_row(dt.date(2023, 5, 31), _working("61.71", 3_000_000, dt.date(2022, 8, 1)))]
    result = figures(tally_rows(rows, lookup))
    assert result["income_at_or_above_umk_rate"]["value"] is None
    assert result["income_at_or_above_umk_rate"]["minimum_wage"] is None
    assert result["income_without_umk"] == 1


@pytest.mark.django_db
def test_ump_file_loads_a_ump_row_per_province_and_year() -> None:
    Umk.objects.filter(kind=Umk.Kind.UMP).delete()
    written, skipped = load_ump(Umk, Region)
    assert skipped == []
    kalbar = Umk.objects.get(region_id="61", year=2025)
    assert (kalbar.kind, kalbar.amount, kalbar.source) == ("UMP", 2_878_286, "ump-2025-kalimantan")
    assert written == Umk.objects.filter(kind=Umk.Kind.UMP).count()
    assert not Umk.objects.filter(region_id="11", year=2026).exists()  # Aceh set none
    ntt = Umk.objects.get(region_id="53", year=2026)  # Kepgub NTT 528/KEP/HK/2025
    assert (ntt.kind, ntt.amount, ntt.source) == ("UMP", 2_455_898, "ump-ntt")
    assert not Umk.objects.filter(region_id="81", year=2025).exists()  # reports 1 Rupiah apart


def test_every_ump_row_names_a_source_line_of_the_header() -> None:
    """A row's `source` must point at a `# key: ...` line, so each value can be traced."""
    lines = UMP_DATA.read_text(encoding="utf-8").splitlines()
    keys = {line[2:].split(":", 1)[0] for line in lines if line.startswith("# ump-")}
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    assert {row["source"] for row in rows} <= keys
    assert len({(row["region_code"], row["year"]) for row in rows}) == len(rows)


def test_cli_names_the_minimum_wage_used(jember: Tenant, db: Any) -> None:
    """A Jember alumnus working in Pontianak (no UMK): the Kalbar UMP is used and named."""
    Umk.objects.filter(region__code__startswith="61").delete()
    Umk.objects.create(region_id="61", kind="UMP", year=2025, amount=2_878_286, source="uji")
    a = jember.alumnus
    OutcomeEvent.objects.create(
        organisation=a.organisation, alumnus=a, activity="bekerja",
        start_date=dt.date(a.cohort, 8, 1), work_region_id="61.71", income=2_900_000,
    )  # fmt: skip
    out = StringIO()
    call_command(
        "indicators", "--school", jember.school.npsn, "--cohort", str(a.cohort),
        "--as-of", f"{a.cohort + 1}-05-31", "--json", stdout=out,
    )  # fmt: skip
    income = json.loads(out.getvalue())["income_at_or_above_umk_rate"]
    assert (income["numerator"], income["denominator"]) == (1, 1)
    assert income["minimum_wage"] == {"kind": "UMP", "year": 2025}
