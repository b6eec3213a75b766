"""Every role's main pages, and the survey pages alumni and employers open from a link, pass
axe-core's WCAG 2.0/2.1 A and AA rules with zero violations.

One small demo region (the same seeding as `manage.py seed_demo`) gives each page real rows;
each role gets one browser context and walks its menus (the header, the organisation tabs and
the alumnus tabs) plus the pages the menus do not reach: a campaign, a class follow-up, a staff
form sent empty, and the survey's consent and question pages with their errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from playwright.sync_api import Error as PlaywrightError

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import SchoolClass
from jejak.demo.seeding import DEMO_PASSWORD, seed_demo
from jejak.organisations.models import Organisation
from jejak.tracer import links
from jejak.tracer.models import Campaign, EmployerSurvey, Response, SurveyLink
from jejak.tracer.survey import CONSENTED
from tests.browser.axe import axe_violations, dangling_idrefs, describe
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

# Pages that answer with a file rather than a page.
FILE_SUFFIXES = (".csv", ".xlsx", ".pdf", ".zip")
# The menus, the home page's places and the big buttons a page leads on with.
MENU_LINKS = "header nav a[href], nav.tabs a[href], main ul.cards a[href], main p > a.button[href]"


@pytest.fixture
def demo(transactional_db: Any) -> None:
    ensure_reference_data()
    seed_demo(schools=1, cohorts=2, seed=11)
    # The demo's teacher keeps classes of the newest cohort; give them one the open campaign
    # follows too, so the teacher's walk reaches a follow-up page.
    campaign = Campaign.objects.get(state="open")
    teacher = Membership.objects.get(role=Role.HOMEROOM_TEACHER).user
    klass = SchoolClass.objects.filter(
        organisation=campaign.school, cohort__in=campaign.cohorts
    ).order_by("name")[0]
    klass.homeroom_teacher = teacher
    klass.save()


class Walk:
    """Visits pages in one browser context and collects axe's findings for all of them, so
    one run reports every page that needs work instead of stopping at the first.

    A page is checked once per view and kind of organisation (`checked` is shared by the
    walks of one test): the school head sees the BKK officer's templates with fewer buttons,
    and checking them again would only make the suite slower.
    """

    def __init__(self, page: Any, base: str, kind: str, checked: set[tuple[str, str]]) -> None:
        self.page, self.base, self.kind, self.checked = page, base, kind, checked
        self.seen: set[str] = set()
        self.findings: list[str] = []

    def check(self, where: str) -> None:
        if violations := axe_violations(self.page):
            self.findings.append(f"{where}:\n{describe(violations)}")
        if dangling := dangling_idrefs(self.page):
            self.findings.append(f"{where}: ids missing for {', '.join(dangling)}")

    def _key(self, url: str) -> tuple[str, str]:
        return resolve(urlsplit(url).path).view_name, self.kind

    def visit(self, path: str, *, always: bool = False) -> bool:
        """Open `path` and check it unless its view was checked already (`always` opens it
        anyway, to read its menus). True when the page is open."""
        if path in self.seen or (self._key(path) in self.checked and not always):
            return False
        self.seen.add(path)
        try:
            response = self.page.goto(self.base + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return False  # a file, not a page
            raise
        answered = response.status if response else None
        assert answered == 200, f"{path} answered {answered}"
        if "text/html" not in response.headers.get("content-type", ""):
            return False
        if (key := self._key(self.page.url)) not in self.checked:
            self.checked.add(key)
            self.check(path)
        return True

    def menu_paths(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all(MENU_LINKS, "links => links.map(a => a.href)")
        paths = []
        for href in hrefs:
            url = urlsplit(href)
            if url.netloc == urlsplit(self.base).netloc and not url.path.endswith(FILE_SUFFIXES):
                paths.append(url.path + (f"?{url.query}" if url.query else ""))
        return list(dict.fromkeys(paths))

    def menus(self) -> None:
        """Where the person lands, every menu link there, and every menu link on those."""
        self.visit("/", always=True)
        for path in self.menu_paths():
            if self.visit(path, always=True):
                for deeper in self.menu_paths():
                    self.visit(deeper)


@pytest.fixture
def walker(chromium: Any, live_server: Any, http_settings: None) -> Iterator[Any]:
    contexts: list[Any] = []
    checked: set[tuple[str, str]] = set()

    def open_walk(kind: str, *, locale: str = "id-ID", phone: bool = False) -> Walk:
        viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        context = chromium.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return Walk(page, live_server.url, kind, checked)

    yield open_walk
    for context in contexts:
        context.close()


def _login_of(role: str, org_kind: str) -> str:
    memberships = Membership.objects.filter(role=role, organisation__kind=org_kind)
    user = memberships.select_related("user").order_by("pk")[0].user
    return user.email or user.phone


Kind = Organisation.Kind
# The BKK officer walks first: the school head and the teacher then add only what differs.
STAFF_ROLES = [
    ("bkk", Role.BKK_OFFICER, Kind.SCHOOL),
    ("head", Role.SCHOOL_HEAD, Kind.SCHOOL),
    ("teacher", Role.HOMEROOM_TEACHER, Kind.SCHOOL),
    ("alumnus", Role.ALUMNUS, Kind.SCHOOL),
    ("recruiter", Role.RECRUITER, Kind.COMPANY),
    ("education office", Role.OFFICE_ANALYST, Kind.EDUCATION_OFFICE),
    ("labour office", Role.OFFICE_ANALYST, Kind.LABOUR_OFFICE),
    ("blk", Role.BLK_ADMIN, Kind.TRAINING_CENTRE),
]


def test_every_page_of_every_role_has_no_axe_violations(demo: None, walker: Any) -> None:
    """One test, so the demo region is seeded once for all the walks."""
    findings: list[str] = []
    campaign = Campaign.objects.get(state="open")
    for label, role, kind in STAFF_ROLES:
        # The two offices share their templates, so one key covers both.
        walk = walker("office" if "office" in kind else kind, phone=role == Role.ALUMNUS)
        log_in(walk.page, walk.base, _login_of(role, kind), DEMO_PASSWORD)
        walk.page.wait_for_url(lambda url: "/accounts/login" not in url)
        walk.menus()
        if role in {Role.BKK_OFFICER, Role.HOMEROOM_TEACHER}:
            _campaign_pages(walk, campaign)
        if role == Role.BKK_OFFICER:
            _staff_form_with_errors(walk, campaign)
        assert len(walk.seen) > 2, f"{label} reached only {walk.seen}"  # logged in, walked
        findings += [f"[{label}] {f}" for f in walk.findings]
    for locale in ["id-ID", "en-US"]:
        walk = walker(f"survey {locale}", locale=locale, phone=True)
        _survey_pages(walk)
        findings += [f"[survey {locale}] {f}" for f in walk.findings]
    assert not findings, "axe violations:\n" + "\n".join(findings)


def _campaign_pages(walk: Walk, campaign: Campaign) -> None:
    org = campaign.school.code
    walk.visit(f"/o/{org}/tracer/{campaign.code}/")
    klass = SchoolClass.objects.filter(
        organisation=campaign.school, homeroom_teacher__isnull=False, cohort__in=campaign.cohorts
    ).order_by("name")[0]
    walk.visit(f"/o/{org}/tracer/{campaign.code}/class/{klass.code}/")


def _staff_form_with_errors(walk: Walk, campaign: Campaign) -> None:
    walk.page.goto(f"{walk.base}/o/{campaign.school.code}/tracer/new/")
    walk.page.get_by_role("button", name="Buka kampanye").click()
    walk.page.wait_for_load_state()
    walk.check("campaign form sent empty")


def _survey_pages(walk: Walk) -> None:
    """An alumnus's link from consent to the question page's errors, an employer's survey
    sent empty, and a link that does not exist."""
    answered = Response.objects.values("alumnus_id")
    fresh = SurveyLink.objects.filter(campaign__state="open", revoked_at__isnull=True)
    fresh = fresh.exclude(alumnus_id__in=answered).exclude(alumnus__consent__in=CONSENTED)
    link = fresh.order_by("pk").first()
    assert link is not None
    survey = urlsplit(links.survey_url(link.seed)).path
    walk.visit(survey)  # consent and main activity
    walk.page.locator("button.go").click()  # nothing ticked: the consent error
    walk.page.locator(".errsum").wait_for()
    walk.check("survey consent error")
    walk.page.locator("input[name=persetujuan]").check()
    walk.page.locator("input[name=kegiatan][value=bekerja]").check()
    wali = walk.page.locator("input[name=nama_wali]")
    if wali.count():
        wali.fill("Orang Tua")
    walk.page.locator("button.go").click()
    walk.page.locator("button[value=kirim]").wait_for()
    walk.check("survey questions")
    walk.page.locator("button[value=kirim]").click()  # nothing answered: the error page
    walk.page.locator(".errsum").wait_for()
    walk.check("survey questions with errors")
    # Focus lands on the error summary, whose first link leads to the first field in error.
    assert walk.page.evaluate("() => document.activeElement.classList.contains('errsum')")
    walk.page.locator(".errsum a").first.click()
    assert walk.page.evaluate("() => location.hash === '#' + document.activeElement.id")
    employer = EmployerSurvey.objects.order_by("pk").first()
    assert employer is not None
    walk.visit(urlsplit(links.survey_url(employer.seed, "tracer:employer_survey")).path)
    walk.page.locator("button.go").click()
    walk.page.locator(".errsum").wait_for()
    walk.check("employer survey with errors")
    invalid = walk.page.goto(f"{walk.base}/s/no-such-link/")
    assert invalid is not None and invalid.status == 404
    walk.check("invalid link")
