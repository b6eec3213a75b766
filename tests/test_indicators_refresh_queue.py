"""Answers arriving one after another queue no task: they mark the rollup stale, and the
scheduler's periodic pass refreshes every stale rollup in batches (debounced)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import default_task_backend

from jejak.alumni.models import Alumnus
from jejak.indicators import rollups
from jejak.indicators.models import Rollup, RollupState
from jejak.indicators.rollups import mark_all_stale, mark_stale, refresh_stale
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded_tasks(settings: Any) -> Any:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()  # type: ignore[attr-defined]
    return default_task_backend


def test_changes_queue_no_task_and_each_moves_the_version(
    jember: Tenant, recorded_tasks: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            mark_stale(jember.school.pk, 2025)
        mark_all_stale()
    state = RollupState.objects.get(organisation=jember.school, cohort=2025)
    assert state.stale and state.version == 5  # created by the first, moved by the others
    assert len(recorded_tasks.results) == 0  # the scheduler's pass refreshes, not a task each
    refresh_stale()
    state.refresh_from_db()
    assert not state.stale and state.computed_at is not None


def test_one_pass_refreshes_many_schools_in_a_few_queries(
    jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    """The batch reads every school's rows together: the queries do not grow per school
    beyond one state update each."""
    schools = [
        Organisation.objects.create(
            kind=Organisation.Kind.SCHOOL, name=f"SMK {n}", region_id="35.09", npsn=f"2052377{n}"
        )
        for n in range(8)
    ]
    for school in schools:
        mark_stale(school.pk, 2025)
    with django_assert_max_num_queries(40):
        assert refresh_stale() == 8
    assert Rollup.objects.filter(organisation__in=schools, split="").count() == 8
    assert not RollupState.objects.filter(stale=True).exists()


def _schools_with_alumni(count: int, start: int) -> list[Organisation]:
    schools = []
    for n in range(start, start + count):
        school = Organisation.objects.create(
            kind=Organisation.Kind.SCHOOL, name=f"SMK {n}", region_id="35.09",
            npsn=f"2052{n:04d}", status="negeri" if n % 2 else "swasta",
        )  # fmt: skip
        for sex in "LP":
            alumnus = Alumnus.objects.create(
                organisation=school, name=f"A {n}{sex}", sex=sex, cohort=2025
            )
            OutcomeEvent.objects.create(
                organisation=school, alumnus=alumnus, activity="bekerja", source="self",
                start_date=dt.date(2025, 8, 1), work_region_id="35.09", income=3_000_000,
            )  # fmt: skip
        schools.append(school)
    return schools


def _refresh_queries(schools: list[Organisation]) -> int:
    for school in schools:
        mark_stale(school.pk, 2025)
    with CaptureQueriesContext(connection) as queries:
        assert refresh_stale() == len(schools)
    return len(queries.captured_queries)


def test_refresh_queries_grow_per_batch_not_per_school(
    jember: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three schools or nine in one batch cost the same queries; nine in batches of three
    cost three batches' worth: nothing is asked per school."""
    few, more = _schools_with_alumni(3, 0), _schools_with_alumni(6, 3)
    one_batch_few = _refresh_queries(few)
    one_batch_all = _refresh_queries(few + more)
    assert one_batch_all == one_batch_few
    monkeypatch.setattr(rollups, "BATCH_SCHOOLS", 3)
    three_batches = _refresh_queries(few + more)
    per_batch = (three_batches - one_batch_few) / 2
    assert 0 < per_batch < 20, per_batch
    assert Rollup.objects.filter(organisation__in=few + more, split="").count() == 9
    assert not RollupState.objects.filter(stale=True).exists()


def test_refresh_rewrites_only_rollups_that_changed(jember: Tenant) -> None:
    """Everything marked stale (a UMK changed) but nothing moved: no rollup row is written
    again; a school whose status changed gets its rows rewritten with the new status."""
    schools = _schools_with_alumni(2, 0)
    for school in schools:
        mark_stale(school.pk, 2025)
    refresh_stale()
    # Each school: the whole, one major, one class, two sexes, one disability value.
    assert Rollup.objects.filter(organisation__in=schools).count() == 2 * 6
    mark_all_stale()
    with CaptureQueriesContext(connection) as queries:
        refresh_stale()
    writes = [q["sql"] for q in queries.captured_queries if 'indicators_rollup"' in q["sql"]]
    assert not [sql for sql in writes if sql.startswith(("INSERT", "DELETE"))]
    assert not RollupState.objects.filter(stale=True).exists()
    Organisation.objects.filter(pk=schools[0].pk).update(status="swasta")
    Organisation.objects.filter(pk=schools[1].pk).update(status="negeri")
    mark_all_stale()
    refresh_stale()
    statuses = set(Rollup.objects.filter(organisation=schools[0]).values_list("school_status"))
    assert statuses == {("swasta",)}
    whole = Rollup.objects.get(organisation=schools[0], cohort=2025, split="")
    assert whole.figures["cohort_size"] == 2 and "definitions" not in whole.figures
    assert (
        Rollup.objects.get(
            organisation=schools[0], cohort=2025, split="sex", split_value="L"
        ).figures
        == {}
    )
