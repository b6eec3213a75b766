"""supply_demand: graduates, seekers, vacancies, positions and placements per major and region."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jejak.jobs.models import Placement
from jejak.matching.supply import supply_demand
from tests.conftest import Tenant
from tests.matching_factories import major, major_by_code, person, register, vacancy

pytestmark = pytest.mark.django_db
YEAR = 2025  # the tenants' alumni are cohort 2025 (two TKJ at each school, one at each BLK)


def run(*args: str) -> dict:
    out = StringIO()
    call_command("supply_demand", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def build(t: Tenant) -> None:
    rpl = person(t.school, t.school.npsn[:2] + "00000101", cohort=YEAR, major_id=major("RPL"))
    registration = register(rpl)
    registration.registered_on = dt.date(YEAR, 3, 1)
    registration.save()
    register(t.alumnus).__class__.objects.filter(alumnus=t.alumnus).update(
        registered_on=dt.date(YEAR, 4, 1)
    )
    vacancy(t, openings_any=3, registered_on=dt.date(YEAR, 5, 1))  # TKJ, 3 positions
    vacancy(t, openings_any=2, majors=[major_by_code("4")], registered_on=dt.date(YEAR, 5, 2))
    vacancy(t, openings_any=4, majors=[], registered_on=dt.date(YEAR, 5, 3))
    vacancy(t, openings_any=9, registered_on=dt.date(YEAR - 1, 5, 3))  # another year
    Placement.objects.create(
        organisation=t.school, alumnus=t.alumnus, employer="PT A", kind="AKL",
        start_date=dt.date(YEAR, 7, 1), follow_up_on=dt.date(YEAR, 10, 1),
    )  # fmt: skip


def test_rows_per_konsentrasi_for_a_regency(jember: Tenant, bandung: Tenant) -> None:
    build(jember)
    build(bandung)

    rows = {r["major"]: r for r in run("--region", "35.09", "--year", str(YEAR))["rows"]}

    assert rows["4.2.1"] == {"major": "4.2.1", "name": "Teknik Komputer dan Jaringan",
                             "graduates": 3, "seekers": 1, "vacancies": 1, "positions": 3,
                             "placements": 1}  # fmt: skip
    assert rows["4.1.1"] == {"major": "4.1.1", "name": "Rekayasa Perangkat Lunak",
                             "graduates": 1, "seekers": 1, "vacancies": 0, "positions": 0,
                             "placements": 0}  # fmt: skip
    # A vacancy for the whole bidang keeps its own row: it is not guessed onto a konsentrasi.
    assert (rows["4"]["vacancies"], rows["4"]["positions"], rows["4"]["graduates"]) == (1, 2, 0)


def test_rows_roll_up_to_bidang_for_a_province(jember: Tenant, bandung: Tenant) -> None:
    build(jember)
    build(bandung)

    (row,) = run("--region", "35", "--year", str(YEAR), "--by", "bidang")["rows"]

    assert row == {"major": "4", "name": "Teknologi Informasi", "graduates": 4, "seekers": 2,
                   "vacancies": 2, "positions": 5, "placements": 1}  # fmt: skip


def test_any_major_vacancies_and_ratio(jember: Tenant) -> None:
    build(jember)
    table = supply_demand(region="35.09", year=YEAR, by="program")
    assert table.any_major == {"vacancies": 1, "positions": 4}
    (row,) = [r for r in table.rows if r.major == "4.2"]
    assert row.ratio == round(1 / 3, 2)  # the bidang-wide vacancy keeps its own row


def test_a_school_sees_its_own_supply_against_the_regencys_demand(jember: Tenant) -> None:
    build(jember)
    table = supply_demand(region="35.09", year=YEAR, school_id=jember.blk.pk)
    (row,) = [r for r in table.rows if r.major == "4.2.1"]
    assert (row.graduates, row.seekers, row.positions) == (1, 0, 3)


def test_an_unknown_region_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match=r"99\.99"):
        run("--region", "99.99", "--year", "2025")


def test_the_page_shows_an_offices_regency_and_exports_xlsx(login, jember: Tenant) -> None:
    from django.urls import reverse
    from python_calamine import CalamineWorkbook

    build(jember)
    client = login(jember.analyst)
    url = reverse("matching:supply", args=[jember.office.code])
    page = client.get(url, {"year": YEAR, "region": "35.09"}).content.decode()
    assert "Teknik Komputer dan Jaringan" in page and "Rekayasa Perangkat Lunak" in page
    download = client.get(
        reverse("matching:supply_xlsx", args=[jember.office.code]), {"year": YEAR}
    )
    sheet = CalamineWorkbook.from_filelike(__import__("io").BytesIO(download.content))
    rows = sheet.get_sheet_by_index(0).to_python()
    tkj = next(r for r in rows if r and r[0] == "4.2.1")
    assert tkj[2:7] == [3, 1, 1, 3, 1]


def test_a_school_cannot_pick_another_region(login, jember: Tenant) -> None:
    from django.urls import reverse

    build(jember)
    client = login(jember.bkk)
    page = client.get(reverse("matching:supply", args=[jember.school.code]),
                      {"year": YEAR, "region": "32.04"})  # fmt: skip
    assert page.context["choice"].region.code == "35.09"
