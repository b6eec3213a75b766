"""Background work of the BLK side: keeping each BLK's stored figures current."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_blk_rollups() -> int:
    """Recompute the BLK rollups that are missing, of another day, or whose rows changed
    (training/rollups.py); cheap when none is due. The scheduler enqueues it."""
    from jejak.training.rollups import refresh_blk_rollups as refresh

    return refresh()
