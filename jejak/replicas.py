"""Read replicas: which requests read from one, and the router that sends them there.

How a view opts in: its URL name goes in `REPLICA_VIEWS` below (dashboards, exports, public
boards, reports: pages that only read, where figures a few seconds old are fine). During
such a view the ORM's reads go to a replica (DATABASE_REPLICA_URLS); everything else, every
write, and every read inside a transaction goes to the primary.

Nobody misses their own change: after any non-safe request (POST, PUT, PATCH, DELETE) the
middleware sets a cookie for REPLICA_STICKY_SECONDS, and while it lasts that browser reads
from the primary everywhere.

Sessions, accounts and memberships are always read from the primary (PRIMARY_APPS).

A replica that is down, or further behind than REPLICA_MAX_LAG_SECONDS, is skipped (the
view reads from the primary); one that fails during a view has the view run again on the
primary, which is safe because these views only read. A replica's state is checked at most
every CHECK_SECONDS per process.
"""

from __future__ import annotations

import contextvars
import random
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

# URL names whose views read from a replica. tests/test_replicas.py checks each resolves.
REPLICA_VIEWS = frozenset(
    {
        # Dashboards: a school's and an office's indicator pages.
        "indicators:school",
        "indicators:office",
        "indicators:umk",
        # Public job boards (the busiest anonymous pages after the survey).
        "jobs:board_school",
        "jobs:board_region",
        "jobs:public_detail",
        # Exports.
        "alumni:export",
        "jobs:export",
        "jobs:applicants_export",
        "jobs:placements_export",
        "tracer:links_csv",
        "tracer:national_xlsx",
        "tracer:national_csv",
        "bkkreports:office_placed_xlsx",
        # Reports: the labour office's register and reports, a BKK's printable report.
        "bkkreports:office_register",
        "bkkreports:office_reports",
        "bkkreports:report_xlsx",
        "bkkreports:report_pdf",
        "bkkreports:report_print",
    }
)
# Who the visitor is and what they may see are read from the primary even in a replica view:
# a session made a moment ago, or a membership just revoked, must not lag behind.
PRIMARY_APPS = frozenset(
    {"sessions", "accounts", "axes", "otp_totp", "otp_static", "django_otp", "ratelimit"}
)
STICKY_COOKIE = "jejak_primary"
CHECK_SECONDS = 5.0

_reading_from: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "replica_alias", default=None
)
# alias -> (monotonic time of the check, usable): per process.
_state: dict[str, tuple[float, bool]] = {}


def aliases() -> list[str]:
    """The configured replica aliases (replica_1, …), in order."""
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def lag_seconds(alias: str) -> float | None:
    """How far `alias` is behind the primary, in seconds; None when it cannot be reached.

    0 when it has replayed all it received (an idle primary sends nothing, so the age of the
    last replayed transaction would otherwise grow without anything being missed)."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute("SELECT 1")  # a test mirror: the same database, no lag
                return 0.0
            cursor.execute(
                "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
                " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
            )
            value = cursor.fetchone()[0]
    except DatabaseError:
        connection.close()
        return None
    return float(value or 0)


def _usable(alias: str) -> bool:
    now = time.monotonic()
    checked = _state.get(alias)
    if checked and now - checked[0] < CHECK_SECONDS:
        return checked[1]
    lag = lag_seconds(alias)
    usable = lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
    _state[alias] = (now, usable)
    return usable


def mark_down(alias: str) -> None:
    _state[alias] = (time.monotonic(), False)


def choose() -> str | None:
    """A usable replica, picked at random to spread the load; None when there is none."""
    candidates = aliases()
    random.shuffle(candidates)
    return next((alias for alias in candidates if _usable(alias)), None)


class ReplicaRouter:
    """Reads go to the replica chosen for this view, if any; everything else to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        alias = _reading_from.get()
        if alias is None or connections["default"].in_atomic_block:
            return "default"
        if model._meta.app_label in PRIMARY_APPS:
            return "default"
        return alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def _sticky(request: HttpRequest) -> bool:
    return STICKY_COOKIE in request.COOKIES


class ReplicaMiddleware:
    """Runs the views of REPLICA_VIEWS against a replica and pins a browser that has just
    written to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"} and aliases():
            response.set_cookie(
                STICKY_COOKIE, "1", max_age=settings.REPLICA_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
            )  # fmt: skip
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.view_name not in REPLICA_VIEWS or _sticky(request):
            return None
        alias = choose()
        if alias is None:
            return None
        token = _reading_from.set(alias)
        try:
            return view(request, *args, **kwargs)
        except DatabaseError:
            if lag_seconds(alias) is not None:
                raise  # the replica is fine: the error is the view's own
            mark_down(alias)
        finally:
            _reading_from.reset(token)
        return view(request, *args, **kwargs)  # again, on the primary


def reading_from() -> str | None:
    """The replica alias this request reads from, None for the primary (for tests, logs)."""
    return _reading_from.get()
