"""The office's indicator page pages its table of schools, 50 at a time: the rows follow the
chosen sort across pages, the page links keep the cohort and the sort, a bad page number never
fails, and the area total, the regency summary, the benchmarks and the chart stay those of the
whole area on every page, at a query count that does not grow with the number of schools."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jejak.alumni.models import Alumnus
from jejak.indicators.rollups import refresh, refresh_areas
from jejak.lib.paging import PAGE_SIZE
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from tests.conftest import Tenant

COHORT = 2025
REGENCIES = ["35.09", "35.10"]  # Jember, and Banyuwangi added to the office's area
SORTED_BY_BMW = {"cohort": str(COHORT), "sort": "bmw_rate", "dir": "desc"}


def _schools(t: Tenant, n: int, start: int = 0) -> dict[str, float]:
    """`n` more schools in the office's area, split over two regencies, each with four alumni
    of the cohort of whom `i % 5` work and the others look for work (a BMW rate of 0, 25, 50,
    75 or 100 %), their rollups computed as the background task would. Returns the BMW rate
    of each new school by name."""
    t.office.area.add(*REGENCIES)
    names = [f"SMK Uji {i:04}" for i in range(start, start + n)]
    Organisation.objects.bulk_create([
        Organisation(kind=Organisation.Kind.SCHOOL, name=name, region_id=REGENCIES[i % 2],
                     province_code="35", status="negeri" if i % 3 == 0 else "swasta")
        for i, name in enumerate(names, start)
    ])  # fmt: skip
    schools = list(Organisation.objects.filter(name__in=names).order_by("name"))
    Alumnus.objects.bulk_create([
        Alumnus(organisation=s, province_code="35", name=f"{s.name} {k}", sex="L", cohort=COHORT)
        for s in schools for k in range(4)
    ])  # fmt: skip
    working = {s.pk: i % 5 for i, s in enumerate(schools, start)}
    OutcomeEvent.objects.bulk_create([
        OutcomeEvent(organisation_id=a.organisation_id, province_code="35", alumnus=a,
                     source="self", start_date=dt.date(COHORT, 9, 1),
                     activity="bekerja" if int(a.name[-1]) < working[a.organisation_id]
                     else "mencari_kerja")
        for a in Alumnus.objects.filter(organisation__in=schools)
    ])  # fmt: skip
    refresh_areas([refresh(s, COHORT) for s in [*schools, t.school]])
    return {s.name: working[s.pk] / 4 for s in schools}


def _table(html: str) -> list[str]:
    """The names of the schools the table of schools shows, in order."""
    body = html[html.index('id="schools"') : html.index("</tbody>", html.index('id="schools"'))]
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a></th>', body)


def _whole_area(html: str) -> list[str]:
    """What the page says of the whole area: the total and the regency summary, the
    benchmarks under the table and the chart."""
    total = html[html.index('<section aria-labelledby="h-total">') : html.index("</section>")]
    benchmarks = html[html.index("<tfoot>") : html.index("</tfoot>")]
    chart = html[html.index("<figure>", html.index("</tfoot>")) : html.index("</figure>")]
    return [total, benchmarks, chart]


@pytest.fixture
def office(login: Any, jember: Tenant) -> tuple[Any, str, dict[str, float]]:
    """The analyst's client, the office page's address, and 62 more schools (63 in all)."""
    rates = _schools(jember, PAGE_SIZE + 12)
    return login(jember.analyst), reverse("indicators:office", args=[jember.office.code]), rates


def test_the_table_pages_through_every_school_in_sorted_order(
    office: tuple[Any, str, dict[str, float]], jember: Tenant
) -> None:
    client, url, rates = office
    # Highest BMW rate first, ties by name; the seeded school has no known outcome: last.
    expected = [*sorted(rates, key=lambda name: (-rates[name], name)), jember.school.name]

    first = client.get(url, SORTED_BY_BMW).content.decode()
    assert _table(first) == expected[:PAGE_SIZE]
    assert "63 sekolah · Halaman 1 dari 2" in first
    assert 'href="?cohort=2025&amp;sort=bmw_rate&amp;dir=desc&amp;page=2"' in first
    assert 'rel="prev"' not in first

    second = client.get(url, {**SORTED_BY_BMW, "page": "2"}).content.decode()
    assert _table(second) == expected[PAGE_SIZE:]  # row 51 of the sorted order comes first
    assert _table(second)[0] == expected[50] and len(_table(second)) == 13
    assert "63 sekolah · Halaman 2 dari 2" in second
    assert 'rel="prev" href="?cohort=2025&amp;sort=bmw_rate&amp;dir=desc"' in second
    assert 'rel="next"' not in second

    ascending = client.get(url, {**SORTED_BY_BMW, "dir": "asc", "page": "2"}).content.decode()
    lowest_first = [*sorted(rates, key=lambda name: (rates[name], name)), jember.school.name]
    assert _table(ascending) == lowest_first[PAGE_SIZE:]


def test_a_sort_with_many_ties_still_shows_each_school_once(
    office: tuple[Any, str, dict[str, float]], jember: Tenant
) -> None:
    client, url, rates = office
    pages = [
        _table(client.get(url, {"cohort": "2025", "sort": "status", "page": n}).content.decode())
        for n in ("1", "2")
    ]
    assert len(pages[0]) == PAGE_SIZE
    assert sorted(pages[0] + pages[1]) == sorted([*rates, jember.school.name])


def test_sort_headers_and_the_cohort_selector_go_back_to_page_one(
    office: tuple[Any, str, dict[str, float]],
) -> None:
    client, url, _rates = office
    second = client.get(url, {**SORTED_BY_BMW, "page": "2"}).content.decode()
    headers = re.findall(r'<th scope="col"[^>]*><a href="([^"]+)"', second)
    assert len(headers) == 13
    assert all(h.startswith("?cohort=2025&amp;sort=") and "page" not in h for h in headers)
    start = second.index('<form method="get" class="row-form">')
    selector = second[start : second.index("</form>", start)]
    assert 'name="sort" value="bmw_rate"' in selector and 'name="page"' not in selector


def test_the_whole_area_figures_are_the_same_on_every_page(
    office: tuple[Any, str, dict[str, float]], jember: Tenant
) -> None:
    client, url, rates = office
    first = client.get(url, SORTED_BY_BMW).content.decode()
    second = client.get(url, {**SORTED_BY_BMW, "page": "2"}).content.decode()
    assert _whole_area(first) == _whole_area(second)

    total, benchmarks, chart = _whole_area(second)
    assert "<dd>250</dd>" in total  # 62 schools of 4 alumni, and the seeded school's 2
    assert "Kabupaten Jember" in total and "Kabupaten Banyuwangi" in total  # per regency
    # The BMW rate's median and quartiles of every school, not of the page (page 2 holds the
    # lowest rates): the fourth figure of the "all schools" row.
    q1, median, q3 = (
        f"{q:.1%}".replace(".", ",")
        for q in statistics.quantiles(rates.values(), n=4, method="inclusive")
    )
    every_school = re.findall(r'<td class="num">(.*?)</td>', benchmarks.split("<tr>")[1])
    assert every_school[3] == f'{median} <small class="muted">({q1}–{q3})</small>'
    assert statistics.median(rates[n] for n in _table(second) if n in rates) == 0
    # The chart shows the table's first 40 schools of the whole order, on page 2 as well.
    assert _table(first)[0] in chart and _table(second)[0] not in chart


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("0", 2), ("999", 2), ("-1", 2)])
def test_a_bad_page_number_shows_a_real_page(
    office: tuple[Any, str, dict[str, float]], page: str, expected: int
) -> None:
    client, url, _rates = office
    response = client.get(url, {**SORTED_BY_BMW, "page": page})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Halaman {expected} dari 2" in html
    assert len(_table(html)) == (PAGE_SIZE if expected == 1 else 13)


def test_one_page_of_schools_has_no_pager(login: Any, jember: Tenant) -> None:
    _schools(jember, 3)
    url = reverse("indicators:office", args=[jember.office.code])
    html = login(jember.analyst).get(url, {"page": "2"}).content.decode()
    assert len(_table(html)) == 4 and "4 sekolah" in html
    assert "Halaman 1" not in html and 'rel="next"' not in html


def test_the_count_and_pager_speak_english_too(
    office: tuple[Any, str, dict[str, float]],
) -> None:
    client, url, _rates = office
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(url, {**SORTED_BY_BMW, "page": "2"}).content.decode()
    assert "63 schools · Page 2 of 2" in text and ">\u2039 Previous<" in text


def test_the_page_costs_the_same_queries_for_more_schools(login: Any, jember: Tenant) -> None:
    _schools(jember, PAGE_SIZE + 12)
    client = login(jember.analyst)
    url = reverse("indicators:office", args=[jember.office.code])
    client.get(url, SORTED_BY_BMW)  # warm whatever is cached per process
    with CaptureQueriesContext(connection) as fewer:
        assert client.get(url, {**SORTED_BY_BMW, "page": "2"}).status_code == 200
    _schools(jember, PAGE_SIZE * 2, start=1000)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url, {**SORTED_BY_BMW, "page": "2"}).status_code == 200
    assert len(more) == len(fewer), [q["sql"] for q in more]
