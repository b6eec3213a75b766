"""jobs_board_ratio, jobs_board_gzip_bytes, jobs_board_queries, alert_digest_per_second.

On the demo regency (24 schools, 3 cohorts, the job exchange seed): the public regency
board rendered in-process, its time over the login page's in the same run (a ratio, so the
machine's load cancels out), its gzip size (it must stay light for phones) and its query
count (constant, however many vacancies); then one alert digest round over every live
vacancy, with mail kept in memory: digests written per second.
"""

from __future__ import annotations

import gzip
import statistics
import time
from pathlib import Path
from typing import Any

REQUESTS = 200
# The floor: a page with the same base template and middleware but no data (the login form).
FLOOR = "/accounts/login/"


def _per_request(client: Any, path: str) -> float:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(REQUESTS // 5):
            response = client.get(path)
            assert response.status_code == 200, path
        samples.append((time.perf_counter() - start) / (REQUESTS // 5))
    return statistics.median(samples)


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from jejak.demo.seeding import seed_demo
    from jejak.jobs.models import AlertSent, Vacancy
    from jejak.jobs.tasks import send_digests

    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
    ):
        seed_demo(schools=24, cohorts=3, seed=2026)
        client = Client()
        board = "/lowongan/wilayah/35.09/"
        client.get(board), client.get(FLOOR)  # warm up
        queries: list[str] = []
        # Counted by a wrapper: each request closes SQLite's connection, which a
        # CaptureQueriesContext would not survive.
        with connection.execute_wrapper(
            lambda run, sql, *rest: queries.append(sql) or run(sql, *rest)
        ):
            page = client.get(board, HTTP_ACCEPT_ENCODING="gzip")
        assert page.status_code == 200, page.status_code
        body = page.content
        size = len(body) if page.get("Content-Encoding") == "gzip" else len(gzip.compress(body))
        floor = _per_request(client, FLOOR)
        board_time = _per_request(client, board)
        mail.outbox = []
        AlertSent.objects.all().delete()
        start = time.perf_counter()
        sent, _left = send_digests()  # one unpaced round, to time the writing
        digest_seconds = time.perf_counter() - start
    metrics = {
        "jobs_board_ratio": round(board_time / floor, 2),
        "jobs_board_gzip_bytes": size,
        "jobs_board_queries": len(queries),
        "alert_digest_per_second": round(sent / digest_seconds, 1) if digest_seconds else 0.0,
    }
    details = {
        "board_ms": round(board_time * 1000, 2), "login_page_ms": round(floor * 1000, 3),
        "live_vacancies": Vacancy.objects.filter(state="open").count(),
        "digests_sent": sent, "digest_seconds": round(digest_seconds, 2),
        "goal": "jobs_board_gzip_bytes <= 20000, jobs_board_queries constant",
    }  # fmt: skip
    return metrics, details
