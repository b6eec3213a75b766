"""The bench's write floor (`bench/write/`) exists on the bench server only."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import Resolver404, resolve

from jejak.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_production_urls_have_no_bench_view() -> None:
    with pytest.raises(Resolver404):
        resolve("/bench/write/")


def test_the_bench_write_view_commits_one_row_through_the_orm(client: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = "bench.urls"
    response = client.post("/bench/write/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="bench.write").count() == 1
    assert client.get("/healthz").status_code == 200  # and Jejak's own URLs beside it
