"""Background work: refreshing stale rollups, generating a school's tracer report."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from jejak.worker.recovery import on_worker_lost

# A refresh that raced new answers leaves their rollups stale; come back for them shortly
# (mark_stale queues a refresh only when a rollup turns stale, not for each answer).
AGAIN_AFTER = dt.timedelta(seconds=10)


@task()
def refresh_stale_rollups() -> int:
    """Recompute every stale (school, cohort) rollup; cheap when none is stale."""
    from jejak.indicators.models import RollupState
    from jejak.indicators.rollups import refresh_stale

    refreshed = refresh_stale()
    # The immediate backend (tests) cannot wait; there nothing runs concurrently anyway.
    if RollupState.objects.filter(stale=True).exists() and default_task_backend.supports_defer:
        refresh_stale_rollups.using(run_after=timezone.now() + AGAIN_AFTER).enqueue()
    return refreshed


@task()
def refresh_changed_rollups() -> int:
    """Periodic safety net for writes that did not mark their rollup stale."""
    from jejak.indicators.rollups import detect_changes, refresh_stale

    detect_changes()
    return refresh_stale()


@task()
def generate_report(job_code: str) -> None:
    from jejak.indicators.reports import run_report_job

    run_report_job(job_code)


@on_worker_lost(generate_report)
def _report_lost(job_code: str) -> None:
    from jejak.indicators.models import ReportJob

    ReportJob.objects.filter(
        code=job_code, state__in=[ReportJob.State.QUEUED, ReportJob.State.RUNNING]
    ).update(
        state=ReportJob.State.FAILED,
        finished_at=timezone.now(),
        step=_("Proses latar belakang mati sebelum laporan selesai; silakan coba lagi."),
    )
