"""What each request of the alumni survey costs in queries, pinned so a change that adds one
is seen. The flow is the one the bench measures: open, consent and activity, questions,
answers, thank-you page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jejak.indicators.models import RollupState
from jejak.tracer import links, services
from jejak.tracer.models import Campaign, Response, SurveyLink
from tests.conftest import Tenant
from tests.test_survey import WORKING

pytestmark = pytest.mark.django_db

CONSENT = {"persetujuan": "setuju", "kegiatan": "bekerja", "langkah": "1", "aksi": "simpan"}


def _counted(client: Any, method: str, url: str, data: Any = None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        page = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    return page.status_code, len(queries)


def _flow(client: Any, url: str) -> list[tuple[int, int]]:
    """Each request's status and query count, in the order an alumnus makes them."""
    return [
        _counted(client, "get", url),
        _counted(client, "post", url, CONSENT),
        _counted(client, "get", url),
        _counted(client, "post", url, {**WORKING, "aksi": "kirim"}),
        _counted(client, "get", url),
    ]


def test_the_survey_flow_costs_few_queries(client: Any, campaign: Campaign, jember: Tenant) -> None:
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus)
    url = reverse("tracer:survey", args=[links.token_for(link.seed)])
    # A first alumnus's flow loads what each process caches (job titles, regions, KBLI).
    _flow(client, url)
    second = SurveyLink.objects.exclude(pk=link.pk).get(campaign=campaign)
    url = reverse("tracer:survey", args=[links.token_for(second.seed)])
    counts = _flow(client, url)
    assert Response.objects.get(alumnus=second.alumnus).state == Response.State.SUBMITTED
    # Each page: the link with its campaign, alumnus, school and response, in one query.
    # Each POST (6, and the SAVEPOINT/RELEASE pair the test's own transaction adds): the
    # link; consent and its audit row, or the outcome event and the rollup's mark; the
    # response read under lock, then written; its audit row. Plus the per-link rate limit's
    # three statements on the database counter (none with CACHE_URL's shared cache).
    assert counts == [(200, 1), (302, 11), (200, 1), (302, 11), (200, 1)]


def test_a_partial_save_leaves_the_figures_and_a_submission_marks_them(
    campaign: Campaign, jember: Tenant
) -> None:
    """Figures read submitted answers only; a half-filled survey changes none of them."""
    services.response_save(campaign=campaign, alumnus=jember.alumnus,
                           raw={"kegiatan": "bekerja"}, submit=False)  # fmt: skip
    assert not RollupState.objects.exists()
    services.response_save(campaign=campaign, alumnus=jember.alumnus, raw=WORKING, submit=True)
    state = RollupState.objects.get(organisation=jember.school, cohort=jember.alumnus.cohort)
    assert state.stale
