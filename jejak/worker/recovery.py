"""Tasks whose worker died: find them, fail them with a reason, tell their owner.

django-tasks-db marks a task RUNNING when a worker claims it and records the worker's id;
when the worker process is killed (out of memory, deploy, power) the row stays RUNNING for
ever and the page that polls it says "running" for ever. Each `db_worker` here registers a
heartbeat row, and on start and then every beat fails the RUNNING tasks whose worker is gone.
Several workers can run at once, on one host or many: a task is only failed when its own
worker is known to be dead.

Apps say what a lost task means for their own rows with `on_worker_lost`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jejak.worker.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

LOST_REASON = "The worker process running this task died before it finished."


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker died while running it."""


_ON_LOST: dict[str, Callable[..., None]] = {}


def on_worker_lost(task: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register what to do when `task` is found dead: the handler gets the task's own
    arguments (e.g. mark its job failed). It runs once, in the transaction that fails the
    task."""

    def register(handler: Callable[..., None]) -> Callable[..., None]:
        _ON_LOST[task.module_path] = handler
        return handler

    return register


def new_worker_id() -> str:
    """host:pid:random, at most 64 characters (django-tasks-db's limit)."""
    suffix = f":{os.getpid()}:{get_random_string(8)}"
    return socket.gethostname()[: 64 - len(suffix)] + suffix


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), '' elsewhere."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def heartbeat_register(worker_id: str) -> WorkerHeartbeat:
    now = timezone.now()
    beat, _ = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "process_start": _process_start(os.getpid()),
            "started_at": now,
            "seen_at": now,
        },
    )
    return beat


def heartbeat_beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=timezone.now())


def heartbeat_remove(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _is_alive(beat: WorkerHeartbeat | None, now: dt.datetime) -> bool:
    if beat is None:
        return False  # never registered (a plain worker) or shut down: not running anything
    if beat.host == socket.gethostname():
        # Same host: the process table is the truth, whatever the heartbeat says (a long
        # write transaction on SQLite can hold the heartbeat back).
        start = _process_start(beat.pid)
        if not beat.process_start:
            return _pid_exists(beat.pid)
        return start == beat.process_start
    stale = dt.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    return now - beat.seen_at < stale


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reclaim_lost_tasks() -> list[str]:
    """Fail every RUNNING task whose worker is dead; returns their ids. Safe to run from
    several workers at once: each task is re-read under a lock and failed only once."""
    now = timezone.now()
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING))
    owners = {r.worker_ids[-1] for r in running if r.worker_ids}
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.filter(worker_id__in=owners)}
    lost = []
    for result in running:
        owner = result.worker_ids[-1] if result.worker_ids else ""
        if _is_alive(beats.get(owner), now):
            continue
        if _fail(result.pk, owner, now):
            lost.append(str(result.pk))
    if lost:
        WorkerHeartbeat.objects.filter(worker_id__in=owners - set(beats)).delete()
    return lost


def _fail(pk: Any, owner: str, now: dt.datetime) -> bool:
    with transaction.atomic():
        result = (
            DBTaskResult.objects.select_for_update()
            .filter(pk=pk, status=TaskResultStatus.RUNNING)
            .first()
        )
        if result is None or (result.worker_ids and result.worker_ids[-1] != owner):
            return False  # finished or re-claimed meanwhile
        result.status = TaskResultStatus.FAILED
        result.finished_at = now
        result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
        result.traceback = f"{LOST_REASON} (worker {owner or '?'})"
        result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
        _tell_owner(result)
    logger.warning("Task %s (%s) failed: its worker %s is gone", pk, result.task_path, owner)
    return True


def _tell_owner(result: DBTaskResult) -> None:
    try:
        import_string(result.task_path)  # importing the task's module registers its handler
    except ImportError:  # a task whose code is gone: nothing to tell
        logger.exception("Task %s: cannot import %s", result.pk, result.task_path)
        return
    handler = _ON_LOST.get(result.task_path)
    if handler is not None:
        args_kwargs = result.args_kwargs or {}
        handler(*args_kwargs.get("args", []), **args_kwargs.get("kwargs", {}))
