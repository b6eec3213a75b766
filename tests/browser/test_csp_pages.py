"""The standalone pages (their own <style>, print buttons, copy-a-link inputs) run under the
Content-Security-Policy with nothing blocked: the survey, an invalid link, QR cards, the CV
printout and a vacancy poster. (Every other walk checks the pages it visits the same way.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jejak.tracer import links
from jejak.tracer.models import SurveyLink
from tests.browser.conftest import csp_violations, log_in
from tests.conftest import PASSWORD, Tenant, make_tenant, running_campaign
from tests.jobs_factories import some_vacancy, vet

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def school(transactional_db: Any) -> Tenant:
    return make_tenant("Jember", "35.09", "20523001")


def test_standalone_pages_run_under_the_policy(
    school: Tenant, desk_page: Any, live_server: Any
) -> None:
    base, page = live_server.url, desk_page
    blocked = csp_violations(page)
    campaign = running_campaign(school)
    link = SurveyLink.objects.get(campaign=campaign, alumnus=school.alumnus)
    vet(school)
    vacancy = some_vacancy(school)

    page.goto(base + reverse("tracer:survey", args=[links.token_for(link.seed)]))
    # The nonce'd <style> applied: the survey's header bar is green, not the browser default.
    header = page.locator("header").first
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(11, 110, 79)"
    page.goto(base + reverse("tracer:survey", args=["A" * 43]))
    assert page.locator("h1").evaluate("e => getComputedStyle(e).fontSize") != "32px"
    page.goto(base + reverse("jobs:poster", args=[vacancy.code]))
    page.get_by_role("button", name="Cetak").wait_for()

    log_in(page, base, school.bkk.email, PASSWORD)
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(base + reverse("tracer:qr_cards", args=[school.school.code, campaign.code,
                                                      school.own_class.code]))  # fmt: skip
    page.get_by_role("button", name="Cetak").wait_for()
    page.goto(base + reverse("tracer:follow_up", args=[school.school.code, campaign.code,
                                                       school.own_class.code]))  # fmt: skip
    page.locator("summary").first.click()
    field = page.locator("input[data-select]").first
    field.focus()
    assert field.evaluate("e => e.selectionEnd - e.selectionStart") == len(field.input_value())
    assert blocked == []
