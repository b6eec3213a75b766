"""Rate limits count in a store every worker process shares, only failures count on survey
links, and nobody's junk requests stop a valid link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from jejak.ratelimit import limiter
from jejak.ratelimit.models import RateCounter
from jejak.tracer import links
from jejak.tracer.models import Campaign, SurveyLink
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db
LAB = "203.0.113.7"


@pytest.fixture(autouse=True)
def _one_window(monkeypatch: Any) -> None:
    """Keep every request of a test in one fixed window, however slow the database is."""
    monkeypatch.setattr(limiter, "_window_start", lambda seconds: 0)


def _valid_url(jember: Tenant) -> str:
    link = SurveyLink.objects.get(alumnus=jember.alumnus)
    return reverse("tracer:survey", args=[links.token_for(link.seed)])


def _junk(client: Any, n: int, address: str = LAB) -> list[int]:
    return [
        client.get(reverse("tracer:survey", args=[f"junk{i}"]), REMOTE_ADDR=address).status_code
        for i in range(n)
    ]


def test_600_junk_requests_from_a_lab_do_not_stop_a_valid_link(
    client: Any, campaign: Campaign, jember: Tenant, settings: Any
) -> None:
    settings.SURVEY_LOOKUPS_PER_MINUTE = 120
    statuses = _junk(client, 600)
    assert statuses[:120] == [404] * 120 and set(statuses[120:]) == {429}
    assert client.get(_valid_url(jember), REMOTE_ADDR=LAB).status_code == 200


def test_valid_links_do_not_count_against_the_address(
    client: Any, campaign: Campaign, jember: Tenant, settings: Any
) -> None:
    settings.SURVEY_LOOKUPS_PER_MINUTE = 3
    for _ in range(10):
        assert client.get(_valid_url(jember), REMOTE_ADDR=LAB).status_code == 200
    assert _junk(client, 4) == [404, 404, 404, 429]


def test_survey_limits_count_in_the_database_not_in_one_process(
    client: Any, db: Any, settings: Any
) -> None:
    settings.SURVEY_LOOKUPS_PER_MINUTE = 3
    assert settings.RATELIMIT_STORE == "database"
    _junk(client, 3)
    cache.clear()  # a second worker process starts with an empty local cache
    assert RateCounter.objects.get().count == 3
    assert _junk(client, 1) == [429]
    assert _junk(client, 1, "198.51.100.1") == [404]  # another address has its own allowance


def test_employer_survey_serves_a_valid_link_to_an_address_over_its_limit(
    client: Any, campaign: Campaign, jember: Tenant, settings: Any
) -> None:
    from jejak.tracer import services

    settings.SURVEY_LOOKUPS_PER_MINUTE = 2
    survey = services.employer_survey_add(
        campaign=campaign, school=jember.school, employer_name="PT Uji", actor=jember.bkk
    )
    token = links.token_for(survey.seed)
    bad = [client.get(reverse("tracer:employer_survey", args=[f"x{i}"]), REMOTE_ADDR=LAB)
           .status_code for i in range(3)]  # fmt: skip
    assert bad == [404, 404, 429]
    good = client.get(reverse("tracer:employer_survey", args=[token]), REMOTE_ADDR=LAB)
    assert good.status_code == 200


def test_the_database_store_increments_atomically_and_cleans_old_windows(db: Any) -> None:
    assert [limiter.increment("t", "a", window=60) for _ in range(3)] == [1, 2, 3]
    assert limiter.count("t", "a", window=60) == 3
    assert limiter.count("t", "b", window=60) == 0
    RateCounter.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert limiter.purge_expired() == 1
    assert limiter.count("t", "a", window=60) == 0


def test_keys_hold_no_address_or_email_in_the_clear(db: Any) -> None:
    limiter.increment("password_reset:account", "siti@example.id", window=3600)
    key = RateCounter.objects.get().key
    assert "siti" not in key and len(key) == 64


def test_with_a_shared_cache_the_counts_live_there(db: Any, settings: Any) -> None:
    settings.RATELIMIT_STORE = "cache"
    assert [limiter.increment("t", "a", window=60) for _ in range(2)] == [1, 2]
    assert not RateCounter.objects.exists()
    assert limiter.count("t", "a", window=60) == 2


def test_cache_url_configures_django_redis_cache(monkeypatch: Any) -> None:
    import importlib

    import jejak.settings as settings_module

    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/3")
    try:
        fresh = importlib.reload(settings_module)
        assert fresh.CACHES["default"] == {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
        }
        assert fresh.RATELIMIT_STORE == "cache"
    finally:
        monkeypatch.delenv("CACHE_URL")
        importlib.reload(settings_module)
