"""The register as a spreadsheet, in the template's columns so it can be edited and re-imported."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from jejak.alumni.importing import TEMPLATE_COLUMNS
from jejak.alumni.models import Alumnus
from jejak.lib.values import mask_nik
from jejak.lib.xlsx import write_table
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


def register_workbook(alumni: QuerySet[Alumnus] | Iterable[Alumnus]) -> bytes:
    if isinstance(alumni, QuerySet):
        alumni = alumni.select_related("school_class", "major").iterator(chunk_size=2000)
    return write_table(
        EXPORT_COLUMNS,
        (_row(a) for a in alumni),
        sheet="Alumni",
        text_columns=("nisn", "hp", "kode_wilayah"),
    )
