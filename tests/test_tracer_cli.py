"""The tracer's command-line contract: campaign_open, campaign_links, import_responses."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from jejak.outcomes.models import OutcomeEvent
from jejak.tracer.models import Campaign, Response, SurveyLink
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def _open(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("campaign_open", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_open_for_a_school_prints_its_code(jember: Tenant) -> None:
    result = _open("--school", jember.school.npsn, "--cohort", "2025", "--start", "2026-11-20",
                   "--end", "2027-01-31")  # fmt: skip
    campaign = Campaign.objects.get(code=result["code"])
    assert campaign.school == jember.school and campaign.cohorts == [2025]
    assert SurveyLink.objects.filter(campaign=campaign).count() == 2
    plain = StringIO()
    call_command("campaign_open", "--school", jember.school.npsn, "--cohort", "2025", stdout=plain)
    assert Campaign.objects.filter(code=plain.getvalue().strip()).exists()


def test_open_for_a_region_covers_its_schools(jember: Tenant, bandung: Tenant) -> None:
    result = _open("--region", "35.09", "--cohort", "2025")
    campaign = Campaign.objects.get(code=result["code"])
    assert campaign.owner == jember.office
    schools = set(
        SurveyLink.objects.filter(campaign=campaign).values_list("organisation", flat=True)
    )
    assert schools == {jember.school.pk}


def test_open_refuses_what_it_cannot_do(jember: Tenant) -> None:
    with pytest.raises(CommandError, match="NPSN"):
        _open("--school", "99999999", "--cohort", "2025")
    with pytest.raises(CommandError, match="setelah"):
        _open("--school", jember.school.npsn, "--cohort", "2025", "--start", "2026-12-01",
              "--end", "2026-11-01")  # fmt: skip
    with pytest.raises(CommandError, match="dinas"):
        _open("--region", "11.01", "--cohort", "2025")


def test_links_csv_for_mail_merge(jember: Tenant) -> None:
    code = _open("--school", jember.school.npsn, "--cohort", "2025")["code"]
    out = StringIO()
    call_command("campaign_links", "--campaign", code, "--format", "csv", stdout=out)
    rows = list(csv.DictReader(StringIO(out.getvalue())))
    assert [r["nisn"] for r in rows] == [jember.alumnus.nisn, jember.other_alumnus.nisn]
    first = rows[0]
    assert first["rombel"] == "XII TKJ 1" and "/s/" in first["tautan"]
    assert first["whatsapp"].startswith("https://wa.me/6281234567890?text=")


def test_import_paper_and_phone_answers(jember: Tenant, tmp_path: Path) -> None:
    code = _open("--school", jember.school.npsn, "--cohort", "2025")["code"]
    path = tmp_path / "jawaban.csv"
    path.write_text(
        "nisn;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;formal;"
        "penghasilan;jam_per_minggu;keselarasan;sumber\n"
        f"{jember.alumnus.nisn};bekerja;01-08-2025;PT Jaya;C;8;35.09;ya;2800000;40;3;kertas\n"
        f"{jember.other_alumnus.nisn};bekerja;2025-09;Toko Maju;G;5;negara;tidak;;48;2;telepon\n"
        "0000000000;bekerja;;;;;;;;;;kertas\n"
        f"{jember.alumnus.nisn[:-1]}9;melamun;;;;;;;;;;kertas\n"
        f"{jember.alumnus.nisn};bekerja;01-08-2025;PT Jaya;Z;8;35.09;ya;abc;40;7;pos\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_responses", str(path), "--campaign", code, "--dry-run", "--json",
                 stdout=out)  # fmt: skip
    dry = json.loads(out.getvalue())
    assert (dry["rows"], dry["created"], dry["rejected"]) == (5, 2, 3)
    assert not Response.objects.exists()
    errors = {(e["row"], e["field"]) for e in dry["errors"]}
    assert (4, "nisn") in errors and (5, "nisn") in errors
    assert {(6, "sumber"), (6, "kbli"), (6, "penghasilan"), (6, "keselarasan")} <= errors
    out = StringIO()
    call_command("import_responses", str(path), "--campaign", code, "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 2
    abroad = OutcomeEvent.objects.get(alumnus=jember.other_alumnus)
    assert abroad.work_country and abroad.work_region_id is None and abroad.formal is False
    paper = Response.objects.get(alumnus=jember.alumnus)
    assert paper.source == "kertas" and paper.state == "submitted"
    again = StringIO()
    call_command("import_responses", str(path), "--campaign", code, "--json", stdout=again)
    assert json.loads(again.getvalue())["unchanged"] == 2


def test_a_country_too_long_for_the_outcome_is_a_row_error(jember: Tenant, tmp_path: Path) -> None:
    """The outcome keeps the country in 60 characters: a longer one failed the whole import
    on PostgreSQL (and the same resolver checks the survey's answer)."""
    code = _open("--school", jember.school.npsn, "--cohort", "2025")["code"]
    country = "Republik Demokratik Rakyat Federasi Serikat Kepulauan Samudra Pasifik Selatan"
    path = tmp_path / "jawaban.csv"
    path.write_text(
        "nisn;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;formal;"
        "penghasilan;jam_per_minggu;keselarasan;sumber\n"
        f"{jember.alumnus.nisn};bekerja;01-08-2025;PT Jaya;C;8;luar negeri {country};ya;"
        "2800000;40;3;kertas\n"
        f"{jember.other_alumnus.nisn};bekerja;2025-09;Toko Maju;G;5;luar negeri Malaysia;"
        "tidak;;48;2;telepon\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_responses", str(path), "--campaign", code, "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert [(e["row"], e["field"]) for e in summary["errors"]] == [(2, "kode_wilayah_kerja")]
    assert "paling banyak 60" in summary["errors"][0]["message"]
    assert OutcomeEvent.objects.get(alumnus=jember.other_alumnus).work_country == "Malaysia"
