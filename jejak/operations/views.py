"""/healthz for load balancers and /metrics for an operator's scraper."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from jejak.operations import health
from jejak.operations.metrics import metrics_view

__all__ = ["healthz", "livez", "metrics_view"]


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """JSON of every check; 200 when all are ok, 503 otherwise (take the server out)."""
    found = health.report()
    return JsonResponse(found, status=200 if found["ok"] else 503)


@never_cache
def livez(request: HttpRequest) -> HttpResponse:
    """The process answers; touches nothing else (a liveness probe, the trivial page of the
    benchmarks)."""
    return HttpResponse("ok", content_type="text/plain")
