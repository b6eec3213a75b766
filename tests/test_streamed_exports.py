"""Large exports stream: the register download and the campaign links (view and command)
are written row by row from chunked reads, so memory does not grow with a copy of every row.

An export built in memory holds each row's cells or model objects (2-5 KB a row); a streamed
one grows by far less than 1 KB a row here (the SQLite driver's own buffers, on a test
database in memory). bench/province_bench.py measures the peak at 200,000 rows.
"""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from jejak.alumni.models import Alumnus
from jejak.tracer import services as tracer_services
from jejak.tracer.models import Campaign
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def _add_alumni(jember: Tenant, n: int, start: int) -> None:
    Alumnus.objects.bulk_create(
        [Alumnus(organisation=jember.school, name=f"Alumni Massal {start + i}", sex="L",
                 cohort=2025, phone="+6281234500000", nisn=f"{9_000_000_000 + start + i}")
         for i in range(n)],
        batch_size=1000,
    )  # fmt: skip


def _peak(run: Callable[[], Any]) -> int:
    """Peak bytes Python allocated while `run` went, over what was held before it."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


ADDED = 4000
PER_ROW = 1000  # bytes: an export holding its rows needs several times this


def _drain(response: Any) -> int:
    return sum(len(chunk) for chunk in response.streaming_content)


def test_the_register_download_streams_and_its_memory_does_not_grow_with_rows(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    url = reverse("alumni:export", args=[jember.school.code])
    _add_alumni(jember, 2000, 0)  # one chunk of the database read
    response = client.get(url)
    assert response.streaming and response["Content-Type"].startswith("application/vnd.openxml")
    small = _peak(lambda: _drain(client.get(url)))
    _add_alumni(jember, ADDED, 2000)
    big = _peak(lambda: _drain(client.get(url)))
    assert big - small < ADDED * PER_ROW, (small, big)


def test_campaign_links_stream_through_the_view_and_the_command(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    client = login(jember.bkk)
    url = reverse("tracer:links_csv", args=[jember.school.code, campaign.code])
    _add_alumni(jember, 2000, 0)
    tracer_services.links_issue(campaign)
    response = client.get(url)
    assert response.streaming
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0] == "nisn;nama;rombel;hp;tautan;whatsapp" and len(lines) > 2000
    assert sum("https://wa.me/6281234500000" in line for line in lines) == 2000

    def command() -> None:
        call_command("campaign_links", "--campaign", campaign.code, stdout=io.StringIO())

    def view() -> None:
        _drain(client.get(url))

    small_view, small_command = _peak(view), _peak(command)
    _add_alumni(jember, ADDED, 2000)
    tracer_services.links_issue(campaign)
    assert _peak(view) - small_view < ADDED * PER_ROW
    # The command writes into a StringIO here, which holds the output; count only the rest.
    out = io.StringIO()
    call_command("campaign_links", "--campaign", campaign.code, stdout=out)
    assert len(out.getvalue().splitlines()) > 6000
    written = len(out.getvalue()) * 2  # the StringIO's own copy, as the command writes it
    assert _peak(command) - written - small_command < ADDED * PER_ROW
