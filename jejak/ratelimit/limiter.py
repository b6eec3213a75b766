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


def over_limit(
    request: HttpRequest, scope: str, limit: int, *, target: str = "", window: int = 60
) -> bool:
    """Count this request for (scope, target, client address); True once over `limit`."""
    return increment(scope, target, client_address(request), window=window) > limit


def link_over_limit(scope: str, link: str, limit: int, *, window: int = 60) -> bool:
    """Count one request made with `link` (a credential only its holder has); True once over
    `limit`. Not keyed by address: alumni sharing a school's NAT each have their own."""
    return increment(scope, link, window=window) > limit
