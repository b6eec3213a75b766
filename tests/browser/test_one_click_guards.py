"""One-click mistakes as a new user would make them, in a browser with JavaScript off: replacing
a survey link asks once and says what happens to the old link; the recruiter's stage menu
starts on "Pilih tahap" and "Pindahkan" without a choice moves nobody."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from jejak.jobs.models import Application, Stage
from jejak.jobs.services import application_submit
from jejak.tracer import services as tracer_services
from jejak.tracer.models import SurveyLink
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, Tenant, make_tenant
from tests.jobs_factories import post, vet

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def school(transactional_db: Any) -> Tenant:
    return make_tenant("Jember", "35.09", "20523001")


@pytest.fixture
def no_js_page(chromium: Any, live_server: Any, http_settings: None) -> Iterator[Any]:
    """No JavaScript: the guard must be the form itself, not a script."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_replacing_a_survey_link_asks_once_without_javascript(
    school: Tenant, no_js_page: Any, live_server: Any
) -> None:
    today = dt.date.today()
    campaign = tracer_services.campaign_open(
        owner=school.school, school=school.school, cohorts=[2025], start=today,
        end=today + dt.timedelta(days=30), actor=school.bkk,
    )  # fmt: skip
    link = SurveyLink.objects.get(campaign=campaign, alumnus=school.alumnus)
    page, base = no_js_page, live_server.url
    log_in(page, base, school.bkk.email, PASSWORD)
    page.goto(f"{base}/o/{school.school.code}/tracer/{campaign.code}/class/"
              f"{school.own_class.code}/")  # fmt: skip
    card = page.locator("li.person", has_text=school.alumnus.name)
    card.get_by_role("button", name="Ganti tautan (yang lama tidak berlaku)").click()
    page.get_by_text("Tautan lama berhenti berlaku").wait_for()
    assert SurveyLink.objects.get(pk=link.pk).token_hash == link.token_hash  # nothing yet
    page.get_by_role("button", name="Ya, ganti dengan tautan baru").click()
    page.get_by_text("yang lama tidak berlaku").first.wait_for()
    assert SurveyLink.objects.get(pk=link.pk).token_hash != link.token_hash


def test_stage_menu_starts_empty_and_refuses_a_move_without_a_choice(
    school: Tenant, no_js_page: Any, live_server: Any
) -> None:
    vet(school)
    vacancy = post(school)
    application, _ = application_submit(
        vacancy=vacancy, alumnus=school.alumnus, actor=school.alumnus_user
    )
    Application.objects.filter(pk=application.pk).update(stage=Stage.SHORTLISTED)
    page, base = no_js_page, live_server.url
    log_in(page, base, school.recruiter.email, PASSWORD)
    page.goto(f"{base}/o/{school.company.code}/jobs/{vacancy.code}/")
    menu = page.get_by_label("Pindahkan ke tahap")
    assert menu.evaluate("s => s.options[s.selectedIndex].text") == "Pilih tahap"
    url = page.url
    page.get_by_role("button", name="Pindahkan").click()
    # The browser refuses the empty required menu with its own message and sends nothing;
    # the server refuses it too (tests/test_confirmations.py), for browsers that do not.
    assert menu.evaluate("s => s.validationMessage") != ""
    assert page.url == url
    assert Application.objects.get(pk=application.pk).stage == Stage.SHORTLISTED
    page.get_by_label("Pindahkan ke tahap").select_option(label="Wawancara")
    page.get_by_role("button", name="Pindahkan").click()
    page.get_by_text("dipindah ke Wawancara").wait_for()
    assert Application.objects.get(pk=application.pk).stage == Stage.INTERVIEW
