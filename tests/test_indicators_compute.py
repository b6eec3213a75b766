"""Each indicator against small cohorts computed by hand (pure rows, no database)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from jejak.indicators.compute import (
    AlumnusRow,
    Event,
    Tally,
    figures,
    median_days,
    placement_kind,
    status_at,
    tally_rows,
)
from jejak.indicators.minimum_wage import in_force_lookup
from tests.conftest import numbers, without_definition

GRAD = dt.date(2024, 5, 31)
REF = dt.date(2025, 5, 31)
AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
UMK = {("35.09", 2025): 2_838_642, ("35.78", 2025): 4_961_753}
umk = in_force_lookup([(region, year, amount, "UMK") for (region, year), amount in UMK.items()])


def ev(activity: str, start: dt.date, **more: object) -> Event:
    return Event(activity=activity, start_date=start, recorded_at=more.pop("at", AT), **more)  # type: ignore[arg-type]


def row(*events: Event, submitted: bool = False, sex: str = "P", **more: object) -> AlumnusRow:
    return AlumnusRow(
        school=1, cohort=2024, graduation=GRAD, reference=REF, school_province="35", sex=sex,
        submitted=submitted, events=list(events), **more,  # type: ignore[arg-type]
    )  # fmt: skip


def compute(*rows: AlumnusRow) -> dict:
    return figures(tally_rows(rows, umk))


def test_nobody_answered_gives_sizes_and_empty_rates() -> None:
    result = compute(row(), row(), row())
    assert result["cohort_size"] == 3
    assert without_definition(result["participation_rate"]) == {
        "value": 0.0,
        "numerator": 0,
        "denominator": 3,
    }
    assert without_definition(result["knowledge_rate"]) == {
        "value": 0.0,
        "numerator": 0,
        "denominator": 3,
    }
    for name in ("bmw_rate", "working_rate", "keselarasan_rate", "job_within_6m_rate"):
        assert without_definition(result[name]) == {"value": None, "numerator": 0, "denominator": 0}
    assert without_definition(result["income_at_or_above_umk_rate"]) == {
        "value": None, "numerator": 0, "denominator": 0, "minimum_wage": None,
        "minimum_wages": []}  # fmt: skip
    assert result["median_wait_months"] is None


def test_empty_cohort_has_no_values_at_all() -> None:
    result = compute()
    assert result["cohort_size"] == 0
    assert result["participation_rate"]["value"] is None


def test_only_one_answer() -> None:
    working = ev("bekerja", dt.date(2024, 8, 1), alignment=4, income=3_000_000,
                 work_region="35.09", formal=True)  # fmt: skip
    result = compute(row(working, submitted=True), row(), row(), row())
    assert numbers(result["participation_rate"]) == {
        "value": 0.25,
        "numerator": 1,
        "denominator": 4,
    }
    assert result["knowledge_rate"]["numerator"] == 1
    assert numbers(result["bmw_rate"]) == {"value": 1.0, "numerator": 1, "denominator": 1}
    assert numbers(result["keselarasan_rate"]) == {"value": 1.0, "numerator": 1, "denominator": 1}
    # 31 May -> 1 August is 62 days; / 30.4375
    assert result["median_wait_months"] == round(62 / 30.4375, 2) == 2.04
    assert result["job_within_6m_rate"]["numerator"] == 1


def test_two_events_later_one_before_reference_wins_and_after_reference_is_ignored() -> None:
    looking = ev("mencari_kerja", dt.date(2024, 6, 10))
    studying = ev("melanjutkan", dt.date(2024, 9, 1))
    working_late = ev("bekerja", dt.date(2025, 7, 1))  # after R
    result = compute(row(looking, studying, working_late))
    assert result["status_counts"] == {"melanjutkan": 1}
    assert result["studying_rate"]["value"] == 1.0
    assert result["working_rate"]["numerator"] == 0
    assert result["median_wait_months"] is None  # the job started after R


def test_same_day_events_the_later_record_wins() -> None:
    day = dt.date(2024, 9, 1)
    first = ev("mencari_kerja", day, at=AT)
    second = ev("bekerja", day, at=AT + dt.timedelta(hours=1))
    assert status_at([second, first], REF) == second
    assert compute(row(first, second))["working_rate"]["numerator"] == 1


def test_placement_without_answer_counts_for_knowledge_not_participation() -> None:
    placed = ev("bekerja", dt.date(2024, 7, 15), source="placement", work_region="35.09")
    result = compute(row(placed, submitted=False), row(submitted=False))
    assert result["participation_rate"]["numerator"] == 0
    assert numbers(result["knowledge_rate"]) == {"value": 0.5, "numerator": 1, "denominator": 2}
    assert result["placements"]["by_bkk"] == 1


def test_job_before_graduation_waits_zero_months() -> None:
    early = ev("bekerja", dt.date(2024, 3, 1))
    later = ev("wirausaha", dt.date(2024, 12, 1))  # 184 days: not within 6 months
    result = compute(row(early), row(later), row(ev("mencari_kerja", dt.date(2024, 6, 1))))
    assert result["median_wait_months"] == round((0 + 184) / 2 / 30.4375, 2)
    assert numbers(result["job_within_6m_rate"]) == {
        "value": 0.3333,
        "numerator": 1,
        "denominator": 3,
    }
    assert result["job_within_12m_rate"]["numerator"] == 2


def test_six_month_boundary_is_day_182() -> None:
    on = ev("bekerja", GRAD + dt.timedelta(days=182))
    past = ev("bekerja", GRAD + dt.timedelta(days=183))
    assert compute(row(on))["job_within_6m_rate"]["numerator"] == 1
    assert compute(row(past))["job_within_6m_rate"]["numerator"] == 0


def test_workplace_abroad_is_akan_and_left_out_of_the_umk_rate() -> None:
    abroad = ev("bekerja", dt.date(2024, 9, 1), work_country="Jepang", income=20_000_000)
    home = ev("bekerja", dt.date(2024, 9, 1), work_region="35.09", income=2_000_000)
    other = ev("bekerja", dt.date(2024, 9, 1), work_region="35.78", income=5_000_000)
    other_province = ev("bekerja", dt.date(2024, 9, 1), work_region="32.04")
    result = compute(row(abroad), row(home), row(other), row(other_province))
    assert result["placements"]["by_kind"] == {"akad": 1, "akan": 1, "akl": 2}
    assert without_definition(result["income_at_or_above_umk_rate"]) == {
        "value": 0.5, "numerator": 1, "denominator": 2,
        "minimum_wage": {"kind": "UMK", "year": 2025},
        "minimum_wages": [{"kind": "UMK", "year": 2025, "count": 2}]}  # fmt: skip
    assert result["income_without_umk"] == 1  # the one abroad
    assert placement_kind(abroad, "35") == "akan"


def test_income_exactly_at_the_umk_counts_as_at_or_above() -> None:
    exact = ev("bekerja", dt.date(2024, 9, 1), work_region="35.09", income=2_838_642)
    below = ev("bekerja", dt.date(2024, 9, 1), work_region="35.09", income=2_838_641)
    result = compute(row(exact), row(below))
    income = result["income_at_or_above_umk_rate"]
    assert (income["value"], income["numerator"], income["denominator"]) == (0.5, 1, 2)


def test_no_umk_set_by_the_reference_year_leaves_the_income_out() -> None:
    working = ev("bekerja", dt.date(2023, 9, 1), work_region="35.09", income=2_700_000)
    early = row(working)
    early.reference = dt.date(2024, 5, 31)  # the lookup's first value is for 2025
    result = compute(early)
    assert result["income_at_or_above_umk_rate"]["denominator"] == 0
    assert result["income_without_umk"] == 1


def test_keselarasan_counts_working_and_self_employed_with_an_answer() -> None:
    rows = [
        row(ev("bekerja", dt.date(2024, 9, 1), alignment=3)),
        row(ev("wirausaha", dt.date(2024, 9, 1), alignment=2)),
        row(ev("bekerja", dt.date(2024, 9, 1))),  # not answered
        row(ev("melanjutkan", dt.date(2024, 9, 1), alignment=4)),  # studying: not counted
    ]
    assert numbers(compute(*rows)["keselarasan_rate"]) == {
        "value": 0.5, "numerator": 1, "denominator": 2}  # fmt: skip


def test_placement_counts_by_formal_kbji_kbli_sex_and_disability() -> None:
    a = ev("bekerja", dt.date(2024, 9, 1), formal=True, kbji="7", kbli="C")
    b = ev("bekerja", dt.date(2024, 9, 1), formal=False, kbji="52", kbli="G")
    result = compute(row(a, sex="L", disability=True), row(b, sex="P"))["placements"]
    assert result["by_formal"] == {"no": 1, "yes": 1}
    assert result["by_kbji_group"] == {"5": 1, "7": 1}
    assert result["by_kbli_section"] == {"C": 1, "G": 1}
    assert result["by_sex"] == {"L": 1, "P": 1}
    assert result["by_disability"] == {"no": 1, "yes": 1}


def test_median_of_a_histogram() -> None:
    assert median_days(Counter({10: 1, 20: 1, 30: 1})) == 20
    assert median_days(Counter({10: 2, 40: 2})) == 25
    assert median_days(Counter({0: 3, 100: 1})) == 0
    assert median_days(Counter()) is None


def test_tallies_add_up_to_the_tally_of_all_rows() -> None:
    rows = [row(ev("bekerja", dt.date(2024, 6 + i, 1), work_region="35.09", income=3_000_000))
            for i in range(5)] + [row(), row(ev("mencari_kerja", dt.date(2024, 7, 1)))]  # fmt: skip
    whole = tally_rows(rows, umk)
    parts = Tally()
    parts.add(tally_rows(rows[:3], umk))
    parts.add(Tally.from_json(tally_rows(rows[3:], umk).as_json()))
    assert figures(parts) == figures(whole)
