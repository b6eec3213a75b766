"""A fixed-window limit per client address, kept in Django's cache.

Hand-written rather than django-ratelimit: it is a dozen lines, needs no decorator or
system-check exemptions for the local-memory cache, and the one thing it guards (guessing
survey links) wants a plain page, not an exception. Behind a proxy, the proxy must set
REMOTE_ADDR (for example with a trusted X-Forwarded-For middleware).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def over_limit(request: HttpRequest, scope: str, per_minute: int) -> bool:
    """Count this request; True once the address has made more than `per_minute` this minute."""
    window = int(time.time() // 60)
    key = f"rl:{scope}:{request.META.get('REMOTE_ADDR', '')}:{window}"
    if cache.add(key, 1, timeout=90):
        return per_minute < 1
    try:
        return cache.incr(key) > per_minute
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=90)
        return False
