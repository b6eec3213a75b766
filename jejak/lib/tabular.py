"""Read the rows of an uploaded spreadsheet (XLSX, XLS, ODS or CSV) and find its header.

Schools send what their tools write: Dapodik's XLSX export with title rows and a two-row
header of merged cells, or a CSV from Indonesian-locale Excel (`;`-separated, with a BOM).
`read_rows` gives every row with the row number the spreadsheet shows; `find_header` finds
the header among the title rows and joins a two-row header into one name per column.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import os
import pickle
import re
import subprocess
import sys
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jejak.lib.formulas import restore
from jejak.lib.sheet_guard import (
    Limits,
    UnreadableFile,
    check_declared_dimension,
    check_size,
    check_size_of,
    check_xlsx_extent,
    check_zip,
    grouped,
    not_a_workbook,
    refuse_cells,
    refuse_columns,
    refuse_memory,
    refuse_rows,
    refuse_time,
)

Cell = object
Row = tuple[int, list[Cell]]  # (row number as the spreadsheet shows it, cells)


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_CHILD = Path(__file__).with_name("sheet_child.py")
# A Rust panic that prints a backtrace after an allocation failed can deadlock instead of
# aborting; without the backtrace the child dies at once.
_CHILD_ENV = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
_CEILING = importlib.util.find_spec("resource") is not None  # the child's memory limit


def read_rows(data: bytes, filename: str, limits: Limits | None = None) -> list[Row]:
    """All rows of the first sheet (or the CSV), numbered as the spreadsheet shows them.

    Every file passes the checks of `sheet_guard` first, within `limits` (the settings when
    None); a file past any of them raises UnreadableFile naming the limit."""
    limits = limits or Limits.from_settings()
    name = filename.lower()
    if not data:
        raise UnreadableFile(_("Berkas kosong; tidak ada yang bisa diimpor."))
    check_size(data, limits)
    looks_binary = data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC)
    if name.endswith(SPREADSHEET_SUFFIXES) or looks_binary:
        return _read_workbook(data, limits)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data, limits)
    raise UnreadableFile(
        _("Jenis berkas tidak didukung; unggah berkas Excel (.xlsx) atau CSV (.csv).")
    )


def read_file_bytes(path: Path, limits: Limits | None = None) -> bytes:
    """A file's bytes for the command-line imports, refusing one over the upload limit
    before reading it into memory. Raises OSError when it cannot be opened."""
    check_size_of(path.stat().st_size, limits or Limits.from_settings())
    return path.read_bytes()


def _read_workbook(data: bytes, limits: Limits) -> list[Row]:
    archive = None
    if data.startswith(_ZIP_MAGIC):
        archive = check_zip(data, limits)
        check_declared_dimension(archive, limits)
        if not _CEILING:  # nothing else would stop a sheet that lies about its dimension
            check_xlsx_extent(archive, limits, deadline=time.monotonic() + limits.max_seconds)
    try:
        child = subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [sys.executable, "-I", str(_CHILD), str(limits.max_memory_bytes),
             str(limits.max_rows), str(limits.max_columns)],
            input=data, capture_output=True, timeout=limits.max_seconds, env=_CHILD_ENV,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise refuse_time(limits) from None
    if child.returncode < 0:  # killed: Rust aborts when an allocation fails under the ceiling
        raise _out_of_memory(archive, limits)
    if child.returncode != 0:
        raise RuntimeError(f"sheet parser exited with {child.returncode}: {child.stderr[-500:]!r}")
    return _child_rows(child.stdout, archive, limits)


def _out_of_memory(archive: zipfile.ZipFile | None, limits: Limits) -> UnreadableFile:
    """The refusal for a parse that ran out of memory. A sheet that lied about its
    dimension gets there: following every cell reference names the cap it broke."""
    if archive is not None:
        check_xlsx_extent(archive, limits, deadline=time.monotonic() + limits.max_seconds)
    return refuse_memory(limits)


def _child_rows(output: bytes, archive: zipfile.ZipFile | None, limits: Limits) -> list[Row]:
    try:
        result = _RowsUnpickler(io.BytesIO(output)).load()
    except (pickle.UnpicklingError, EOFError, ValueError) as error:
        raise not_a_workbook() from error
    if result[0] == "rows":
        first, rows = result[1], result[2]
        return list(enumerate(rows, start=first))
    if result[1] == "memory":
        raise _out_of_memory(archive, limits)
    refusals = {"rows": refuse_rows, "columns": refuse_columns, "cells": refuse_cells}
    if result[1] in refusals:
        raise refusals[result[1]](limits)
    raise not_a_workbook()


class _RowsUnpickler(pickle.Unpickler):
    """Only the types a cell can hold: even a child subverted by a hostile file cannot make
    this process build anything else."""

    _ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
                ("datetime", "timedelta")}  # fmt: skip

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


def _read_csv(data: bytes, limits: Limits) -> list[Row]:
    # No stored text may hold a NUL (PostgreSQL refuses it); one deep in a file is noise.
    text = _decode(data).replace("\x00", "")
    sample = "\n".join(text[:65_536].splitlines()[:20])
    delimiter = max(";,\t|", key=sample.count)
    if sample.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    try:
        for number, row in enumerate(reader, start=1):
            if number > limits.max_rows:
                raise refuse_rows(limits)
            if len(row) > limits.max_columns:
                raise refuse_columns(limits)
            # `restore` drops the apostrophe our CSV exports put before formula-like text, so an
            # export re-imported gives back the values it was made from.
            rows.append((number, [restore(cell) for cell in row]))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise UnreadableFile(
                _("Berkas ditolak: ada sel lebih dari %(limit)s karakter (batas impor).")
                % {"limit": grouped(csv.field_size_limit())}
            ) from error
        raise UnreadableFile(_("Berkas CSV rusak: %(error)s.") % {"error": error}) from error
    return rows


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16", errors="replace")
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
