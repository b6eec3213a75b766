"""import_vacancies and import_placements: the labour-office contract for a BKK's history."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from jejak.jobs.models import Placement, Vacancy
from jejak.organisations.models import Organisation
from jejak.seekers.models import EndReason, Registration, RegistrationSource
from jejak.seekers.services import registration_open
from tests.conftest import Tenant

VACANCIES = (
    "kode;jabatan;kbji;perusahaan;kbli;pendidikan;jurusan;jumlah_l;jumlah_p;jumlah_lp;"
    "tanggal_daftar;tanggal_tutup;kode_wilayah_kerja"
)
PLACEMENTS = (
    "nisn;tanggal_mulai;perusahaan;kbli;kbji;kode_wilayah_kerja;negara;formal;kode_lowongan"
)


def run(command: str, tmp_path: Path, header: str, rows: list[str], *extra: str) -> dict:
    path = tmp_path / f"{command}.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command(command, "--bkk", "20523001", "--json", *extra, str(path), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_vacancies_come_in_coded_split_by_sex_and_keyed_by_the_bkks_code(
    jember: Tenant, tmp_path: Path
) -> None:
    rows = [
        "L-01;Operator Produksi;8;PT. Sinar Jaya;10792;SMK;TKJ, RPL;3;2;0;01/02/2026;28/02/2026;"
        "35.09",
        "L-02;Kasir;5;Toko Makmur;47111;SMA;;0;0;4;03/02/2026;;3578",
    ]
    summary = run("import_vacancies", tmp_path, VACANCIES, rows)
    assert (summary["created"], summary["rejected"]) == (2, 0), summary
    operator = Vacancy.objects.get(external_code="L-01")
    assert (operator.openings, operator.openings_male, operator.openings_female) == (5, 3, 2)
    assert (operator.occupation_id, operator.kbli, operator.industry_id) == ("8", "10792", "C")
    assert (operator.education, operator.closed_on) == ("SMK", dt.date(2026, 2, 28))
    assert operator.majors.count() == 2 and operator.posted_by_org == jember.school
    kasir = Vacancy.objects.get(external_code="L-02")
    assert (kasir.openings_any, kasir.sex, kasir.industry_id, kasir.work_region_id) == (
        4, "", "G", "35.78")  # fmt: skip
    assert Organisation.objects.filter(name="Toko Makmur", kind="company").count() == 1
    again = run("import_vacancies", tmp_path, VACANCIES, rows)
    assert (again["created"], again["unchanged"]) == (0, 2)


@pytest.mark.django_db
def test_bad_vacancy_rows_name_row_and_column(jember: Tenant, tmp_path: Path) -> None:
    summary = run("import_vacancies", tmp_path, VACANCIES, [
        ";;x;;X1;SLTA;;a;;;;;",
        "L-9;Admin;4;PT A;;SMK;;0;0;0;01/02/2026;01/01/2026;99.99",
    ])  # fmt: skip
    fields = {(e["row"], e["field"]) for e in summary["errors"]}
    assert {(2, "jabatan"), (2, "perusahaan"), (2, "kbji"), (2, "kbli"), (2, "pendidikan"),
            (2, "jumlah_l"), (2, "tanggal_daftar"), (3, "tanggal_tutup"),
            (3, "kode_wilayah_kerja")} <= fields  # fmt: skip
    assert summary["rejected"] == 2 and not Vacancy.objects.exists()


@pytest.mark.django_db
def test_placements_end_registrations_fill_vacancies_and_refuse_akan(
    jember: Tenant, tmp_path: Path
) -> None:
    run("import_vacancies", tmp_path, VACANCIES, [
        "L-01;Operator;8;PT Sinar Jaya;10792;SMK;;3;2;0;01/02/2026;;35.09",
    ])  # fmt: skip
    registration = registration_open(
        organisation=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
        source=RegistrationSource.BKK, registered_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    summary = run("import_placements", tmp_path, PLACEMENTS, [
        "2000000001;15/02/2026;PT SINAR JAYA;10792;8;35.09;Indonesia;ya;L-01",
        "2000000002;01/03/2026;PT Lain;;;32.73;;tidak;",
        "2000000002;01/04/2026;Nippon Co;;;;Jepang;ya;",
        "9999999999;01/04/2026;PT A;;;35.09;;;",
        "2000000001;20/03/2026;PT Baru;;;35.09;;;L-404",
    ])  # fmt: skip
    assert (summary["created"], summary["rejected"]) == (2, 3), summary
    assert {(e["row"], e["field"]) for e in summary["errors"]} >= {(4, "negara"), (5, "nisn")}
    placement = Placement.objects.get(alumnus=jember.alumnus)
    assert (placement.vacancy.external_code, placement.kind, placement.formal) == (
        "L-01", "AKL", True)  # fmt: skip
    assert Placement.objects.get(alumnus=jember.other_alumnus).kind == "AKAD"
    registration.refresh_from_db()
    assert (registration.ended_on, registration.end_reason) == (
        dt.date(2026, 2, 15), EndReason.PLACED)  # fmt: skip
    assert Registration.objects.get(pk=registration.pk).placement == placement
