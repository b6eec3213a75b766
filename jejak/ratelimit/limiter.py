"""Fixed-window counters shared by every worker process.

Where the counts live: Django's default cache when `settings.RATELIMIT_STORE` is "cache"
(set when `CACHE_URL` points at Redis, which every process shares), otherwise the database
(`RateCounter`, an atomic insert-then-increment that works the same on SQLite and
PostgreSQL). A per-process cache is never used: with N workers it would allow N times the
limit, and a restart would forget everything.

A key combines the scope (what kind of request), what is being guessed (an account, a
link) and the client address from `jejak.ratelimit.clientip`, so one address guessing
one thing does not use up the allowance of anyone else.

Hand-written rather than django-ratelimit: that library counts every request before the
view runs, while Jejak must count only failures (a valid survey link is always served),
and it needs a cache; here the database is the fallback store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from jejak.ratelimit.clientip import client_address
from jejak.ratelimit.models import RateCounter

# About one increment in this many also deletes expired database windows.
PURGE_ONE_IN = 200


def _key(scope: str, parts: tuple[str, ...]) -> str:
    raw = "\x1f".join((scope, *parts))
    return hashlib.sha256(raw.encode()).hexdigest()


def _window_start(seconds: int) -> int:
    return int(time.time() // seconds) * seconds


def _use_cache() -> bool:
    return settings.RATELIMIT_STORE == "cache"


def count(scope: str, *parts: str, window: int) -> int:
    """How many events `scope` + `parts` has had in the current window (no change)."""
    key, start = _key(scope, parts), _window_start(window)
    if _use_cache():
        return int(cache.get(f"rl:{key}:{start}", 0))
    found = RateCounter.objects.filter(key=key, window=start).values_list("count", flat=True)
    return found.first() or 0


def increment(scope: str, *parts: str, window: int) -> int:
    """Count one event for `scope` + `parts` in the current window; return the new count."""
    key, start = _key(scope, parts), _window_start(window)
    if _use_cache():
        cache_key = f"rl:{key}:{start}"
        cache.add(cache_key, 0, timeout=window + 60)
        try:
            return int(cache.incr(cache_key))
        except ValueError:  # expired between add and incr: this is the window's first event
            cache.add(cache_key, 1, timeout=window + 60)
            return 1
    expires = timezone.now() + dt.timedelta(seconds=window + 60)
    RateCounter.objects.bulk_create(
        [RateCounter(key=key, window=start, count=0, expires_at=expires)], ignore_conflicts=True
    )
    RateCounter.objects.filter(key=key, window=start).update(count=F("count") + 1)
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        purge_expired()
    return count(scope, *parts, window=window)


def purge_expired() -> int:
    """Delete database windows that have ended; returns how many went."""
    deleted, _ = RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def within_limit(scope: str, *parts: str, limit: int, window: int) -> bool:
    """Count one event for `scope` + `parts` unless the current window already holds `limit`
    of them; True when counted (the event is within the limit).

    What `increment(...) <= limit` answers, in fewer statements on the database: one UPDATE
    while the window's counter exists, an INSERT for the window's first event (the survey
    checks this on every POST). A counter stops at `limit`, which changes no answer.
    """
    if _use_cache():
        return increment(scope, *parts, window=window) <= limit
    if limit < 1:
        return False
    key, start = _key(scope, parts), _window_start(window)
    below = RateCounter.objects.filter(key=key, window=start, count__lt=limit)
    if below.update(count=F("count") + 1):
        return True
    try:
        _first_of_window(key, start, window)
    except IntegrityError:
        # The counter exists: at the limit, or another process counted this window's first
        # event between the UPDATE and the INSERT (then there is room, once more).
        return bool(below.update(count=F("count") + 1))
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        purge_expired()
    return True


def _first_of_window(key: str, start: int, window: int) -> None:
    expires = timezone.now() + dt.timedelta(seconds=window + 60)
    row = RateCounter(key=key, window=start, count=1, expires_at=expires)
    if connections[router.db_for_write(RateCounter)].in_atomic_block:
        with transaction.atomic():  # a savepoint: a clash must not spoil the caller's work
            row.save(force_insert=True)
    else:
        row.save(force_insert=True)  # one statement, no BEGIN/COMMIT around it


def over_limit(
    request: HttpRequest, scope: str, limit: int, *, target: str = "", window: int = 60
) -> bool:
    """Count this request for (scope, target, client address); True once over `limit`."""
    return not within_limit(scope, target, client_address(request), limit=limit, window=window)


def link_over_limit(scope: str, link: str, limit: int, *, window: int = 60) -> bool:
    """Count one request made with `link` (a credential only its holder has); True once over
    `limit`. Not keyed by address: alumni sharing a school's NAT each have their own."""
    return not within_limit(scope, link, limit=limit, window=window)
