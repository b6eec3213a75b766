"""Jejak's URLs plus `bench/write/`, the floor `submit_vs_write_ratio` is measured against.

Mounted only by the bench server (bench/settings.py); production's URLconf never has it."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from jejak.audit.models import AuditEvent
from jejak.urls import urlpatterns as jejak_urlpatterns


@csrf_exempt
def write_one(request: HttpRequest) -> HttpResponse:
    """The cheapest durable write the server can do: one row through the ORM, committed."""
    with transaction.atomic():
        AuditEvent.objects.create(
            actor_label="bench", action="bench.write", object_type="bench", object_code="1"
        )
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/write/", write_one), *jejak_urlpatterns]
