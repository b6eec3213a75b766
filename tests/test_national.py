"""The national instrument: Jejak's answers in the national form's terms, the national-code
export (command and page), the "filled in the national form" flag (tick and import), and the
quality report's absorption figure beside Jejak's BMW rate."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import python_calamine
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse

from jejak.audit.models import AuditEvent
from jejak.indicators import reports
from jejak.indicators.compute import AlumnusRow, Event, figures, tally_rows
from jejak.indicators.minimum_wage import in_force_lookup
from jejak.lib.tabular import read_rows
from jejak.outcomes.models import OutcomeEvent
from jejak.tracer import services
from jejak.tracer.importing import import_responses
from jejak.tracer.instrument import check_answers
from jejak.tracer.models import Campaign, SurveyLink
from jejak.tracer.national import ITEMS, JOB_CHANGE_BANDS, band, national_answers
from jejak.tracer.national_export import HEADERS
from jejak.tracer.resolvers import database_resolvers
from jejak.tracer.selectors import progress, totals
from tests.conftest import Tenant, numbers

WORKER = {
    "kegiatan": "bekerja", "kegiatan_lain": "melanjutkan", "tanggal_mulai": "2025-08-01",
    "nama_instansi": "PT Sinar Jaya", "status_pekerjaan": "buruh", "jam_per_minggu": 40,
    "penghasilan": 3_250_000, "keselarasan": "3", "cara_dapat_kerja": "tempat_pkl",
    "jumlah_pindah_kerja": 4, "alasan_smk": "keinginan_keluarga", "lama_pkl_bulan": 6,
    "kualitas_pkl": "4", "kesesuaian_pkl": "2", "sertifikat_kompetensi": "ya",
    "nama_sertifikat": "Teknik Komputer dan Jaringan",
}  # fmt: skip


# --- Mapping: one hand-computed case per national item, and the unknown left empty ---------


def test_a_rich_working_answer_maps_onto_each_national_item() -> None:
    mapped = national_answers(WORKER)
    assert mapped == {
        "kegiatan_utama": "Bekerja",  # working while studying counts as working
        "bentuk_pekerjaan": "Buruh/karyawan/pegawai",
        "jam_kerja_per_minggu": "40",
        "penghasilan_per_bulan_rupiah": "3250000",
        "frekuensi_ganti_pekerjaan": "Tiga kali atau lebih",  # 4 changes
        "cara_mendapat_pekerjaan": "Melalui tempat magang (Prakerin/PKL) selama di SMK",
        "keselarasan": "Selaras",
        "nama_tempat_kerja_usaha_kampus": "PT Sinar Jaya",
        "jenjang_studi": "",  # asked of the studying only
        "program_studi": "",
        "sumber_biaya_studi": "",
        "alasan_memilih_smk": "Keinginan orang tua/keluarga",
        "lama_pkl": "6 bulan",
        "kualitas_tempat_pkl": "Sangat baik",
        "kesesuaian_tugas_pkl": "Tidak baik",
        "sertifikat_kompetensi": "Ya",
        "nama_sertifikat": "Teknik Komputer dan Jaringan",
    }


def test_study_business_and_not_yet_answers_map_too() -> None:
    student = national_answers({
        "kegiatan": "melanjutkan", "jenjang_studi": "d4", "program_studi": "Teknik Informatika",
        "biaya_studi": "kip_kuliah", "keselarasan": "4", "nama_instansi": "Politeknik Jember",
        "lama_pkl_bulan": 3, "sertifikat_kompetensi": "tidak", "nama_sertifikat": "lama",
    })  # fmt: skip
    assert student["kegiatan_utama"] == "Kuliah"
    assert student["jenjang_studi"] == "D4/Sarjana Terapan"
    assert student["sumber_biaya_studi"] == "Beasiswa KIP-Kuliah"
    assert student["keselarasan"] == "Sangat selaras"
    assert student["lama_pkl"] == "Kurang dari 6 bulan"
    assert student["sertifikat_kompetensi"] == "Tidak" and student["nama_sertifikat"] == ""
    assert student["bentuk_pekerjaan"] == student["penghasilan_per_bulan_rupiah"] == ""
    business = national_answers({"kegiatan": "wirausaha", "status_pekerjaan": "dibantu_tetap",
                                 "jumlah_pindah_kerja": 0, "lama_pkl_bulan": 9})  # fmt: skip
    assert business["kegiatan_utama"] == "Wirausaha"
    assert business["bentuk_pekerjaan"] == "Berwirausaha dengan dibantu buruh/pekerja dibayar"
    assert business["frekuensi_ganti_pekerjaan"] == "Belum pernah"
    assert business["cara_mendapat_pekerjaan"] == ""  # asked of employees only
    assert business["lama_pkl"] == "Lebih dari 6 bulan"
    for activity in ("kursus", "mencari_kerja", "belum_memungkinkan", "lainnya"):
        assert national_answers({"kegiatan": activity})["kegiatan_utama"] == (
            "Belum Bekerja / Belum Melanjutkan Studi"
        )


def test_unknown_answers_stay_empty() -> None:
    assert set(national_answers(None).values()) == {""}
    assert set(national_answers({}).values()) == {""}
    # A retired question (PKL usefulness) and zero months of PKL have no national answer.
    odd = national_answers({"kegiatan": "bekerja", "mutu_pkl": "4", "lama_pkl_bulan": 0,
                            "status_pekerjaan": "tidak-ada"})  # fmt: skip
    assert odd["lama_pkl"] == odd["kualitas_tempat_pkl"] == odd["bentuk_pekerjaan"] == ""


@pytest.mark.parametrize(("changes", "expected"), [
    (0, "Belum pernah"), (1, "Satu kali"), (2, "Dua kali"), (3, "Tiga kali atau lebih"),
    (12, "Tiga kali atau lebih"), (None, ""),
])  # fmt: skip
def test_job_change_bands(changes: int | None, expected: str) -> None:
    assert band(changes, JOB_CHANGE_BANDS) == expected


def test_the_export_has_a_column_per_national_item() -> None:
    assert HEADERS[:4] == ["nisn", "nama", "rombel", "sudah_mengisi_formulir_nasional"]
    assert HEADERS[4:] == [item.column for item in ITEMS]


# --- The core follows the national form ------------------------------------------------------


@pytest.mark.django_db
def test_the_core_asks_the_national_feedback_items_and_checks_them(jember: Tenant) -> None:
    resolvers = database_resolvers()
    good = check_answers({"kegiatan": "mencari_kerja", "tanggal_mulai": "2025-07",
                          "alasan_smk": "cepat_kerja", "kualitas_pkl": "3",
                          "kesesuaian_pkl": "4", "nama_sertifikat": "Akuntansi"},
                         resolvers=resolvers)  # fmt: skip
    assert good.ok, good.errors
    assert good.answers["alasan_smk"] == "cepat_kerja" and good.answers["kualitas_pkl"] == "3"
    bad = check_answers(
        {
            "kegiatan": "mencari_kerja",
            "tanggal_mulai": "2025-07",
            "alasan_smk": "iseng",
            "kualitas_pkl": "5",
        },
        resolvers=resolvers,
    )
    assert set(bad.errors) == {"alasan_smk", "kualitas_pkl"}
    # An answer stored under smk-2026.1 (PKL usefulness) still validates.
    old = check_answers({"kegiatan": "mencari_kerja", "tanggal_mulai": "2025-07",
                         "mutu_pkl": "3"}, resolvers=resolvers)  # fmt: skip
    assert old.ok and old.answers["mutu_pkl"] == "3"


# --- The export through the command and the page --------------------------------------------


def _answer(campaign: Campaign, jember: Tenant) -> None:
    raw = {**WORKER, "tanggal_mulai": "2025-08", "jabatan": "teknisi jaringan",
           "kbli": "J", "wilayah_kerja": "35.09", "tanggal_kerja_pertama": "2024-07"}  # fmt: skip
    checked = services.response_save(campaign=campaign, alumnus=jember.alumnus, raw=raw,
                                     submit=True)  # fmt: skip
    assert checked.ok, checked.errors


@pytest.mark.django_db
def test_command_writes_one_row_per_alumnus_in_csv_and_xlsx(
    jember: Tenant, campaign: Campaign, tmp_path: Path
) -> None:
    _answer(campaign, jember)
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.other_alumnus)
    services.link_national_mark(link=link, filled=True, actor=None, via="tick")
    path = tmp_path / "nasional.csv"
    out = StringIO()
    call_command("tracer_export", "--campaign", campaign.code, "--format", "national",
                 str(path), stdout=out)  # fmt: skip
    assert "2 alumni" in out.getvalue()
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == HEADERS
    siti, budi = rows  # by class: XII TKJ 1, then XII TKJ 2
    assert siti["nisn"] == jember.alumnus.nisn and siti["rombel"] == "XII TKJ 1"
    assert siti["sudah_mengisi_formulir_nasional"] == "tidak"
    assert siti["kegiatan_utama"] == "Bekerja"
    assert siti["frekuensi_ganti_pekerjaan"] == "Tiga kali atau lebih"
    assert siti["penghasilan_per_bulan_rupiah"] == "3250000"
    assert budi["sudah_mengisi_formulir_nasional"] == "ya"
    assert budi["kegiatan_utama"] == budi["lama_pkl"] == ""  # nothing answered: empty
    book = tmp_path / "nasional.xlsx"
    call_command("tracer_export", "--campaign", campaign.code, "--format", "national",
                 str(book), stdout=StringIO())  # fmt: skip
    values = [cells for _number, cells in read_rows(book.read_bytes(), "nasional.xlsx")]
    assert values[0] == HEADERS
    assert values[1][0] == jember.alumnus.nisn and values[1][HEADERS.index("lama_pkl")] == "6 bulan"


@pytest.mark.django_db
def test_command_refuses_unknown_campaign_and_suffix(campaign: Campaign, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("tracer_export", "--campaign", "tidakada234", "--format", "national",
                     str(tmp_path / "x.csv"))  # fmt: skip
    with pytest.raises(CommandError, match="xlsx"):
        call_command("tracer_export", "--campaign", campaign.code, "--format", "national",
                     str(tmp_path / "x.pdf"))  # fmt: skip


@pytest.mark.django_db
def test_staff_download_the_export_from_the_campaign_page_and_it_is_audited(
    login: Any, jember: Tenant, bandung: Tenant, campaign: Campaign
) -> None:
    _answer(campaign, jember)
    client = login(jember.bkk)
    page = client.get(reverse("tracer:campaign", args=[jember.school.code, campaign.code]))
    url = reverse("tracer:national_csv", args=[jember.school.code, campaign.code])
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS and len(rows) == 3
    assert rows[1][HEADERS.index("alasan_memilih_smk")] == "Keinginan orang tua/keluarga"
    event = AuditEvent.objects.get(action="national_export.downloaded")
    assert event.changes["rows"] == 2 and event.actor == jember.bkk
    xlsx = client.get(reverse("tracer:national_xlsx", args=[jember.school.code, campaign.code]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # Another school's officer, and a homeroom teacher without tracer.manage: 404.
    client.force_login(bandung.bkk)
    assert client.get(url).status_code == 404
    foreign = reverse("tracer:national_csv", args=[bandung.school.code, campaign.code])
    assert client.get(foreign).status_code == 404
    client.force_login(jember.teacher)
    assert client.get(url).status_code == 404


# --- The flag: by tick and by import ---------------------------------------------------------


@pytest.mark.django_db
def test_ticking_the_flag_on_the_follow_up_page(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    client = login(jember.teacher)
    url = reverse("tracer:national_mark", args=[jember.school.code, campaign.code,
                                                jember.alumnus.code])  # fmt: skip
    follow = reverse("tracer:follow_up", args=[jember.school.code, campaign.code,
                                               jember.own_class.code])  # fmt: skip
    assert client.post(url, {"filled": "1"}).status_code == 302
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus)
    assert link.national_filled and link.national_filled_at is not None
    marked = AuditEvent.objects.get(action="survey_link.national_form_marked")
    assert marked.changes == {"national_filled": True, "via": "tick"}
    page = client.get(follow).content.decode()
    assert "Sudah mengisi formulir nasional" in page and "Batalkan tanda" in page
    rows = progress(SurveyLink.objects.filter(campaign=campaign), "class")
    assert [r.national for r in rows] == [1, 0] and totals(rows).national == 1
    campaign_page = (
        login(jember.bkk)
        .get(reverse("tracer:campaign", args=[jember.school.code, campaign.code]))
        .content.decode()
    )
    assert "Isi nasional" in campaign_page
    client = login(jember.teacher)
    client.post(url, {"filled": "0"})
    link.refresh_from_db()
    assert not link.national_filled and link.national_filled_at is None
    # Not the teacher's class: 404, nothing changes.
    other = reverse("tracer:national_mark", args=[jember.school.code, campaign.code,
                                                  jember.other_alumnus.code])  # fmt: skip
    assert client.post(other, {"filled": "1"}).status_code == 404
    other_link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.other_alumnus)
    assert not other_link.national_filled


@pytest.mark.django_db
def test_import_sets_the_flag_with_or_without_answers(jember: Tenant, campaign: Campaign) -> None:
    data = (
        "nisn;kegiatan;tanggal_mulai;sumber;isi_nasional\n"
        f"{jember.alumnus.nisn};mencari_kerja;2025-07;kertas;ya\n"
        f"{jember.other_alumnus.nisn};;;;YA\n"
        "2052300009;;;;ya\n"
        f"{jember.alumnus.nisn};mencari_kerja;2025-07;kertas;mungkin\n"
    ).encode()
    result = import_responses(campaign=campaign, data=data, filename="j.csv", actor=jember.bkk)
    assert (result.created, result.updated, result.rejected) == (1, 1, 2)
    assert [(e.row, e.field) for e in result.errors] == [(4, "nisn"), (5, "isi_nasional")]
    flags = dict(SurveyLink.objects.filter(campaign=campaign)
                 .values_list("alumnus__nisn", "national_filled"))  # fmt: skip
    assert flags == {jember.alumnus.nisn: True, jember.other_alumnus.nisn: True}
    assert not OutcomeEvent.objects.filter(alumnus=jember.other_alumnus).exists()
    again = import_responses(campaign=campaign, data=data, filename="j.csv", actor=jember.bkk)
    assert again.unchanged == 2
    assert AuditEvent.objects.filter(action="survey_link.national_form_marked").count() == 2


@pytest.mark.django_db
def test_import_without_the_flag_column_keeps_working(jember: Tenant, campaign: Campaign) -> None:
    data = f"nisn;kegiatan;tanggal_mulai;sumber\n{jember.alumnus.nisn};mencari_kerja;2025-07;\n"
    result = import_responses(campaign=campaign, data=data.encode(), filename="j.csv")
    assert result.created == 1 and not result.errors
    assert not SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus).national_filled


# --- The quality report's absorption figure beside BMW ---------------------------------------

GRAD, REF = dt.date(2024, 5, 31), dt.date(2025, 5, 31)
AT = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


def _row(*activities: str) -> AlumnusRow:
    events = [Event(activity=a, start_date=dt.date(2024, 9, 1), recorded_at=AT)
              for a in activities]  # fmt: skip
    return AlumnusRow(school=1, cohort=2024, graduation=GRAD, reference=REF,
                      school_province="35", events=events)  # fmt: skip


def test_penyerapan_counts_over_all_graduates_while_bmw_counts_over_the_known() -> None:
    # 10 graduates: 3 working, 1 studying, 1 self-employed, 1 in a course, 2 looking,
    # 2 never heard of. BMW = 5 / 8 known; penyerapan = 5 / 10 graduates.
    rows = [_row("bekerja"), _row("bekerja"), _row("bekerja", "melanjutkan"),
            _row("melanjutkan"), _row("wirausaha"), _row("kursus"), _row("mencari_kerja"),
            _row("mencari_kerja"), _row(), _row()]  # fmt: skip
    result = figures(tally_rows(rows, in_force_lookup([])))
    assert numbers(result["bmw_rate"]) == {"value": 0.625, "numerator": 5, "denominator": 8}
    assert numbers(result["penyerapan_rate"]) == {"value": 0.5, "numerator": 5,
                                                  "denominator": 10}  # fmt: skip
    assert "all graduates" in result["penyerapan_rate"]["definition"]
    assert "penyerapan_rate" in result["definitions"]


@pytest.mark.django_db
def test_indicators_json_and_school_page_show_both_definitions(login: Any, jember: Tenant) -> None:
    OutcomeEvent.objects.create(organisation=jember.school, alumnus=jember.alumnus,
                                activity="bekerja", start_date=dt.date(2025, 9, 1),
                                source="self")  # fmt: skip
    out = StringIO()
    call_command("indicators", "--school", jember.school.npsn, "--cohort", "2025", "--json",
                 stdout=out)  # fmt: skip
    result = json.loads(out.getvalue())
    assert numbers(result["bmw_rate"]) == {"value": 1.0, "numerator": 1, "denominator": 1}
    assert numbers(result["penyerapan_rate"]) == {"value": 0.5, "numerator": 1,
                                                  "denominator": 2}  # fmt: skip
    page = login(jember.bkk).get(reverse("indicators:school", args=[jember.school.code]))
    text = page.content.decode()
    assert 'id="a-bmw_rate"' in text and 'id="a-penyerapan_rate"' in text
    assert "Penyerapan lulusan SMK (Rapor Pendidikan)" in text
    assert "bacaan terdekat yang terdokumentasi" in text


@pytest.mark.django_db
def test_tracer_report_shows_bmw_and_penyerapan_side_by_side(jember: Tenant) -> None:
    # Jember's register: 2 alumni; one working, one never heard of.
    OutcomeEvent.objects.create(organisation=jember.school, alumnus=jember.alumnus,
                                activity="bekerja", start_date=dt.date(2025, 9, 1),
                                source="self")  # fmt: skip
    data = reports.report_data(jember.school, 2025)
    html = render_to_string("indicators/report_pdf.html", data)
    assert 'id="a-bmw_rate"' in html and 'id="a-penyerapan_rate"' in html
    assert "SEMUA lulusan" in html  # the absorption definition, beside BMW's
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(reports.render_xlsx(data)))
    side = book.get_sheet_by_name("BMW dan penyerapan").to_python()
    assert [row[0] for row in side[1:]] == [
        "Tingkat BMW",
        "Penyerapan lulusan SMK (Rapor Pendidikan)",
    ]
    assert [row[2:4] for row in side[1:]] == [[1, 1], [1, 2]]  # numerator, denominator
