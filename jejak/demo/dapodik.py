"""Write an XLSX the way Dapodik exports a school's student list (for demos, tests, bench).

Title rows, then a two-row header with merged cells (single columns merged down, groups such
as "Data Ayah" merged across), NISN stored as text, dates as text "YYYY-MM-DD", the major
hidden in "Rombel Saat Ini". Values can be overridden per row to make messy files.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from jejak.demo.people import Person
from jejak.lib.xlsx import new_workbook

SINGLE_BEFORE = [
    "No", "Nama", "NIPD", "JK", "NISN", "Tempat Lahir", "Tanggal Lahir", "NIK", "Agama",
    "Alamat", "RT", "RW", "Dusun", "Kelurahan", "Kecamatan", "Kode Pos", "Jenis Tinggal",
    "Alat Transportasi", "Telepon", "HP", "E-Mail", "SKHUN", "Penerima KPS", "No. KPS",
]  # fmt: skip
GROUPS = [
    ("Data Ayah", ["Nama", "Tahun Lahir", "Jenjang Pendidikan", "Pekerjaan", "Penghasilan", "NIK"]),
    ("Data Ibu", ["Nama", "Tahun Lahir", "Jenjang Pendidikan", "Pekerjaan", "Penghasilan", "NIK"]),
]
SINGLE_AFTER = [
    "Rombel Saat Ini",
    "No Peserta Ujian Nasional",
    "No Seri Ijazah",
    "Kebutuhan Khusus",
    "Sekolah Asal",
    "Anak ke-berapa",
]


def columns() -> list[str]:
    """Flat column keys: single names, and 'Group/Sub' for grouped ones."""
    keys = list(SINGLE_BEFORE)
    for group, subs in GROUPS:
        keys += [f"{group}/{sub}" for sub in subs]
    return keys + SINGLE_AFTER


def person_row(number: int, person: Person, class_name: str) -> dict[str, Any]:
    return {
        "No": number, "Nama": person.name.upper(), "NIPD": f"{2000 + number}", "JK": person.sex,
        "NISN": person.nisn, "Tempat Lahir": person.birth_place.upper(),
        "Tanggal Lahir": person.birth_date.isoformat(), "NIK": person.nik, "Agama": "Islam",
        "Alamat": person.street, "RT": person.rt, "RW": person.rw, "Dusun": "Krajan",
        "Kelurahan": person.village, "Kecamatan": f"Kec. {person.district}", "Kode Pos": "68111",
        "Jenis Tinggal": "Bersama orang tua", "Alat Transportasi": "Sepeda motor",
        "HP": person.phone, "E-Mail": person.email, "Penerima KPS": "Tidak",
        "Data Ayah/Nama": "SUPRIYADI", "Data Ayah/Tahun Lahir": 1975,
        "Data Ibu/Nama": "SITI KHOLIFAH", "Data Ibu/Tahun Lahir": 1979,
        "Rombel Saat Ini": class_name, "Kebutuhan Khusus": "Tidak ada", "Anak ke-berapa": 1,
    }  # fmt: skip


def write_dapodik_xlsx(
    rows: Iterable[dict[str, Any]],
    *,
    school_name: str = "SMK NEGERI 1 JEMBER",
    text_columns: Sequence[str] = ("NISN", "NIK", "HP", "Telepon"),
) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    sheet = book.add_worksheet("Sheet1")
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    for index, title in enumerate([
        "Daftar Peserta Didik", school_name,
        "Kecamatan Kaliwates, Kabupaten Jember, Provinsi Jawa Timur",
        "Tanggal Unduh: 2026-05-20 09:12:44", "Pengunduh: operator@smk.sch.id",
    ]):  # fmt: skip
        sheet.write_string(index, 0, title)
    top, sub = 5, 6
    col = 0
    for name in SINGLE_BEFORE:
        sheet.merge_range(top, col, sub, col, name, bold)
        col += 1
    for group, subs in GROUPS:
        sheet.merge_range(top, col, top, col + len(subs) - 1, group, bold)
        for offset, name in enumerate(subs):
            sheet.write_string(sub, col + offset, name, bold)
        col += len(subs)
    for name in SINGLE_AFTER:
        sheet.merge_range(top, col, sub, col, name, bold)
        col += 1
    keys = columns()
    for row_index, row in enumerate(rows, start=sub + 1):
        for col_index, key in enumerate(keys):
            value = row.get(key)
            if value is None or value == "":
                continue
            if key in text_columns and isinstance(value, str):
                sheet.write_string(row_index, col_index, value)
            else:
                sheet.write(row_index, col_index, value)
    book.close()
    return buffer.getvalue()
