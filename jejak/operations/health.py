"""What /healthz reports: every shared part the site needs, each checked cheaply.

No personal data: counts, ages in seconds and aliases only. Each check answers in a few
milliseconds on a healthy system (one `SELECT 1` per database, one cache round trip, one
storage lookup, two indexed task queries), so a load balancer may poll it every few seconds.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Count
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from jejak import files, replicas
from jejak.worker.models import WorkerHeartbeat

Check = dict[str, Any]


def _timed(probe: Callable[[], Check]) -> Check:
    started = time.perf_counter()
    try:
        result = probe()
    except Exception as problem:
        result = {"ok": False, "error": type(problem).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _primary() -> Check:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def _replica(alias: str) -> Check:
    lag = replicas.lag_seconds(alias)
    return {
        "ok": lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS,
        "lag_seconds": None if lag is None else round(lag, 1),
    }


def _cache() -> Check:
    key = "jejak:healthz"
    cache.set(key, "1", 30)
    return {"ok": cache.get(key) == "1", "shared": bool(settings.CACHE_URL)}


def _storage() -> Check:
    files.exists("healthz-probe")  # one lookup: raises when the store cannot be reached
    return {"ok": True, "shared": bool(settings.STORAGE_URL)}


def task_counts() -> dict[str, int]:
    """Tasks by status (READY is the queue; FAILED the failures still on record)."""
    counts = dict.fromkeys(TaskResultStatus.values, 0)
    grouped = DBTaskResult.objects.order_by().values("status").annotate(n=Count("pk"))
    for row in grouped:
        counts[row["status"]] = row["n"]
    return counts


def oldest_queued_age() -> float | None:
    """Seconds the oldest due task has waited, None when nothing waits."""
    now = timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    unscheduled = ready.filter(run_after=get_date_max()).order_by("enqueued_at").first()
    scheduled = ready.filter(run_after__lte=now).order_by("run_after").first()
    since = [t for t in (
        unscheduled.enqueued_at if unscheduled else None,
        scheduled.run_after if scheduled else None,
    ) if t is not None]  # fmt: skip
    return (now - min(since)).total_seconds() if since else None


def live_workers() -> int:
    stale = timezone.now() - dt.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=stale).count()


def _worker() -> Check:
    alive, age = live_workers(), oldest_queued_age()
    return {
        "ok": alive > 0 and (age or 0) <= settings.HEALTH_MAX_QUEUE_AGE_SECONDS,
        "workers": alive,
        "oldest_queued_seconds": None if age is None else round(age, 1),
    }


def report() -> dict[str, Any]:
    """{"ok": bool, "checks": {...}}: ok only when every check is."""
    checks: dict[str, Check] = {"database": _timed(_primary)}
    for alias in replicas.aliases():
        checks[alias] = _timed(lambda alias=alias: _replica(alias))  # type: ignore[misc]
    checks["cache"] = _timed(_cache)
    checks["storage"] = _timed(_storage)
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        checks["worker"] = _timed(_worker)
    return {"ok": all(check["ok"] for check in checks.values()), "checks": checks}
