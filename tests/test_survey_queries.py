"""What each request of the alumni survey costs in queries, pinned so a change that adds one
is seen. The flow is the one the bench measures: open, consent and activity, questions,
answers, thank-you page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jejak.indicators.models import RollupState
from jejak.ratelimit import limiter
from jejak.tracer import links, services
from jejak.tracer.models import Campaign, Response, SurveyLink
from tests.conftest import Tenant
from tests.test_survey import WORKING

pytestmark = pytest.mark.django_db

CONSENT = {"persetujuan": "setuju", "kegiatan": "bekerja", "langkah": "1", "aksi": "simpan"}


def _statement(sql: str) -> str:
    """What a statement does and to which table: "UPDATE tracer_response", "SAVEPOINT"."""
    verb = sql.split()[0].upper()
    if verb in {"SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT"}:
        return verb
    table = re.search(r'(?:FROM|UPDATE|INTO) "(\w+)"', sql)
    return f"{verb} {table.group(1) if table else '?'}"


def _statements(client: Any, method: str, url: str, data: Any = None) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        page = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    return page.status_code, [_statement(query["sql"]) for query in queries]


def _flow(client: Any, url: str) -> list[tuple[int, list[str]]]:
    """Each request's status and statements, in the order an alumnus makes them."""
    return [
        _statements(client, "get", url),
        _statements(client, "post", url, CONSENT),
        _statements(client, "get", url),
        _statements(client, "post", url, {**WORKING, "aksi": "kirim"}),
        _statements(client, "get", url),
    ]


LINK = "SELECT tracer_surveylink"  # with its campaign, alumnus, school and response joined
# A POST is one transaction (here a savepoint inside the test's own transaction): the
# link's count against its limit, then the answers' savepoint (retried on a clash).
CONSENT_POST = [
    LINK, "SAVEPOINT",
    # The window's first POST of this link: its counter is made (in a savepoint of its own).
    "UPDATE ratelimit_ratecounter", "SAVEPOINT", "INSERT ratelimit_ratecounter", "RELEASE",
    # No response yet (the link said so): consent recorded, the response made, one INSERT
    # for both audit rows.
    "SAVEPOINT", "UPDATE alumni_alumnus", "INSERT tracer_response", "INSERT audit_auditevent",
    "RELEASE", "RELEASE",
]  # fmt: skip
ANSWERS_POST = [
    LINK, "SAVEPOINT", "UPDATE ratelimit_ratecounter",
    # The response read under lock and written; its outcome event, the rollup marked stale
    # (one UPDATE: it is already waiting for the periodic refresh), the audit row.
    "SAVEPOINT", "SELECT tracer_response", "UPDATE tracer_response",
    "INSERT outcomes_outcomeevent", "UPDATE indicators_rollupstate", "INSERT audit_auditevent",
    "RELEASE", "RELEASE",
]  # fmt: skip


def test_the_survey_flow_costs_few_queries(
    client: Any, campaign: Campaign, jember: Tenant, monkeypatch: Any
) -> None:
    monkeypatch.setattr(limiter, "_window_start", lambda seconds: 0)  # one rate-limit window
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus)
    url = reverse("tracer:survey", args=[links.token_for(link.seed)])
    # A first alumnus's flow loads what each process caches (job titles, regions, KBLI)
    # and turns the cohort's rollup stale.
    _flow(client, url)
    second = SurveyLink.objects.exclude(pk=link.pk).get(campaign=campaign)
    url = reverse("tracer:survey", args=[links.token_for(second.seed)])
    statements = _flow(client, url)
    assert Response.objects.get(alumnus=second.alumnus).state == Response.State.SUBMITTED
    # Each page: the link with all it opens, in one query.
    assert statements == [
        (200, [LINK]), (302, CONSENT_POST), (200, [LINK]), (302, ANSWERS_POST), (200, [LINK]),
    ]  # fmt: skip


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
