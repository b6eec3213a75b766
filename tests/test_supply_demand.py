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


def _programme(blk, own_code: str, name: str, kbji: list[str]):
    from jejak.training.models import Programme

    programme = Programme.objects.create(organisation=blk, own_code=own_code, name=name)
    programme.occupations.set(kbji)
    return programme


def _batch(programme, own_code: str, end: dt.date):
    from jejak.training.models import Batch

    return Batch.objects.create(
        organisation=programme.organisation, programme=programme, own_code=own_code,
        start_date=end - dt.timedelta(days=60), end_date=end, state="done",
    )  # fmt: skip


def _trainee(batch, nik: str, *, graduated: bool | None = True, status: str = "enrolled"):
    from jejak.alumni.models import Alumnus
    from jejak.training.models import Enrolment

    trainee = Alumnus.objects.create(
        organisation=batch.organisation, nisn="", nik=nik, name=f"Peserta {nik[-4:]}", sex="L",
        cohort=batch.end_date.year,
    )  # fmt: skip
    Enrolment.objects.create(organisation=batch.organisation, batch=batch, alumnus=trainee,
                             graduated=graduated, status=status)  # fmt: skip
    return trainee


def _placement(alumnus, start: dt.date, alignment: int | None = None) -> None:
    from jejak.outcomes.models import OutcomeEvent

    event = OutcomeEvent.objects.create(
        organisation=alumnus.organisation, alumnus=alumnus, activity="bekerja", start_date=start,
        source="placement", alignment=alignment,
    )  # fmt: skip
    Placement.objects.create(
        organisation=alumnus.organisation, alumnus=alumnus, employer="PT B", kind="AKL",
        start_date=start, follow_up_on=start + dt.timedelta(days=90), outcome_event=event,
    )  # fmt: skip


def test_rows_per_blk_programme_hand_counted(jember: Tenant, bandung: Tenant) -> None:
    """Programme A (KBJI 3513) and B (7212) of BLK Jember, C without occupations, D at BLK
    Bandung (another province). Counted by hand:
    A: graduates of batches ending 2025 t1, t2, t6 (t3 failed, t4 never accepted) = 3; with an
       open registration t2 = 1 (t6's ended); vacancies 2025 in 35.09 asking 3513 or its group
       35 = 2 with 3 + 2 positions (3512 is a sibling: no); placements starting 2025 of any
       graduate of A: t1 and t5 (a 2024 batch) = 2.
    B: t7 = 1 graduate, no seeker, the 7212 vacancy (5 positions), no placement. C: nothing."""
    a = _programme(jember.blk, "A", "Teknisi Jaringan", ["3513"])
    b = _programme(jember.blk, "B", "Juru Las", ["7212"])
    _programme(jember.blk, "C", "Tata Boga", [])
    d = _programme(bandung.blk, "D", "Teknisi Jaringan", ["3513"])
    a1, a0 = _batch(a, "A1", dt.date(YEAR, 6, 30)), _batch(a, "A0", dt.date(YEAR - 1, 11, 30))
    t1 = _trainee(a1, "3509010101010001")
    t2 = _trainee(a1, "3509010101010002")
    _trainee(a1, "3509010101010003", graduated=False)
    _trainee(a1, "3509010101010004", status="applied")
    t5 = _trainee(a0, "3509010101010005")
    t6 = _trainee(a1, "3509010101010006")
    _trainee(_batch(b, "B1", dt.date(YEAR, 9, 30)), "3509010101010007")
    _trainee(_batch(d, "D1", dt.date(YEAR, 6, 30)), "3204010101010008")
    register(t2)
    register(t6, ended_on=dt.date(YEAR, 12, 1), end_reason="melanjutkan")
    _placement(t1, dt.date(YEAR, 8, 1), alignment=4)
    _placement(t5, dt.date(YEAR, 2, 1))
    _placement(t2, dt.date(YEAR + 1, 2, 1))  # another year
    for kbji, positions, extra in (
        ("3513", 3, {}), ("35", 2, {}), ("3512", 4, {}), ("7212", 5, {}), (None, 6, {}),
        ("3513", 7, {"registered_on": dt.date(YEAR - 1, 5, 1)}),
        ("3513", 8, {"work_region_id": "35.10"}),
    ):  # fmt: skip
        fields = {"registered_on": dt.date(YEAR, 5, 1), **extra}
        vacancy(jember, openings_any=positions, occupation_id=kbji, **fields)

    rows = run("--region", "35.09", "--year", str(YEAR), "--by", "pelatihan")["rows"]

    assert [r["name"] for r in rows] == ["Juru Las", "Tata Boga", "Teknisi Jaringan"]
    assert rows[0] == {"major": b.code, "name": "Juru Las", "blk": "BLK Jember",
                       "graduates": 1, "seekers": 0, "vacancies": 1, "positions": 5,
                       "placements": 0}  # fmt: skip
    assert rows[2] == {"major": a.code, "name": "Teknisi Jaringan", "blk": "BLK Jember",
                       "graduates": 3, "seekers": 1, "vacancies": 2, "positions": 5,
                       "placements": 2}  # fmt: skip
    assert [rows[1][k] for k in ("graduates", "seekers", "vacancies", "placements")] == [0] * 4
    table = supply_demand(region="35.09", year=YEAR, by="pelatihan", school_id=jember.blk.pk)
    (teknisi,) = [r for r in table.rows if r.major == a.code]
    assert (teknisi.keselarasan, teknisi.ratio) == (100.0, 0.2)


def test_the_blk_page_and_xlsx_show_its_programmes(login, jember: Tenant) -> None:
    from django.urls import reverse
    from python_calamine import CalamineWorkbook

    a = _programme(jember.blk, "A", "Teknisi Jaringan", ["3513"])
    _trainee(_batch(a, "A1", dt.date(YEAR, 6, 30)), "3509010101010001")
    vacancy(jember, openings_any=3, occupation_id="3513", registered_on=dt.date(YEAR, 5, 1))
    client = login(jember.blk_admin)
    url = reverse("matching:supply", args=[jember.blk.code])
    page = client.get(url, {"year": YEAR, "by": "pelatihan"}).content.decode()
    assert "Teknisi Jaringan" in page and "Program pelatihan BLK" in page
    download = client.get(
        reverse("matching:supply_xlsx", args=[jember.blk.code]), {"year": YEAR, "by": "pelatihan"}
    )
    sheet = CalamineWorkbook.from_filelike(__import__("io").BytesIO(download.content))
    rows = sheet.get_sheet_by_index(0).to_python()
    assert ["kode_program", "program", "blk"] in [r[:3] for r in rows]
    row = next(r for r in rows if r and r[0] == a.code)
    assert row[1:8] == ["Teknisi Jaringan", "BLK Jember", 1, 0, 1, 3, 0]


def test_a_school_is_not_offered_rows_per_blk_programme(login, jember: Tenant) -> None:
    from django.urls import reverse

    client = login(jember.bkk)
    page = client.get(reverse("matching:supply", args=[jember.school.code]), {"by": "pelatihan"})
    assert page.context["choice"].by == "konsentrasi"
