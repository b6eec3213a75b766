"""Background work: refreshing stale rollups, generating a school's tracer report."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_stale_rollups() -> int:
    """Recompute every stale (school, cohort) rollup; cheap when none is stale."""
    from jejak.indicators.rollups import refresh_stale

    return refresh_stale()


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
