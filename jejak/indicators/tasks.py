"""Background work: refreshing stale rollups, generating a school's tracer report."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskContext, TaskResultStatus, default_task_backend, task

from jejak.worker.recovery import on_worker_lost

REFRESH_TASK = "jejak.indicators.tasks.refresh_stale_rollups"


@task(takes_context=True)
def refresh_stale_rollups(context: TaskContext) -> int:
    """Recompute every stale (school, cohort) rollup in batches; cheap when none is stale.

    The scheduler enqueues it every minute; a pass that finds another one still running
    leaves the work to it (both would compute the same schools).
    """
    from jejak.indicators.rollups import refresh_stale

    if _another_running(str(context.task_result.id)):
        return 0
    return refresh_stale()


def _another_running(own_id: str) -> bool:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(default_task_backend, DatabaseBackend):  # nothing else runs beside it
        return False

    running = DBTaskResult.objects.filter(task_path=REFRESH_TASK, status=TaskResultStatus.RUNNING)
    return running.exclude(id=own_id).exists()


@task()
def refresh_changed_rollups() -> int:
    """Periodic safety net for writes that did not mark their rollup stale: marks them, and
    the next refresh pass recomputes them. Returns how many were found."""
    from jejak.indicators.rollups import detect_changes

    return detect_changes()


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
