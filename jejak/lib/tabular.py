"""Read the rows of an uploaded spreadsheet (XLSX, XLS, ODS or CSV) and find its header.

Schools send what their tools write: Dapodik's XLSX export with title rows and a two-row
header of merged cells, or a CSV from Indonesian-locale Excel (`;`-separated, with a BOM).
`read_rows` gives every row with the row number the spreadsheet shows; `find_header` finds
the header among the title rows and joins a two-row header into one name per column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import python_calamine
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jejak.lib.formulas import restore

Cell = object
Row = tuple[int, list[Cell]]  # (row number as the spreadsheet shows it, cells)


class UnreadableFile(Exception):
    """The file as a whole cannot be used; the message is one sentence for the user, in the
    language active when it was raised."""


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_rows(data: bytes, filename: str) -> list[Row]:
    """All rows of the first sheet (or the CSV), numbered as the spreadsheet shows them."""
    name = filename.lower()
    if not data:
        raise UnreadableFile(_("Berkas kosong; tidak ada yang bisa diimpor."))
    looks_binary = data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC)
    if name.endswith(SPREADSHEET_SUFFIXES) or looks_binary:
        return _read_workbook(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise UnreadableFile(
        _("Jenis berkas tidak didukung; unggah berkas Excel (.xlsx) atau CSV (.csv).")
    )


def _read_workbook(data: bytes) -> list[Row]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(_first_visible_sheet(workbook))
        cells: list[list[Cell]] = sheet.to_python(skip_empty_area=False)  # type: ignore[assignment]  # calamine's cell union is narrower than object
    except Exception as error:  # calamine raises several unrelated types for a bad file
        raise UnreadableFile(
            _(
                "Berkas ini tidak bisa dibaca sebagai Excel; mungkin rusak atau bukan .xlsx. "
                "Buka di Excel lalu simpan ulang sebagai .xlsx."
            )
        ) from error
    return list(enumerate(cells, start=1))


def _first_visible_sheet(workbook: python_calamine.CalamineWorkbook) -> int:
    for index, meta in enumerate(workbook.sheets_metadata):
        if meta.visible == python_calamine.SheetVisibleEnum.Visible:
            return index
    return 0


def _read_csv(data: bytes) -> list[Row]:
    text = _decode(data)
    sample = "\n".join(text.splitlines()[:20])
    delimiter = max(";,\t|", key=sample.count)
    if sample.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # `restore` drops the apostrophe our CSV exports put before formula-like text, so an
        # export re-imported gives back the values it was made from.
        return [
            (number, [restore(cell) for cell in row]) for number, row in enumerate(reader, start=1)
        ]
    except csv.Error as error:
        raise UnreadableFile(_("Berkas CSV rusak: %(error)s.") % {"error": error}) from error


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        raise UnreadableFile(_("Berkas ini bukan teks CSV; unggah .xlsx atau .csv."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Indonesian-locale Excel saves CSV in the Windows code page.
        return data.decode("cp1252", errors="replace")


def normalise_label(label: object) -> str:
    """'Tanggal Lahir ' -> 'tanggal lahir'; 'E-Mail' -> 'e mail'; used to match headers."""
    text = unicodedata.normalize("NFKC", str(label or "")).lower()
    text = re.sub(r"[^a-z0-9/]+", " ", text)
    return text.strip()


@dataclass(frozen=True)
class Header:
    """Where the data starts, and one joined name per column ('data ayah / nama')."""

    row_number: int
    last_row_number: int
    labels: list[str]


def find_header(rows: Sequence[Row], required: Iterable[set[str]], scan: int = 30) -> Header:
    """Find the header row among the first `scan` rows.

    `required` is a list of alias sets; the header row is the first that has a cell from each.
    When the row below is a second header row (cells under a merged group label such as
    "Data Ayah"), the two are joined as "group / sub".
    """
    needed = [set(aliases) for aliases in required]
    for index, (number, cells) in enumerate(rows[:scan]):
        names = {normalise_label(cell) for cell in cells}
        if all(names & aliases for aliases in needed):
            labels = [normalise_label(cell) for cell in cells]
            below = rows[index + 1][1] if index + 1 < len(rows) else []
            if _is_sub_header(labels, below):
                return Header(number, rows[index + 1][0], _join_two_rows(labels, below))
            return Header(number, number, labels)
    joiner = " {} ".format(pgettext("daftar nama kolom", "dan"))
    columns = joiner.join(sorted(aliases)[0].upper() for aliases in needed)
    raise UnreadableFile(
        _(
            "Baris judul kolom tidak ditemukan; pastikan ada kolom %(columns)s, atau gunakan "
            "templat yang disediakan."
        )
        % {"columns": columns}
    )


def _is_sub_header(top: list[str], below: list[Cell]) -> bool:
    """A sub-header row holds labels only, and some sit under an empty (merged) top cell
    inside the header's width. A number or a run of digits means it is already data."""
    width = max((i + 1 for i, label in enumerate(top) if label), default=0)
    texts = [normalise_label(cell) for cell in below[:width]]
    if not any(texts):
        return False
    for cell in below:
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return False
        if isinstance(cell, str) and cell.strip().replace(".", "").isdigit():
            return False
    return any(text and not top[i] for i, text in enumerate(texts))


def _join_two_rows(top: list[str], below: list[Cell]) -> list[str]:
    width = max(len(top), len(below))
    top = top + [""] * (width - len(top))
    subs = [normalise_label(cell) for cell in below] + [""] * (width - len(below))
    labels, group = [], ""
    for i in range(width):
        if top[i]:
            group = top[i]
            labels.append(f"{group} / {subs[i]}" if subs[i] else group)
        else:
            labels.append(f"{group} / {subs[i]}" if subs[i] and group else subs[i])
    return labels


def is_blank(cells: Sequence[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)
