"""Periodic work, enqueued once per period across every scheduler process of a cluster.

`SCHEDULE` is the whole timetable. `tick()` enqueues each job whose current period has no
`ScheduledRun` row yet: the row and the task are written in one transaction, and the row's
unique (job, period_start) makes a second scheduler's insert fail, so two schedulers never
enqueue the same period twice (PostgreSQL blocks the second insert until the first commits;
SQLite serialises writers). A period missed while no scheduler ran is not made up: the next
tick enqueues the current period only, which is what every job here needs (each catches up
on everything due when it runs).

Written here rather than taken from django-crontask: that library elects one scheduler with
a Redis lock (or a file lock, one machine only), and Jejak's embedded default has no Redis;
the database is the one thing every Jejak process shares.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jejak.worker.models import ScheduledRun

logger = logging.getLogger(__name__)

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
KEEP_RUNS = dt.timedelta(days=14)


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path of a django-tasks Task
    every: dt.timedelta
    offset: dt.timedelta = dt.timedelta(0)  # periods start at EPOCH + offset + n * every

    def period_start(self, now: dt.datetime) -> dt.datetime:
        periods = (now - EPOCH - self.offset) // self.every
        return EPOCH + self.offset + periods * self.every


SCHEDULE: tuple[Job, ...] = (
    # Debounced indicator refresh: answers only mark rollups stale; this pass recomputes
    # them in batches (see indicators.rollups.refresh_stale).
    Job("indicators_refresh", "jejak.indicators.tasks.refresh_stale_rollups",
        dt.timedelta(minutes=1)),
    # The safety net for writers that did not mark a rollup stale (bulk SQL, restores).
    Job("indicators_detect_changes", "jejak.indicators.tasks.refresh_changed_rollups",
        dt.timedelta(minutes=10)),
    # The BLK figures the office dashboards show (training.rollups): recomputed when the
    # day or a BLK's rows changed.
    Job("blk_rollups_refresh", "jejak.training.tasks.refresh_blk_rollups",
        dt.timedelta(minutes=5)),
    # Paced invitation and reminder emails that are due (a round queues them; this sends).
    Job("tracer_reminders", "jejak.tracer.tasks.send_due_dispatches", dt.timedelta(minutes=5)),
    Job("job_alert_digests", "jejak.jobs.tasks.send_alert_digests", dt.timedelta(hours=1)),
    # 07:00 Asia/Jakarta (00:00 UTC): the BKK reads it at the start of the working day.
    Job("tanda_daftar_expiry", "jejak.tandadaftar.tasks.send_expiry_reminders_round",
        dt.timedelta(days=1)),
    # 02:15 Asia/Jakarta (19:15 UTC), when offices are closed.
    Job("retention_cleanup", "jejak.privacy.tasks.retention_cleanup_round",
        dt.timedelta(days=1), offset=dt.timedelta(hours=19, minutes=15)),
)  # fmt: skip


def _task(path: str) -> Any:  # a django-tasks Task of any signature
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def run_job(job: Job, now: dt.datetime) -> bool:
    """Enqueue `job` for the period holding `now` unless some scheduler already did;
    True when this call enqueued it."""
    start = job.period_start(now)
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, period_start=start, enqueued_at=now)
            result = _task(job.task).enqueue()
            run.task_id = str(result.id)[:64]
            run.save(update_fields=["task_id"])
    except IntegrityError:
        return False  # another scheduler holds this period
    logger.info("Scheduled %s for %s", job.name, start.isoformat())
    return True


def tick(now: dt.datetime | None = None, jobs: tuple[Job, ...] = SCHEDULE) -> list[str]:
    """Enqueue every job whose current period is not enqueued yet; the names enqueued."""
    now = now or timezone.now()
    done = [job.name for job in jobs if not _enqueued(job, now) and run_job(job, now)]
    ScheduledRun.objects.filter(period_start__lt=now - KEEP_RUNS).delete()
    return done


def _enqueued(job: Job, now: dt.datetime) -> bool:
    # A cheap read first, so an idle tick does not throw an IntegrityError per job.
    return ScheduledRun.objects.filter(job=job.name, period_start=job.period_start(now)).exists()
