"""Answers arriving one after another queue one rollup refresh, not one each."""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks import default_task_backend

from jejak.indicators.models import RollupState
from jejak.indicators.rollups import mark_stale, refresh_stale
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded_tasks(settings: Any) -> Any:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()  # type: ignore[attr-defined]
    return default_task_backend


def test_a_stale_rollup_is_queued_once_and_each_change_moves_its_version(
    jember: Tenant, recorded_tasks: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            mark_stale(jember.school.pk, 2025)
    state = RollupState.objects.get(organisation=jember.school, cohort=2025)
    assert state.stale and state.version == 4  # created by the first, moved by the others
    assert len(recorded_tasks.results) == 1
    refresh_stale()
    state.refresh_from_db()
    assert not state.stale
    with django_capture_on_commit_callbacks(execute=True):
        mark_stale(jember.school.pk, 2025)  # fresh again: the next change queues again
    assert len(recorded_tasks.results) == 2
