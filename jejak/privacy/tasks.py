"""Background work for privacy: the daily deletion of expired import uploads."""

from __future__ import annotations

from django_tasks import task


@task()
def retention_cleanup_round() -> int:
    """Delete uploads past their retention period (run daily by the scheduler)."""
    from jejak.privacy.retention import retention_cleanup

    return retention_cleanup()
