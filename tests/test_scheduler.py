"""`manage.py scheduler`: each periodic job is enqueued once per period, however many
schedulers run (a unique row per job and period), and never twice for the same period."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from bench.server import ROOT, fresh_database
from jejak.worker import schedule
from jejak.worker.models import ScheduledRun

AT = dt.datetime(2026, 3, 2, 8, 0, 30, tzinfo=dt.UTC)


@pytest.fixture
def queued(settings: Any) -> None:
    """The database backend, so what a tick enqueues waits in the table to be counted."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _names() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


@pytest.mark.django_db
def test_a_tick_enqueues_every_job_once_per_period(queued: None) -> None:
    assert sorted(schedule.tick(AT)) == sorted(job.name for job in schedule.SCHEDULE)
    assert schedule.tick(AT + dt.timedelta(seconds=20)) == []  # same minute: nothing
    assert len(_names()) == len(schedule.SCHEDULE)
    again = schedule.tick(AT + dt.timedelta(minutes=1))
    assert again == ["indicators_refresh"]  # only the one-minute job has a new period
    assert _names().count("jejak.indicators.tasks.refresh_stale_rollups") == 2


@pytest.mark.django_db
def test_a_scheduler_that_lost_the_race_enqueues_nothing(queued: None) -> None:
    job = schedule.SCHEDULE[0]
    assert schedule.run_job(job, AT)
    # A second scheduler that read "not enqueued yet" before the first committed.
    assert not schedule.run_job(job, AT + dt.timedelta(seconds=5))
    assert ScheduledRun.objects.filter(job=job.name).count() == 1
    assert len(_names()) == 1


def test_periods_are_aligned_whatever_the_tick_time() -> None:
    daily = next(j for j in schedule.SCHEDULE if j.name == "retention_cleanup")
    start = daily.period_start(dt.datetime(2026, 3, 2, 19, 14, tzinfo=dt.UTC))
    assert start == dt.datetime(2026, 3, 1, 19, 15, tzinfo=dt.UTC)
    assert daily.period_start(dt.datetime(2026, 3, 2, 19, 16, tzinfo=dt.UTC)) == start + daily.every


@pytest.mark.django_db
def test_old_runs_are_pruned(queued: None) -> None:
    schedule.tick(AT)
    schedule.tick(AT + schedule.KEEP_RUNS + dt.timedelta(days=2))
    assert not ScheduledRun.objects.filter(period_start__lt=AT + dt.timedelta(days=1)).exists()


@pytest.mark.django_db
def test_the_daily_retention_job_deletes_expired_uploads(settings: Any) -> None:
    from jejak.privacy.tasks import retention_cleanup_round

    assert retention_cleanup_round.call() == 0  # the task runs the clean-up (nothing expired)


_COUNT = (
    "import json; from django_tasks_db.models import DBTaskResult; "
    "from jejak.worker.models import ScheduledRun; "
    "print(json.dumps([ScheduledRun.objects.count(), DBTaskResult.objects.count()]))"
)


@pytest.mark.slow
def test_two_scheduler_processes_never_double_enqueue(tmp_path: Path) -> None:
    """Two processes tick the same five periods at the same moments (SQLite file, or a
    fresh PostgreSQL database in the PostgreSQL pass): each job once per period."""
    with fresh_database(tmp_path) as url:
        env = {**os.environ, "DATABASE_URL": url, "JEJAK_VAR_DIR": str(tmp_path),
               "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "DJANGO_DEBUG": "1"}  # fmt: skip
        manage = [sys.executable, "manage.py"]
        migrate = [*manage, "migrate", "--noinput"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)  # noqa: S603
        script = (
            "import django, datetime as dt; django.setup(); "
            "from jejak.worker.schedule import tick; "
            "at = dt.datetime(2026, 3, 2, 8, 0, 30, tzinfo=dt.UTC); "
            "print(sum(len(tick(at + dt.timedelta(minutes=m))) for m in range(5)))"
        )
        both = [
            subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
                [*manage, "shell", "--no-imports", "-c", script],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        enqueued = [int((p.communicate(timeout=300)[0] or "0").split()[-1]) for p in both]
        counted = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [*manage, "shell", "--no-imports", "-c", _COUNT], cwd=ROOT, env=env, check=True,
            capture_output=True, text=True, timeout=300,
        ).stdout  # fmt: skip
    expected = len(schedule.SCHEDULE) + 4  # every job at 08:00, then four more minutes
    assert sum(enqueued) == expected
    assert counted.strip() == f"[{expected}, {expected}]"


@pytest.mark.django_db
def test_the_command_ticks_once_and_refuses_a_time_without_offset(queued: None) -> None:
    import io

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("scheduler", "--once", "--now", "2026-03-02T08:00:30Z", stdout=out)
    assert "indicators_refresh" in out.getvalue() and "retention_cleanup" in out.getvalue()
    with pytest.raises(CommandError, match="--now"):
        call_command("scheduler", "--once", "--now", "2026-03-02T08:00:30")
