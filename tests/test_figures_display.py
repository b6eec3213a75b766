"""Figures as people read them: half-up rounding by locale everywhere, and peer positions
that say better or worse by each figure's direction."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from jejak.indicators import charts, dashboards
from jejak.indicators.reports import _shown
from jejak.indicators.selectors import Benchmark, position, side
from jejak.indicators.templatetags.indicators import months, pct
from jejak.lib.rounding import percent

FORTY_OF_45 = {"value": round(40 / 45, 4), "numerator": 40, "denominator": 45}


def test_percentages_round_half_up_from_the_exact_fraction() -> None:
    assert percent(FORTY_OF_45) == Decimal("88.9")
    assert percent({"value": 0.0625, "numerator": 1, "denominator": 16}) == Decimal("6.3")
    assert percent(0.0625) == Decimal("6.3")  # a benchmark quartile, given as a share
    assert percent({"value": None, "numerator": 0, "denominator": 0}) is None


def test_tables_show_the_percentage_in_the_pages_locale() -> None:
    with translation.override("id"):
        assert pct(FORTY_OF_45) == "88,9%"
        assert months(1.25) == "1,3"
    with translation.override("en"):
        assert pct(FORTY_OF_45) == "88.9%"
    assert pct(None) == "–"


def test_charts_and_exports_round_the_same_way_as_tables() -> None:
    with translation.override("id"):
        chart = str(charts.bar_chart([("TKJ", 40 / 45)], title="t", desc="d"))
    assert "88,9%" in chart
    assert _shown({"bmw_rate": FORTY_OF_45}, "bmw_rate") == 88.9
    assert _shown({"median_wait_months": 1.25}, "median_wait_months") == 1.3


PEERS = Benchmark(count=5, q1=0.10, median=0.20, q3=0.30)


def test_for_a_lower_is_better_figure_the_bottom_quarter_is_the_best() -> None:
    # Still looking: 5% is below every peer's quarter, so it is the best; 35% the worst.
    assert position(0.05, PEERS, higher_is_better=False) == "best"
    assert position(0.15, PEERS, higher_is_better=False) == "better"
    assert position(0.25, PEERS, higher_is_better=False) == "worse"
    assert position(0.35, PEERS, higher_is_better=False) == "worst"
    assert side(0.25, PEERS) == "above"  # above the median, and worse


def test_for_a_higher_is_better_figure_the_top_quarter_is_the_best() -> None:
    assert position(0.35, PEERS) == "best"
    assert position(0.25, PEERS) == "better"
    assert position(0.20, PEERS) == "median"
    assert position(0.15, PEERS) == "worse"
    assert position(0.05, PEERS) == "worst"


def test_rank_one_is_the_best_by_the_figures_direction() -> None:
    assert dashboards._rank(0.1, [0.1, 0.2, 0.3], "looking_rate") == "1/3"
    assert dashboards._rank(0.1, [0.1, 0.2, 0.3], "bmw_rate") == "3/3"
    assert dashboards._rank(2.0, [1.0, 2.0, 5.0], "median_wait_months") == "2/3"


def _income(*bases: tuple[str, int, int]) -> dict:
    return {
        "income_at_or_above_umk_rate": {
            "minimum_wages": [{"kind": k, "year": y, "count": n} for k, y, n in bases]
        },
        "income_without_umk": 1,
    }


def test_the_income_note_names_the_kind_and_year_used() -> None:
    name = "income_at_or_above_umk_rate"
    with translation.override("id"):
        assert "UMK 2025" in dashboards.figure_note(_income(("UMK", 2025, 3)), name)
        ump = dashboards.figure_note(_income(("UMP", 2026, 2)), name)
        assert "UMP 2026" in ump and "tidak ada UMK" in ump
        mixed = dashboards.figure_note(_income(("UMK", 2026, 4), ("UMP", 2025, 1)), name)
        assert "UMK 2026 untuk 4 alumni, UMP 2025 untuk 1 alumni" in mixed
        assert dashboards.figure_note(_income(), name) == "Tidak ada UMK/UMP untuk tahun ini."
        assert dashboards.figure_note(_income(("UMK", 2025, 3)), "bmw_rate") == ""
