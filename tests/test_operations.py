"""/healthz, /metrics, request ids, and the storage URL an operator configures."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from jejak.lib.storage_url import s3_options
from jejak.operations.requestid import RequestIdFilter
from jejak.worker.models import WorkerHeartbeat

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _beat(seconds_ago: int = 0) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", host="elsewhere", pid=1, started_at=now,
        seen_at=now - dt.timedelta(seconds=seconds_ago),
    )  # fmt: skip


def _queue(minutes_ago: int) -> None:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="jejak.x", backend_name="default",
        run_after=get_date_max(),
    )  # fmt: skip
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )


@pytest.mark.django_db
def test_healthz_is_200_with_every_check_when_all_is_well(client: Any, settings: Any) -> None:
    settings.TASKS = DB_TASKS
    _beat()
    _queue(minutes_ago=1)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert set(body["checks"]) == {"database", "cache", "storage", "worker"}
    assert body["checks"]["worker"]["workers"] == 1
    assert 55 <= body["checks"]["worker"]["oldest_queued_seconds"] <= 120
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_is_503_without_a_live_worker(client: Any, settings: Any) -> None:
    settings.TASKS = DB_TASKS
    _beat(seconds_ago=settings.WORKER_STALE_SECONDS + 5)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {
        "ok": False, "workers": 0, "oldest_queued_seconds": None,
        "ms": response.json()["checks"]["worker"]["ms"],
    }  # fmt: skip


@pytest.mark.django_db
def test_healthz_is_503_when_the_queue_is_stuck(client: Any, settings: Any) -> None:
    settings.TASKS = DB_TASKS
    settings.HEALTH_MAX_QUEUE_AGE_SECONDS = 600
    _beat()
    _queue(minutes_ago=11)
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_healthz_is_503_when_the_storage_cannot_be_reached(
    client: Any, settings: Any, monkeypatch: Any
) -> None:
    from jejak import files

    def unreachable(name: str) -> bool:
        raise ConnectionError("no route to the object store")

    monkeypatch.setattr(files, "exists", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["error"] == "ConnectionError"


@pytest.mark.django_db
def test_healthz_names_no_person(client: Any, jember: Any) -> None:
    text = client.get("/healthz").content.decode()
    for person in (jember.alumnus.name, jember.bkk.email, jember.school.name):
        assert person not in text


def test_livez_touches_no_database(client: Any) -> None:
    # No django_db mark: any query would fail the test.
    assert client.get("/livez").content == b"ok"


def test_metrics_answer_404_without_token_or_allowed_address(client: Any, settings: Any) -> None:
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "", []
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


@pytest.mark.django_db
def test_metrics_with_the_token_show_latency_queue_and_failures(client: Any, settings: Any) -> None:
    settings.METRICS_TOKEN = "s3cret-token"
    _queue(minutes_ago=2)
    client.get("/livez")
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'jejak_request_seconds_count{method="GET",status="2xx",view="livez"}' in text
    assert 'jejak_tasks{status="READY"} 1.0' in text
    assert 'jejak_tasks{status="FAILED"} 0.0' in text
    assert "jejak_queue_oldest_seconds 1" in text  # about 120 s


@pytest.mark.django_db
def test_metrics_from_an_allowed_address(client: Any, settings: Any) -> None:
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "", ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.168.1.1").status_code == 404


def test_a_request_id_is_kept_or_made_and_returned(client: Any) -> None:
    kept = client.get("/livez", HTTP_X_REQUEST_ID="abcdef0123456789")
    assert kept["X-Request-ID"] == "abcdef0123456789"
    made = client.get("/livez", HTTP_X_REQUEST_ID="<script>")
    assert len(made["X-Request-ID"]) == 32 and made["X-Request-ID"] != "<script>"


def test_log_lines_of_a_request_carry_its_id(client: Any) -> None:
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.request_id)  # type: ignore[attr-defined]

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get("/no-such-page-here", HTTP_X_REQUEST_ID="req-0000-1111")
    finally:
        logger.removeHandler(handler)
    assert seen == ["req-0000-1111"]


def test_json_log_lines_are_json_with_the_request_id() -> None:
    from pythonjsonlogger.json import JsonFormatter

    record = logging.LogRecord("jejak", logging.WARNING, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    line = JsonFormatter("%(asctime)s %(levelname)s %(message)s %(request_id)s").format(record)
    assert json.loads(line)["request_id"] == "-"


def test_storage_url_gives_the_s3_options() -> None:
    options = s3_options("s3+http://KEY:se%2Fcret@127.0.0.1:8333/jejak?region=id-1&prefix=p/")
    assert options["endpoint_url"] == "http://127.0.0.1:8333"
    assert (options["bucket_name"], options["access_key"], options["secret_key"]) == (
        "jejak", "KEY", "se/cret",
    )  # fmt: skip
    assert (options["region_name"], options["location"]) == ("id-1", "p")
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert s3_options("s3://k:s@store.example.id/b")["endpoint_url"] == "https://store.example.id"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://k:s@host/b", "must start with"),
        ("s3://k:s@host/", "one bucket"),
        ("s3://k:s@host/a/b", "one bucket"),
        ("s3://host/b", "access key"),
    ],
)
def test_a_wrong_storage_url_says_what_is_wrong(url: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        s3_options(url)


def _settings_in_a_process(tmp_path: Any, **env: str) -> dict[str, Any]:
    """Settings as a fresh process reads them from `env` (nothing connects)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, sentry_sdk; from django.conf import settings as s; "
        "from django.core.files.storage import storages; "
        "print(json.dumps({'storage': type(storages['default']).__name__, "
        "'sessions': s.SESSION_ENGINE, 'cache': s.CACHES['default']['BACKEND'], "
        "'databases': sorted(s.DATABASES), 'sentry': sentry_sdk.get_client().is_active(), "
        "'replica': s.DATABASES.get('replica_1', {}).get('HOST'), "
        "'cursors': s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS')}))"
    )
    shared = {"CACHE_URL", "STORAGE_URL", "DATABASE_URL", "DATABASE_REPLICA_URLS", "SENTRY_DSN"}
    clean = {k: v for k, v in os.environ.items() if k not in shared}
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
        env={**clean, "DJANGO_DEBUG": "1", "JEJAK_VAR_DIR": str(tmp_path), **env}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_nothing_set_keeps_the_embedded_defaults(tmp_path: Any) -> None:
    found = _settings_in_a_process(tmp_path)
    assert found == {
        "storage": "PrivateFileSystemStorage", "sessions": "django.contrib.sessions.backends.db",
        "cache": "django.core.cache.backends.locmem.LocMemCache", "databases": ["default"],
        "sentry": False, "replica": None, "cursors": False,
    }  # fmt: skip


def test_the_shared_parts_come_from_the_environment(tmp_path: Any) -> None:
    found = _settings_in_a_process(
        tmp_path,
        DATABASE_URL="postgres://j:p@bouncer:6432/jejak",
        DATABASE_REPLICA_URLS="postgres://j:p@replica-a:5432/jejak,postgres://j:p@b:5432/jejak",
        DISABLE_SERVER_SIDE_CURSORS="1",
        CACHE_URL="redis://cache:6379/0",
        STORAGE_URL="s3+http://k:s@objects:8333/jejak",
        SENTRY_DSN="https://public@errors.example.id/1",
    )
    assert found == {
        "storage": "S3Storage", "sessions": "django.contrib.sessions.backends.cached_db",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "databases": ["default", "replica_1", "replica_2"], "sentry": True,
        "replica": "replica-a", "cursors": True,
    }  # fmt: skip
