"""Answers arriving one after another queue no task: they mark the rollup stale, and the
scheduler's periodic pass refreshes every stale rollup in batches (debounced)."""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks import default_task_backend

from jejak.indicators.models import Rollup, RollupState
from jejak.indicators.rollups import mark_all_stale, mark_stale, refresh_stale
from jejak.organisations.models import Organisation
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
