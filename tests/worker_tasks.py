"""A task for tests/test_worker_recovery.py that a worker can be killed in the middle of."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task


@task()
def hang(marker: str) -> None:
    Path(marker).write_text("started")
    time.sleep(600)
