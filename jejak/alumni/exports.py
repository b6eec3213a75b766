"""The register as a spreadsheet, in the template's columns so it can be edited and re-imported."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from jejak.alumni.importing import TEMPLATE_COLUMNS
from jejak.alumni.models import Alumnus
from jejak.lib.values import mask_nik
from jejak.lib.xlsx import write_table, xlsx_file_response
from jejak.outcomes.models import activity_text

EXPORT_COLUMNS = [*TEMPLATE_COLUMNS, "angkatan", "status", "persetujuan"]


def _row(alumnus: Alumnus) -> list[object]:
    return [
        alumnus.nisn,
        alumnus.name,
        alumnus.sex,
        alumnus.birth_place,
        alumnus.birth_date.strftime("%d-%m-%Y") if alumnus.birth_date else "",
        mask_nik(alumnus.nik),  # NIK never leaves the register in full
        alumnus.school_class.name if alumnus.school_class else "",
        alumnus.major.abbreviation or alumnus.major.name if alumnus.major else "",
        "0" + alumnus.phone[3:] if alumnus.phone.startswith("+62") else alumnus.phone,
        alumnus.email,
        alumnus.address,
        alumnus.region_id or "",
        alumnus.disability,
        alumnus.cohort,
        activity_text(getattr(alumnus, "status", "")),
        alumnus.get_consent_display(),
    ]


TEXT_COLUMNS = ("nisn", "hp", "kode_wilayah")


def register_rows(alumni: QuerySet[Alumnus] | Iterable[Alumnus]) -> Iterator[list[object]]:
    """One row per alumnus; a queryset is read in chunks, so no row outlives its write."""
    if isinstance(alumni, QuerySet):
        alumni = alumni.select_related("school_class", "major").iterator(chunk_size=2000)
    return (_row(a) for a in alumni)


def register_workbook(alumni: QuerySet[Alumnus] | Iterable[Alumnus]) -> bytes:
    """A small register in memory (tests, reports); the download streams (`register_download`)."""
    return write_table(
        EXPORT_COLUMNS, register_rows(alumni), sheet="Alumni", text_columns=TEXT_COLUMNS
    )


def register_download(alumni: QuerySet[Alumnus], filename: str) -> Any:
    """The register as an XLSX download whose memory does not grow with its rows."""
    return xlsx_file_response(
        EXPORT_COLUMNS, register_rows(alumni), filename, sheet="Alumni", text_columns=TEXT_COLUMNS
    )
