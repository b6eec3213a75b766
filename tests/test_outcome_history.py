"""The meaning of the outcome history, on hand-computed cohorts (pure rows, no database):
the latest report sets the status, concurrent activities count once in BMW, masa tunggu is
to the first job, a course is not BMW, the self-employed have an employment status."""

from __future__ import annotations

import datetime as dt

from jejak.indicators.compute import (
    AlumnusRow,
    Event,
    figures,
    first_job,
    status_at,
    superseded_on,
    tally_rows,
)

GRAD = dt.date(2025, 5, 31)
REF = dt.date(2026, 5, 31)


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)


def ev(activity: str, start: str, reported: str, **more: object) -> Event:
    return Event(activity=activity, start_date=dt.date.fromisoformat(start),  # type: ignore[arg-type]
                 recorded_at=at(reported), reported_at=at(reported), **more)  # fmt: skip


def row(*events: Event) -> AlumnusRow:
    return AlumnusRow(school=1, cohort=2025, graduation=GRAD, reference=REF,
                      school_province="35", events=list(events))  # fmt: skip


def compute(*rows: AlumnusRow) -> dict:
    return figures(tally_rows(rows, lambda region, year: None))


# Item 1 ---------------------------------------------------------------------------------


def test_a_fresh_answer_supersedes_an_older_one_with_a_later_start() -> None:
    older = ev("bekerja", "2025-11-01", "2025-12-01")
    fresh = ev("wirausaha", "2025-09-01", "2026-11-20")  # answered today, after R
    assert status_at([older, fresh], REF) == fresh
    assert status_at([older, fresh], dt.date(2025, 10, 1)) == fresh
    assert status_at([older, fresh], dt.date(2025, 8, 31)) is None
    # The older report is kept; it is superseded from the fresh report's start on.
    assert superseded_on(older, [older, fresh]) == dt.date(2025, 9, 1)
    assert superseded_on(fresh, [older, fresh]) is None


def test_an_answer_after_r_about_a_situation_begun_before_r_counts_for_r() -> None:
    looking = ev("mencari_kerja", "2025-06-01", "2025-06-10")
    studying = ev("melanjutkan", "2025-09-01", "2026-10-01")
    assert status_at([looking, studying], REF) == studying
    # Before September 2025 only the looking report had started.
    assert status_at([looking, studying], dt.date(2025, 8, 1)) == looking


def test_an_activity_begun_after_r_leaves_the_older_status_at_r() -> None:
    looking = ev("mencari_kerja", "2025-06-15", "2025-07-01")
    late_job = ev("bekerja", "2026-07-01", "2026-08-01")
    assert status_at([looking, late_job], REF) == looking
    assert status_at([looking, late_job], dt.date(2026, 7, 1)) == late_job
    assert first_job([looking, late_job], REF).start is None


def test_an_older_report_after_a_fresh_one_does_not_come_back() -> None:
    first = ev("bekerja", "2025-08-01", "2025-09-01")
    fresh = ev("mencari_kerja", "2026-01-01", "2026-02-01")  # lost the job
    assert status_at([first, fresh], REF) == fresh
    assert status_at([first, fresh], dt.date(2025, 12, 1)) == first  # fresh not begun yet


# Item 2 ---------------------------------------------------------------------------------


def test_working_while_studying_counts_once_in_bmw_and_shows_both() -> None:
    work = ev("bekerja", "2025-08-01", "2026-07-01", report=10)
    study = ev("melanjutkan", "2025-08-01", "2026-07-01", report=10)
    result = compute(row(study, work))
    assert result["bmw_rate"]["numerator"] == 1 and result["bmw_rate"]["denominator"] == 1
    assert result["working_rate"]["numerator"] == 1
    assert result["studying_rate"]["numerator"] == 0
    assert result["activity_counts"] == {"bekerja": 1, "melanjutkan": 1}
    assert result["concurrent_counts"] == {"bekerja+melanjutkan": 1}


def test_looking_while_on_a_course_counts_under_the_course() -> None:
    course = ev("kursus", "2025-07-01", "2025-08-01", report=3)
    looking = ev("mencari_kerja", "2025-07-01", "2025-08-01", report=3)
    result = compute(row(looking, course))
    assert result["status_counts"] == {"kursus": 1}
    assert result["bmw_rate"]["numerator"] == 0
    assert result["concurrent_counts"] == {"kursus+mencari_kerja": 1}


# Item 3 ---------------------------------------------------------------------------------


def test_masa_tunggu_is_to_the_first_job_given_beside_the_current_one() -> None:
    current = ev("bekerja", "2026-02-01", "2026-06-20", job_changes=1,
                 first_job_start=dt.date(2025, 7, 1))  # fmt: skip
    result = compute(row(current))
    # 31 May -> 1 July 2025 is 31 days; / 30.4375
    assert result["first_job_wait_months"] == round(31 / 30.4375, 2) == 1.02
    assert result["median_wait_months"] == 1.02


def test_after_a_job_change_the_wait_does_not_grow() -> None:
    first = ev("bekerja", "2025-08-01", "2025-09-01", job_changes=0)
    second = ev("bekerja", "2026-03-01", "2026-06-01", job_changes=1)  # no first date given
    assert compute(row(first))["first_job_wait_months"] == 2.04  # 62 days
    assert compute(row(first, second))["first_job_wait_months"] == 2.04


def test_a_job_change_without_the_first_start_leaves_the_wait_unknown() -> None:
    changed = ev("bekerja", "2026-01-01", "2026-06-01", job_changes=2)
    result = compute(row(changed))
    assert result["first_job_wait_months"] is None
    assert result["wait_count"] == 0 and result["wait_unknown"] == 1
    assert result["job_within_12m_rate"]["numerator"] == 0


# Item 4 ---------------------------------------------------------------------------------


def test_a_course_is_known_but_not_bmw() -> None:
    result = compute(row(ev("kursus", "2025-07-01", "2025-08-01")), row(ev("melanjutkan",
                     "2025-09-01", "2025-10-01")))  # fmt: skip
    assert result["knowledge_rate"]["numerator"] == 2
    assert result["bmw_rate"]["numerator"] == 1 and result["bmw_rate"]["denominator"] == 2
    assert result["course_rate"]["numerator"] == 1 and result["course_rate"]["denominator"] == 2
    assert result["course_rate"]["value"] == 0.5
    assert result["studying_rate"]["numerator"] == 1


# Item 5 ---------------------------------------------------------------------------------


def test_the_self_employed_are_split_by_employment_status() -> None:
    own = ev("wirausaha", "2025-09-01", "2025-10-01", employment_status="berusaha_sendiri",
             formal=False)  # fmt: skip
    boss = ev("wirausaha", "2025-09-01", "2025-10-01", employment_status="dibantu_tetap",
              formal=True)  # fmt: skip
    placed = ev("bekerja", "2025-09-01", "2025-10-01", source="placement")  # formal not said
    result = compute(row(own), row(boss), row(placed))
    assert result["employment_status_counts"] == {
        "berusaha_sendiri": 1, "dibantu_tetap": 1, "unknown": 1}  # fmt: skip
    assert result["placements"]["by_formal"] == {"unknown": 1}


# The whole cohort -----------------------------------------------------------------------


def test_a_hand_computed_cohort_of_every_case() -> None:
    a = [
        ev("bekerja", "2025-11-01", "2025-12-01"),
        ev("wirausaha", "2025-09-01", "2026-06-15", employment_status="berusaha_sendiri"),
    ]
    b = [
        ev("bekerja", "2025-08-01", "2026-07-01", report=20),
        ev("melanjutkan", "2025-08-01", "2026-07-01", report=20),
    ]
    c = [
        ev(
            "bekerja",
            "2026-02-01",
            "2026-06-20",
            job_changes=1,
            first_job_start=dt.date(2025, 7, 1),
        )
    ]
    d = [ev("kursus", "2025-07-01", "2025-08-01")]
    e = [ev("mencari_kerja", "2025-06-15", "2025-07-01"), ev("bekerja", "2026-07-01", "2026-08-01")]
    f = [
        ev("mencari_kerja", "2025-06-01", "2025-06-10"),
        ev("melanjutkan", "2025-09-01", "2026-10-01"),
    ]
    g = [ev("bekerja", "2026-01-01", "2026-06-01", job_changes=2)]  # fmt: skip
    result = compute(*(row(*events) for events in (a, b, c, d, e, f, g)), row())
    assert result["cohort_size"] == 8
    assert result["knowledge_rate"]["numerator"] == 7
    assert (result["bmw_rate"]["numerator"], result["bmw_rate"]["denominator"]) == (5, 7)
    assert result["bmw_rate"]["value"] == round(5 / 7, 4)
    assert result["status_counts"] == {"bekerja": 3, "kursus": 1, "melanjutkan": 1,
                                       "mencari_kerja": 1, "wirausaha": 1}  # fmt: skip
    assert result["activity_counts"] == {"bekerja": 3, "kursus": 1, "melanjutkan": 2,
                                         "mencari_kerja": 1, "wirausaha": 1}  # fmt: skip
    assert result["course_rate"]["numerator"] == 1
    # Waits: A 93 days (1 Sep), B 62 (1 Aug), C 31 (1 Jul); G unknown; E's job after R.
    assert result["wait_count"] == 3 and result["wait_unknown"] == 1
    assert result["first_job_wait_months"] == round(62 / 30.4375, 2)
    assert result["job_within_6m_rate"]["numerator"] == 3
    assert result["employment_status_counts"] == {"berusaha_sendiri": 1, "unknown": 3}


def test_every_rate_carries_its_one_line_definition() -> None:
    result = compute(row(ev("bekerja", "2025-08-01", "2025-09-01")))
    for name, item in result.items():
        if isinstance(item, dict) and "numerator" in item:
            assert item["definition"] and "\n" not in item["definition"], name
    assert "first_job_wait_months" in result["definitions"]
    assert "course" in result["definitions"]["bmw_rate"]
