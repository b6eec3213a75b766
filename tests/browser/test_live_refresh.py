"""Pages that refresh themselves leave keyboard focus where it was.

The browser's clock is fast-forwarded past the polling interval, so these take seconds, not
the 15-20 s a person waits.
"""

from __future__ import annotations

from typing import Any

import pytest

from jejak.tracer import services
from jejak.tracer.models import Campaign
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, Tenant, make_tenant, running_campaign

pytestmark = pytest.mark.django_db(transaction=True)

# The element that had focus, marked before the refresh, still has it afterwards.
SAME_FOCUS = "() => document.activeElement && document.activeElement.dataset.marked === 'yes'"


@pytest.fixture
def running(transactional_db: Any) -> tuple[Tenant, Campaign]:
    tenant = make_tenant("Jember", "35.09", "20523001")
    campaign = running_campaign(tenant)
    return tenant, campaign


def _answer(tenant: Tenant, campaign: Campaign) -> None:
    services.consent_give(alumnus=tenant.alumnus)
    services.response_save(
        campaign=campaign, alumnus=tenant.alumnus, raw={"kegiatan": "bekerja"}, submit=False
    )


def test_follow_up_updates_a_status_without_moving_focus_or_closing_details(
    running: tuple[Tenant, Campaign], desk_page: Any, live_server: Any
) -> None:
    tenant, campaign = running
    page = desk_page
    page.clock.install()
    log_in(page, live_server.url, tenant.teacher.email, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(
        f"{live_server.url}/o/{tenant.school.code}/tracer/{campaign.code}/class/"
        f"{tenant.own_class.code}/"
    )
    card = page.locator("li.person", has_text=tenant.alumnus.name)
    assert "Belum menjawab" in card.inner_text()
    card.locator("summary").click()  # the personal link opened to copy
    new_link = card.get_by_role("button", name="Ganti tautan")
    new_link.focus()
    new_link.evaluate("el => { el.dataset.marked = 'yes'; }")
    _answer(tenant, campaign)
    page.clock.run_for(21_000)
    card.get_by_text("Belum selesai").wait_for()
    assert page.evaluate(SAME_FOCUS)
    assert card.locator("details").get_attribute("open") is not None
    assert_accessible(page)


def test_campaign_progress_refresh_keeps_focus_on_the_class_link(
    running: tuple[Tenant, Campaign], desk_page: Any, live_server: Any
) -> None:
    tenant, campaign = running
    page = desk_page
    page.clock.install()
    log_in(page, live_server.url, tenant.bkk.email, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(f"{live_server.url}/o/{tenant.school.code}/tracer/{campaign.code}/?per=class")
    page.get_by_role("link", name=tenant.own_class.name).focus()
    _answer(tenant, campaign)
    with page.expect_response(
        lambda r: "per=class" in r.url and r.request.resource_type != "document"
    ):
        page.clock.run_for(16_000)
    page.wait_for_function("() => !document.querySelector('#progress.htmx-settling')")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == tenant.own_class.name
    # Stopping the refresh is a plain link; the page then polls no more.
    page.get_by_role("link", name="Hentikan pembaruan otomatis").click()
    page.get_by_role("link", name="Nyalakan pembaruan otomatis").wait_for()
    assert page.locator("[hx-trigger]").count() == 0
