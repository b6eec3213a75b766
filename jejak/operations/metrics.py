"""Metrics an operator scrapes at /metrics (Prometheus text format, prometheus-client).

Per process: request latency (a histogram by method, URL name and status class). Read from
the database at scrape time: tasks by status (queue depth = READY, failures = FAILED) and the
live worker count. Under gunicorn, PROMETHEUS_MULTIPROC_DIR makes every worker process write
its figures to that folder and /metrics adds them up.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUEST_SECONDS = Histogram(
    "jejak_request_seconds",
    "Time to answer a request, by view and status class.",
    ["method", "view", "status"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


class LatencyMiddleware:
    """Times every request; the URL name (not the path) labels it, so codes in URLs do not
    make a series per record."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        view = (match.view_name if match else "") or "unresolved"
        REQUEST_SECONDS.labels(
            request.method or "", view, f"{response.status_code // 100}xx"
        ).observe(time.perf_counter() - started)
        return response


class TaskCollector(Collector):
    """Tasks by status and live workers, read from the database when scraped."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from jejak.operations import health

        tasks = GaugeMetricFamily("jejak_tasks", "Background tasks by status.", labels=["status"])
        for status, count in sorted(health.task_counts().items()):
            tasks.add_metric([status], count)
        yield tasks
        yield GaugeMetricFamily(
            "jejak_queue_oldest_seconds",
            "Age of the oldest task waiting to run (0 when none waits).",
            value=health.oldest_queued_age() or 0.0,
        )
        yield GaugeMetricFamily(
            "jejak_workers_alive", "Workers whose heartbeat is recent.",
            value=health.live_workers(),
        )  # fmt: skip


def _allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    if token and constant_time_compare(offered, f"Bearer {token}"):
        return True
    # The connecting peer, not X-Forwarded-For: a scraper reaches the web process directly.
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        peer in ipaddress.ip_network(entry, strict=False) for entry in settings.METRICS_ALLOWED_IPS
    )


def metrics_view(request: HttpRequest) -> HttpResponse:
    """404 unless the scraper shows METRICS_TOKEN or comes from METRICS_ALLOWED_IPS."""
    if not _allowed(request):
        raise Http404
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUEST_SECONDS)
    registry.register(TaskCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
