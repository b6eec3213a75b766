"""Rate limits count in a store every worker process shares, only failures count on survey
links, and nobody's junk requests stop a valid link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jejak.ratelimit import limiter
from jejak.ratelimit.models import RateCounter
from jejak.tracer import links
from jejak.tracer.models import Campaign, SurveyLink
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db
LAB = "203.0.113.7"
WORKING = {
    "kegiatan": "bekerja", "tanggal_mulai": "2025-08", "nama_instansi": "PT Sinar Jaya",
    "status_pekerjaan": "buruh", "jabatan": "operator produksi", "kbli": "C",
    "wilayah_kerja": "Kabupaten Jember", "penghasilan": "2.800.000", "jam_per_minggu": "40",
    "keselarasan": "3", "cara_dapat_kerja": "bkk",
}  # fmt: skip


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


def test_a_limit_counts_up_to_its_allowance_and_then_refuses(db: Any) -> None:
    assert [limiter.within_limit("t", "a", limit=3, window=60) for _ in range(5)] == [
        True, True, True, False, False,
    ]  # fmt: skip
    assert limiter.count("t", "a", window=60) == 3
    assert limiter.within_limit("t", "b", limit=3, window=60)  # another key, its own count
    assert not limiter.within_limit("t", "c", limit=0, window=60)


def test_a_counted_event_costs_one_statement_once_the_window_has_a_counter(db: Any) -> None:
    limiter.within_limit("t", "a", limit=5, window=60)
    with CaptureQueriesContext(connection) as queries:
        assert limiter.within_limit("t", "a", limit=5, window=60)
    assert len(queries) == 1


def test_a_refusal_inside_a_transaction_leaves_the_transaction_usable(db: Any) -> None:
    """At the limit the counter's INSERT clashes; PostgreSQL would abort the caller's
    transaction unless the clash stays inside its savepoint."""
    with transaction.atomic():
        assert limiter.within_limit("t", "a", limit=1, window=60)
        assert not limiter.within_limit("t", "a", limit=1, window=60)
        assert RateCounter.objects.get().count == 1


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


def test_72_alumni_behind_one_address_all_finish_the_survey(
    client: Any, campaign: Campaign, jember: Tenant, settings: Any
) -> None:
    """A school lab's NAT: 72 alumni each open their link and post both pages, at the same
    time as junk traffic from the same address: every one is served and saved."""
    from jejak.alumni.models import Alumnus
    from jejak.tracer import services as tracer_services
    from jejak.tracer.models import Response

    settings.SURVEY_LOOKUPS_PER_MINUTE = 10
    alumni = Alumnus.objects.bulk_create([
        Alumnus(organisation=jember.school, name=f"Alumni Lab {n}", sex="L", cohort=2025)
        for n in range(72)
    ])  # fmt: skip
    tracer_services.links_issue(campaign)
    _junk(client, 20)  # the address is over its lookup limit
    statuses = []
    for alumnus in alumni:
        link = SurveyLink.objects.get(campaign=campaign, alumnus=alumnus)
        url = reverse("tracer:survey", args=[links.token_for(link.seed)])
        statuses.append(client.get(url, REMOTE_ADDR=LAB).status_code)
        first = {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"}
        statuses.append(client.post(url, first, REMOTE_ADDR=LAB).status_code)
        statuses.append(client.post(url, {**WORKING, "aksi": "kirim"}, REMOTE_ADDR=LAB).status_code)
    assert 429 not in statuses and not [s for s in statuses if s >= 500]
    submitted = Response.objects.filter(alumnus__in=alumni, state=Response.State.SUBMITTED)
    assert submitted.count() == 72


def test_one_link_hammered_is_limited_per_link_not_per_address(
    client: Any, campaign: Campaign, jember: Tenant, settings: Any
) -> None:
    settings.SURVEY_POSTS_PER_LINK_PER_MINUTE = 3
    url = _valid_url(jember)
    posted = [client.post(url, {"aksi": "simpan"}, REMOTE_ADDR=LAB).status_code for _ in range(5)]
    assert 429 not in posted[:3] and posted[3:] == [429, 429]
    other = SurveyLink.objects.get(alumnus=jember.other_alumnus)
    other_url = reverse("tracer:survey", args=[links.token_for(other.seed)])
    assert client.post(other_url, {"aksi": "simpan"}, REMOTE_ADDR=LAB).status_code != 429
