"""XLSX exports of the job exchange: Perpres 57/2023 vacancy fields, applicants, placements,
each read in chunks and written in xlsxwriter's constant-memory mode to a temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet

from jejak.jobs.models import Application, Placement, Stage, Vacancy
from jejak.jobs.selectors import applicant_view
from jejak.lib.xlsx import xlsx_file_response

VACANCY_HEADERS = [
    "kode", "pemberi_kerja", "nib", "jabatan", "jumlah_dibutuhkan", "berlaku_mulai",
    "berlaku_sampai", "usia_min", "usia_max", "jenis_kelamin", "pendidikan_min", "jurusan",
    "keterampilan", "pengalaman", "upah_min", "upah_max", "kode_wilayah_kerja", "lokasi_kerja",
    "negara", "formal", "ramah_disabilitas", "status", "tanggal_terisi", "pelamar", "diterima",
]  # fmt: skip


def vacancies_download(vacancies: QuerySet[Vacancy], notes: list[str], filename: str) -> Any:
    """The vacancies as an XLSX download streamed from disk (memory flat in the rows)."""
    return xlsx_file_response(
        VACANCY_HEADERS, vacancy_rows(vacancies), filename, sheet="Lowongan", notes=notes,
        text_columns=("kode_wilayah_kerja", "nib"),
    )  # fmt: skip


def vacancy_rows(vacancies: QuerySet[Vacancy]) -> Iterator[list[Any]]:
    """One row per vacancy, read in chunks (majors prefetched per chunk)."""
    queryset = (
        Vacancy.objects.filter(pk__in=vacancies.values("pk"))
        .select_related("company__company_info", "work_region")
        .prefetch_related("majors")
        .annotate(
            applied=Count("applications"),
            hired=Count("applications", filter=Q(applications__stage=Stage.ACCEPTED)),
        )
        .order_by("-created_at")
    )
    for v in queryset.iterator(chunk_size=1000):
        info = getattr(v.company, "company_info", None)
        yield [
            v.code, v.company.name, info.nib if info else "", v.title, v.openings,
            v.opens_on.isoformat(), v.closes_on.isoformat(), v.age_min, v.age_max,
            v.sex or "L/P", v.get_education_display(), "; ".join(str(m) for m in v.majors.all()),
            v.skills, v.experience, v.wage_min, v.wage_max, v.work_region_id or "",
            v.work_region.name if v.work_region else "", v.work_country,
            "formal" if v.formal else "informal", "ya" if v.disability_friendly else "tidak",
            v.get_state_display(), v.filled_on.isoformat() if v.filled_on else "",
            v.applied, v.hired,
        ]  # fmt: skip


APPLICANT_HEADERS = ["nama", "sekolah", "jurusan", "angkatan", "catatan_lamaran", "tahap",
                     "tanggal"]  # fmt: skip


def applicants_download(applications: QuerySet[Application], filename: str) -> Any:
    """A vacancy's applicants as an XLSX download streamed from disk."""
    return xlsx_file_response(
        APPLICANT_HEADERS, applicant_rows(applications), filename, sheet="Pelamar"
    )


def applicant_rows(applications: QuerySet[Application]) -> Iterator[list[Any]]:
    for application in applications.iterator(chunk_size=1000):
        seen = applicant_view(application)
        yield [
            seen["name"], seen["school"], seen["major"], seen["cohort"], seen["cover_note"],
            application.get_stage_display(), application.created_at.date().isoformat(),
        ]  # fmt: skip


# Formal as the officer recorded it; an empty cell would hide "not recorded".
FORMAL_CELL = {True: "formal", False: "informal", None: "belum_dicatat"}
PLACEMENT_HEADERS = [
    "nisn", "nama", "jenis_kelamin", "angkatan", "jurusan", "alamat", "pemberi_kerja",
    "jabatan", "kbli", "kbji", "kode_wilayah_kerja", "wilayah_kerja", "jenis_penempatan",
    "mulai_bekerja", "upah_per_bulan", "formal", "cek_lanjutan",
]  # fmt: skip


def placements_download(placements: QuerySet[Placement], notes: list[str], filename: str) -> Any:
    """The placement register as an XLSX download streamed from disk."""
    return xlsx_file_response(
        PLACEMENT_HEADERS, placement_rows(placements), filename, sheet="Penempatan",
        notes=notes, text_columns=("nisn", "kode_wilayah_kerja", "kbji"),
    )  # fmt: skip


def placement_rows(placements: QuerySet[Placement]) -> Iterator[list[Any]]:
    return (
        [
            p.alumnus.nisn, p.alumnus.name, p.alumnus.sex, p.alumnus.cohort,
            str(p.alumnus.major or ""), p.alumnus.address, p.employer, p.job_title,
            p.industry_id or "", p.occupation_id or "", p.work_region_id or "",
            p.work_region.name if p.work_region else "", p.kind, p.start_date.isoformat(),
            p.wage, FORMAL_CELL[p.formal], p.follow_up_on.isoformat(),
        ]
        for p in placements.iterator(chunk_size=1000)
    )  # fmt: skip
