"""The staff lists (vacancies, applications, companies) page through every row, 50 at a time:
no row is out of reach, none shows twice, the filters survive a page turn, a bad page number
never fails, and a full page costs the same number of queries as a nearly empty one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jejak.jobs.models import Application, Stage, Vacancy
from jejak.lib.paging import PAGE_SIZE, page_link, paginate
from jejak.organisations.models import Organisation
from tests.conftest import Tenant

SAME_TIME = dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.UTC)


def _vacancies(t: Tenant, n: int, **fields: Any) -> list[Vacancy]:
    """`n` vacancies of the tenant's company, all created at the same instant, so only the
    tiebreaker keeps their order."""
    today = timezone.localdate()
    data = {"company": t.company, "posted_by_org": t.company, "posted_by": t.recruiter,
            "openings": 1, "opens_on": today, "closes_on": today + dt.timedelta(days=30),
            **fields}  # fmt: skip
    made = [Vacancy.objects.create(title=f"Operator {i:03}", **data) for i in range(n)]
    Vacancy.objects.filter(pk__in=[v.pk for v in made]).update(created_at=SAME_TIME)
    return made


def _applications(t: Tenant, n: int, stage: str = Stage.APPLIED) -> list[Application]:
    """`n` applications of the tenant's two alumni to fresh vacancies, all updated at once."""
    alumni = [t.alumnus, t.other_alumnus]
    vacancies = _vacancies(t, (n + 1) // 2)
    made = [
        Application.objects.create(
            vacancy=vacancies[i // 2], alumnus=alumni[i % 2], organisation=t.school, stage=stage
        )
        for i in range(n)
    ]
    Application.objects.filter(pk__in=[a.pk for a in made]).update(updated_at=SAME_TIME)
    return made


def _companies(t: Tenant, n: int, name: str = "PT Uji Sama") -> list[Organisation]:
    """`n` companies of the tenant's province with one and the same name."""
    return [
        Organisation.objects.create(kind=Organisation.Kind.COMPANY, name=name, region_id=t.region)
        for _ in range(n)
    ]


def _shown(html: str, hrefs: dict[str, str]) -> set[str]:
    """Which of the rows (code → link) the page lists."""
    return {code for code, href in hrefs.items() if f'href="{href}"' in html}


def test_vacancy_list_pages_through_every_vacancy_and_keeps_the_state_filter(
    login: Any, jember: Tenant
) -> None:
    org = jember.company.code
    opened = _vacancies(jember, PAGE_SIZE + 7)
    closed = _vacancies(jember, 3, state=Vacancy.State.CLOSED)
    hrefs = {v.code: reverse("jobs:detail", args=[org, v.code]) for v in opened + closed}
    client = login(jember.recruiter)
    url = reverse("jobs:list", args=[org])

    first = client.get(url, {"state": "open"}).content.decode()
    newest = sorted(opened, key=lambda v: v.pk, reverse=True)[:PAGE_SIZE]  # id breaks the tie
    assert _shown(first, hrefs) == {v.code for v in newest}
    assert "57 lowongan" in first and "Halaman 1 dari 2" in first
    assert 'href="?state=open&amp;page=2"' in first
    assert 'rel="prev"' not in first

    second = client.get(url, {"state": "open", "page": "2"}).content.decode()
    assert len(_shown(second, hrefs)) == 7 and "Halaman 2 dari 2" in second
    assert 'href="?state=open"' in second  # back to page 1, filter kept
    assert 'rel="next"' not in second
    seen = _shown(first, hrefs) | _shown(second, hrefs)
    assert seen == {v.code for v in opened}  # every open one once, no closed one

    everything = client.get(url).content.decode()
    assert "60 lowongan" in everything and 'href="?page=2"' in everything


def test_application_list_pages_and_keeps_the_stage_filter(login: Any, jember: Tenant) -> None:
    org = jember.school.code
    applied = _applications(jember, PAGE_SIZE + 6)
    interviewed = _applications(jember, 4, stage=Stage.INTERVIEW)
    hrefs = {
        a.code: f"{reverse('jobs:detail', args=[org, a.vacancy.code])}#a-{a.code}"
        for a in applied + interviewed
    }
    client = login(jember.bkk)
    url = reverse("jobs:applications", args=[org])

    first = client.get(url, {"stage": "applied"}).content.decode()
    newest = sorted(applied, key=lambda a: a.pk, reverse=True)[:PAGE_SIZE]
    assert _shown(first, hrefs) == {a.code for a in newest}
    assert "56 lamaran" in first and "Halaman 1 dari 2" in first
    assert 'href="?stage=applied&amp;page=2"' in first

    second = client.get(url, {"stage": "applied", "page": "2"}).content.decode()
    assert len(_shown(second, hrefs)) == 6
    assert _shown(first, hrefs) | _shown(second, hrefs) == {a.code for a in applied}

    stage = client.get(url, {"stage": "interview"}).content.decode()
    assert _shown(stage, hrefs) == {a.code for a in interviewed}
    assert "4 lamaran" in stage and "Halaman" not in stage  # one page: no pager


def test_company_list_pages_through_same_named_companies_and_keeps_the_search(
    login: Any, jember: Tenant
) -> None:
    org = jember.school.code
    found = _companies(jember, PAGE_SIZE + 2)
    hrefs = {c.code: reverse("companies:detail", args=[org, c.code]) for c in found}
    client = login(jember.bkk)
    url = reverse("companies:list", args=[org])

    first = client.get(url, {"q": "Uji Sama"}).content.decode()
    assert _shown(first, hrefs) == {c.code for c in found[:PAGE_SIZE]}  # same name: by id
    assert "52 perusahaan" in first
    assert 'href="?q=Uji+Sama&amp;page=2"' in first
    assert "PT Jember" not in first

    second = client.get(url, {"q": "Uji Sama", "page": "2"}).content.decode()
    assert len(_shown(second, hrefs)) == 2
    assert _shown(first, hrefs) | _shown(second, hrefs) == set(hrefs)


def test_the_pager_speaks_english_too(login: Any, jember: Tenant) -> None:
    _vacancies(jember, PAGE_SIZE + 1)
    client = login(jember.recruiter)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("jobs:list", args=[jember.company.code]), {"page": "2"})
    text = html.content.decode()
    assert "51 vacancies · Page 2 of 2" in text and ">\u2039 Previous<" in text


LISTS: dict[str, tuple[Callable[[Tenant], Organisation], Callable[[Tenant], Any]]] = {
    "jobs:list": (lambda t: t.company, lambda t: t.recruiter),
    "jobs:applications": (lambda t: t.school, lambda t: t.bkk),
    "companies:list": (lambda t: t.school, lambda t: t.bkk),
}
MAKERS: dict[str, Callable[[Tenant, int], Any]] = {
    "jobs:list": _vacancies,
    "jobs:applications": _applications,
    "companies:list": _companies,
}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(("page", "expected"), [("999", 2), ("abc", 1), ("0", 2), ("-1", 2)])
def test_a_page_number_out_of_range_or_not_a_number_shows_a_real_page(
    login: Any, jember: Tenant, name: str, page: str, expected: int
) -> None:
    org, user = LISTS[name]
    MAKERS[name](jember, PAGE_SIZE + 1)
    response = login(user(jember)).get(reverse(name, args=[org(jember).code]), {"page": page})
    assert response.status_code == 200
    assert f"Halaman {expected} dari 2" in response.content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_an_empty_list_has_no_pager(login: Any, jember: Tenant, name: str) -> None:
    org, user = LISTS[name]
    if name == "companies:list":
        Organisation.objects.filter(kind=Organisation.Kind.COMPANY).delete()
    response = login(user(jember)).get(reverse(name, args=[org(jember).code]), {"page": "3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Halaman 1" not in html and 'rel="next"' not in html


@pytest.mark.parametrize("name", LISTS)
def test_a_full_page_costs_the_queries_of_a_short_one(
    login: Any, jember: Tenant, name: str
) -> None:
    org, user = LISTS[name]
    client = login(user(jember))
    url = reverse(name, args=[org(jember).code])
    MAKERS[name](jember, 2)
    client.get(url)  # warm whatever is cached per process
    with CaptureQueriesContext(connection) as short:
        assert client.get(url).status_code == 200
    MAKERS[name](jember, PAGE_SIZE * 2)
    with CaptureQueriesContext(connection) as full:
        assert client.get(url).status_code == 200
    assert len(full) == len(short), [q["sql"] for q in full]


@pytest.mark.parametrize("name", LISTS)
def test_the_page_query_ends_its_ordering_with_the_id(
    login: Any, jember: Tenant, name: str
) -> None:
    """Rows that tie on the visible ordering keep their place, on PostgreSQL as on SQLite."""
    org, user = LISTS[name]
    MAKERS[name](jember, PAGE_SIZE + 1)
    with CaptureQueriesContext(connection) as queries:
        login(user(jember)).get(reverse(name, args=[org(jember).code]))
    paged = [q["sql"] for q in queries if re.search(rf"LIMIT {PAGE_SIZE}\b", q["sql"])]
    assert len(paged) == 1, paged
    ordering = re.search(r"ORDER BY (.*) LIMIT", paged[0])
    assert ordering and re.fullmatch(r'"\w+"\."id" (ASC|DESC)', ordering[1].split(", ")[-1])


def test_page_links_keep_repeated_parameters_and_drop_the_number_for_page_one() -> None:
    request = RequestFactory().get("/x/", {"tag": ["a", "b & c"], "page": "3"})
    assert page_link(request, 4) == "?tag=a&tag=b+%26+c&page=4"
    assert page_link(request, 1) == "?tag=a&tag=b+%26+c"
    assert page_link(RequestFactory().get("/x/"), 1) == "?"


def test_paginate_falls_back_to_the_first_or_last_page(jember: Tenant) -> None:
    items = Organisation.objects.order_by("pk")[:5]  # office, labour office, school, company, BLK
    for asked, number in [("abc", 1), ("", 1), ("2", 2), ("999", 3), ("1.5", 1)]:
        paging = paginate(RequestFactory().get("/x/", {"page": asked}), items, per_page=2)
        assert paging.page.number == number
        assert paging.count == 5
    last = paginate(RequestFactory().get("/x/", {"page": "3", "q": "a"}), items, per_page=2)
    assert (last.previous_url, last.next_url) == ("?q=a&page=2", "")
