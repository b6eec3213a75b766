"""The outcome history end to end: answers imported with import_responses (the same
campaign edited, a follow-up campaign), read by `manage.py indicators --json`, on a cohort
computed by hand. Graduation 31 May 2025 (the default), so R = 31 May 2026."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from jejak.alumni.models import Alumnus
from jejak.indicators.models import Umk
from jejak.outcomes.models import OutcomeEvent
from jejak.reference.models import Region
from jejak.tracer import services as tracer_services
from jejak.tracer.models import Campaign, Response
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

HEADER = (
    "nisn;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;formal;penghasilan;"
    "jam_per_minggu;keselarasan;sumber;kegiatan_lain;tanggal_kerja_pertama;jumlah_pindah_kerja;"
    "status_pekerjaan;tanggal_jawab;jenjang_studi\n"
)


def _alumni(jember: Tenant, count: int) -> list[Alumnus]:
    school = jember.school
    more = [
        Alumnus.objects.create(organisation=school, nisn=f"35{n:08d}", name=f"A{n}", cohort=2025)
        for n in range(count - 2)
    ]
    return [jember.alumnus, jember.other_alumnus, *more]


def _campaign(jember: Tenant, name: str) -> Campaign:
    today = dt.date.today()
    return tracer_services.campaign_open(
        owner=jember.school, school=jember.school, cohorts=[2025], start=today,
        end=today + dt.timedelta(days=30), actor=jember.bkk, name=name,
    )  # fmt: skip


def _import(tmp_path: Path, campaign: Campaign, lines: list[str]) -> dict[str, Any]:
    path = tmp_path / f"{campaign.code}.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    out = StringIO()
    call_command("import_responses", str(path), "--campaign", campaign.code, "--json", stdout=out)
    return json.loads(out.getvalue())


def _figures(jember: Tenant, *more: str) -> dict[str, Any]:
    out = StringIO()
    call_command("indicators", "--school", jember.school.npsn, "--cohort", "2025", *more,
                 "--json", stdout=out)  # fmt: skip
    return json.loads(out.getvalue())


def _line(nisn: str, activity: str, start: str, **cells: str) -> str:
    columns = HEADER.strip().split(";")
    row = {"nisn": nisn, "kegiatan": activity, "tanggal_mulai": start, "sumber": "kertas",
           **cells}  # fmt: skip
    return ";".join(row.get(column, "") for column in columns)


def _no_umk_regency() -> str:
    with_umk = Umk.objects.filter(year=2026).values("region_id")
    found = Region.objects.filter(level=Region.Level.REGENCY).exclude(code__in=with_umk)
    return found.order_by("code").values_list("code", flat=True)[0]


def test_a_cohort_of_every_case_through_import_and_the_cli(jember: Tenant, tmp_path: Path) -> None:
    a1, a2, a3, a4, a5, a6, a7 = (a.nisn for a in _alumni(jember, 7))
    first = _campaign(jember, "first")
    result = _import(tmp_path, first, [
        _line(a1, "bekerja", "11-2025", nama_instansi="PT Jaya", status_pekerjaan="buruh"),
        _line(a2, "bekerja", "08-2025", kegiatan_lain="melanjutkan"),
        _line(a3, "kursus", "07-2025", nama_instansi="LPK Sakura"),
        _line(a4, "bekerja", "02-2026", jumlah_pindah_kerja="1", tanggal_kerja_pertama="07-2025"),
        _line(a5, "bekerja", "09-2025", kode_wilayah_kerja=_no_umk_regency(),
              penghasilan="3000000"),
        _line(a6, "mencari_kerja", "06-2025"),
    ])  # fmt: skip
    assert (result["created"], result["rejected"]) == (6, 0), result["errors"]
    follow_up = _campaign(jember, "follow-up")
    result = _import(tmp_path, follow_up, [
        _line(a1, "wirausaha", "09-2025", status_pekerjaan="berusaha_sendiri"),  # supersedes
        _line(a6, "bekerja", "07-2026"),  # begun after R
        _line(a7, "melanjutkan", "09-2025", jenjang_studi="kursus"),  # the old way of saying
    ])  # fmt: skip
    assert (result["created"], result["rejected"]) == (3, 0), result["errors"]
    # Every report is kept with its source; the concurrent one makes a second event.
    assert OutcomeEvent.objects.filter(alumnus__nisn=a1).count() == 2
    assert OutcomeEvent.objects.filter(alumnus__nisn=a2).count() == 2
    got = _figures(jember)
    assert got["cohort_size"] == 7 and got["knowledge_rate"]["numerator"] == 7
    # BMW: a1 (wirausaha), a2 (working while studying), a4, a5 = 4 of 7 known.
    assert (got["bmw_rate"]["numerator"], got["bmw_rate"]["denominator"]) == (4, 7)
    assert got["status_counts"] == {"bekerja": 3, "kursus": 2, "mencari_kerja": 1,
                                    "wirausaha": 1}  # fmt: skip
    assert got["activity_counts"]["melanjutkan"] == 1
    assert got["concurrent_counts"] == {"bekerja+melanjutkan": 1}
    assert (got["course_rate"]["numerator"], got["course_rate"]["denominator"]) == (2, 7)
    # First jobs: a1 1 Sep (93 days; the Nov job was not the first), a2 1 Aug (62), a4 1 Jul
    # (31, not its current Feb 2026 job), a5 1 Sep (93): median (62 + 93) / 2 days.
    assert got["first_job_wait_months"] == round(77.5 / 30.4375, 2) == 2.55
    assert got["wait_count"] == 4
    # a5 works in a regency without a UMK: its province's UMP is the minimum wage read.
    assert got["income_without_umk"] == 0
    assert got["income_at_or_above_umk_rate"]["denominator"] == 1
    assert [w["kind"] for w in got["income_at_or_above_umk_rate"]["minimum_wages"]] == ["UMP"]
    assert got["employment_status_counts"] == {"berusaha_sendiri": 1, "unknown": 3}
    assert got["selfemployed_rate"]["definition"]
    # After a6's job began, a6 works.
    assert _figures(jember, "--as-of", "2026-08-01")["status_counts"]["bekerja"] == 4


def test_editing_the_same_campaign_supersedes_its_earlier_answer(
    jember: Tenant, tmp_path: Path
) -> None:
    nisn = jember.alumnus.nisn
    campaign = _campaign(jember, "one")
    _import(tmp_path, campaign, [_line(nisn, "bekerja", "11-2025")])
    before = OutcomeEvent.objects.get(alumnus=jember.alumnus).reported_at
    result = _import(tmp_path, campaign, [_line(nisn, "wirausaha", "09-2025",
                                                status_pekerjaan="dibantu_tetap")])  # fmt: skip
    assert result["updated"] == 1
    event = OutcomeEvent.objects.get(alumnus=jember.alumnus)
    assert event.activity == "wirausaha" and event.reported_at >= before
    assert event.formal is True and event.employment_status == "dibantu_tetap"
    assert _figures(jember)["status_counts"] == {"wirausaha": 1}


def test_the_answer_date_orders_reports_imported_out_of_order(
    jember: Tenant, tmp_path: Path
) -> None:
    nisn = jember.alumnus.nisn
    later, earlier = _campaign(jember, "later"), _campaign(jember, "earlier")
    _import(tmp_path, later, [_line(nisn, "melanjutkan", "09-2025", tanggal_jawab="2026-06-10")])
    _import(tmp_path, earlier, [_line(nisn, "mencari_kerja", "10-2025",
                                      tanggal_jawab="2025-11-01")])  # fmt: skip
    assert _figures(jember)["status_counts"] == {"melanjutkan": 1}
    bad = _import(
        tmp_path, earlier, [_line(nisn, "bekerja", "10-2025", tanggal_jawab="2099-01-01")]
    )
    assert bad["rejected"] == 1 and bad["errors"][0]["field"] == "tanggal_jawab"


def test_dropping_the_second_activity_in_an_edit_removes_its_event(campaign: Campaign) -> None:
    alumnus = campaign.links.first().alumnus  # type: ignore[union-attr]
    tracer_services.consent_give(alumnus=alumnus)
    answers = {"kegiatan": "melanjutkan", "tanggal_mulai": "2025-09", "nama_instansi": "Polije",
               "jenjang_studi": "d3", "program_studi": "TI", "biaya_studi": "sendiri",
               "keselarasan": "3"}  # fmt: skip
    saved = tracer_services.response_save(
        campaign=campaign, alumnus=alumnus, raw={**answers, "kegiatan_lain": "bekerja"},
        submit=True,
    )  # fmt: skip
    assert saved.ok, saved.errors
    assert sorted(
        OutcomeEvent.objects.filter(alumnus=alumnus).values_list("activity", flat=True)
    ) == ["bekerja", "melanjutkan"]
    tracer_services.response_save(campaign=campaign, alumnus=alumnus, raw=answers, submit=True)
    assert list(
        OutcomeEvent.objects.filter(alumnus=alumnus).values_list("activity", flat=True)
    ) == ["melanjutkan"]
    assert Response.objects.get(alumnus=alumnus).answers.get("kegiatan_lain") is None
