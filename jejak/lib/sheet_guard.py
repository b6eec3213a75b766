"""Checks an uploaded spreadsheet must pass before any parser reads it.

A hostile workbook can be tiny and still make a parser allocate without bound: an XLSX whose
only cells are A1 and XFD1048576 asks for a 16384 x 1048576 grid, and a deflate "bomb"
unpacks 1 MB into a gigabyte. So the zip directory is inspected without extracting anything
(member count, directory size, declared sizes, compression ratios, odd or duplicate names)
and the sheet's declared `<dimension>` is read from its first 64 KB. The parse itself then
runs in a child process under a memory ceiling (jejak.lib.tabular, sheet_child.py), which
checks the real extent before it builds any row. When that parse runs out of memory (a sheet
that lied about its dimension), or where no ceiling exists, `check_xlsx_extent` streams the
sheet's XML to name the cap it broke. Every refusal is an UnreadableFile with one line
naming the limit that was hit.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _


class UnreadableFile(Exception):
    """The file as a whole cannot be used; the message is one sentence for the user, in the
    language active when it was raised."""


@dataclass(frozen=True)
class Limits:
    """What an import accepts. `from_settings` gives the configured values."""

    max_bytes: int
    max_rows: int
    max_columns: int
    max_unpacked_bytes: int
    max_ratio: int
    max_members: int
    max_seconds: int
    max_memory_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        from django.conf import settings

        mb = 1024 * 1024
        return cls(
            max_bytes=settings.MAX_UPLOAD_MB * mb,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_columns=settings.IMPORT_MAX_COLUMNS,
            max_unpacked_bytes=settings.IMPORT_MAX_UNPACKED_MB * mb,
            max_ratio=settings.IMPORT_MAX_ZIP_RATIO,
            max_members=settings.IMPORT_MAX_ZIP_MEMBERS,
            max_seconds=settings.IMPORT_PARSE_SECONDS,
            max_memory_bytes=settings.IMPORT_PARSE_MEMORY_MB * mb,
        )


def grouped(value: int) -> str:
    """50000 -> '50.000' (or '50,000' in English)."""
    return number_format(value, force_grouping=True)


def refuse_rows(limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        _("Berkas ditolak: lebih dari %(limit)s baris (batas impor).")
        % {"limit": grouped(limits.max_rows)}
    )


def refuse_columns(limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        _("Berkas ditolak: lebih dari %(limit)s kolom (batas impor).")
        % {"limit": grouped(limits.max_columns)}
    )


def refuse_cells(limits: Limits) -> UnreadableFile:
    """The parser's own cell limit, far past rows x columns: one of the two was exceeded."""
    return UnreadableFile(
        _("Berkas ditolak: lebih dari %(rows)s baris atau %(columns)s kolom (batas impor).")
        % {"rows": grouped(limits.max_rows), "columns": grouped(limits.max_columns)}
    )


def refuse_time(limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        _("Berkas ditolak: membacanya butuh lebih dari %(seconds)s detik (batas impor).")
        % {"seconds": grouped(limits.max_seconds)}
    )


def refuse_memory(limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        _("Berkas ditolak: membacanya butuh lebih dari %(mb)s MB memori (batas impor).")
        % {"mb": grouped(limits.max_memory_bytes // (1024 * 1024))}
    )


def check_size(data: bytes, limits: Limits) -> None:
    check_size_of(len(data), limits)


def check_size_of(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise UnreadableFile(
            _("Berkas ditolak: lebih besar dari %(mb)s MB (batas unggah).")
            % {"mb": grouped(limits.max_bytes // (1024 * 1024))}
        )


# A part may be compressed this much only once it unpacks to more than this: tiny XML parts
# (styles, an empty sheet) legitimately compress hundreds of times.
_RATIO_FLOOR = 1024 * 1024
_ZIP_END = b"PK\x05\x06"


def check_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The opened archive, after checking its directory; raises UnreadableFile.

    The entry count is read from the end record before zipfile builds one object per entry,
    so a directory of a million entries costs nothing."""
    _check_entry_count(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise not_a_workbook() from error
    infos = archive.infolist()
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        # Two parts with one name: this check and the parser could read different ones.
        raise _odd_part(next(n for n in names if names.count(n) > 1))
    total = 0
    for info in infos:
        _check_member(info, limits)
        total += info.file_size
    if total > limits.max_unpacked_bytes:
        raise UnreadableFile(
            _("Berkas ditolak: isinya lebih dari %(mb)s MB setelah dibuka (batas impor).")
            % {"mb": grouped(limits.max_unpacked_bytes // (1024 * 1024))}
        )
    return archive


def _check_entry_count(data: bytes, limits: Limits) -> None:
    end = data.rfind(_ZIP_END, max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise not_a_workbook()
    entries, directory_size = struct.unpack("<HI", data[end + 10 : end + 16])
    # 0xFFFF means "see the ZIP64 record": a workbook under the upload limit never needs it.
    # zipfile reads the directory by its size, not its count, so the size is capped too
    # (an entry is 46 bytes plus its name and extras: a kilobyte each is plenty).
    if (
        entries > limits.max_members
        or entries == 0xFFFF
        or directory_size > limits.max_members * 1024
    ):
        raise UnreadableFile(
            _("Berkas ditolak: berisi lebih dari %(limit)s bagian (batas impor).")
            % {"limit": grouped(limits.max_members)}
        )


def _check_member(info: zipfile.ZipInfo, limits: Limits) -> None:
    name = info.filename
    normal = posixpath.normpath(name)
    if (
        name.startswith(("/", "\\"))
        or "\\" in name
        or normal.startswith("..")
        or "\x00" in name
        or info.flag_bits & 0x1  # encrypted
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
    ):
        raise _odd_part(name)
    if info.file_size > limits.max_unpacked_bytes:
        raise UnreadableFile(
            _("Berkas ditolak: bagian %(name)s lebih dari %(mb)s MB setelah dibuka (batas impor).")
            % {"name": name[:80], "mb": grouped(limits.max_unpacked_bytes // (1024 * 1024))}
        )
    if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        raise UnreadableFile(
            _(
                "Berkas ditolak: bagian %(name)s dimampatkan lebih dari %(ratio)s kali "
                "(batas impor)."
            )
            % {"name": name[:80], "ratio": grouped(limits.max_ratio)}
        )


def _odd_part(name: str) -> UnreadableFile:
    return UnreadableFile(
        _("Berkas ditolak: berisi bagian yang tidak wajar (%(name)s).") % {"name": name[:80]}
    )


def not_a_workbook() -> UnreadableFile:
    return UnreadableFile(
        _(
            "Berkas ini tidak bisa dibaca sebagai Excel; mungkin rusak atau bukan .xlsx. "
            "Buka di Excel lalu simpan ulang sebagai .xlsx."
        )
    )


# --- The extent of an XLSX worksheet -------------------------------------------------------

_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*["\']([^"\']*)["\']')
_SMALL_PART = 8 * 1024 * 1024  # workbook.xml and its relations: never this big in practice


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*[\"']([^\"']*)[\"']")
_REF_PARTS = re.compile(rb"([A-Za-z]{1,9})(\d{1,9})$")


def check_declared_dimension(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a sheet whose `<dimension ref="A1:XFD1048576">` (read from the first 64 KB
    of its XML, where Excel writes it) declares an area past the row or column cap."""
    for part in _first_visible_sheet_parts(archive):
        with archive.open(part) as handle:
            found = _DIMENSION.search(handle.read(65_536))
        if found is None:
            continue
        end = _REF_PARTS.search(found.group(1).split(b":")[-1].strip())
        if end is None:
            continue
        if int(end.group(2)) > limits.max_rows:
            raise refuse_rows(limits)
        if _column_number(end.group(1)) > limits.max_columns:
            raise refuse_columns(limits)


def check_xlsx_extent(
    archive: zipfile.ZipFile, limits: Limits, deadline: float | None = None
) -> None:
    """Refuse a workbook whose first visible sheet has a cell beyond the row or column cap.

    The cells are found by streaming the sheet's XML, never by trusting its `<dimension>`
    (which a hostile file can set to anything). Where every row and cell carries its
    reference (what Excel, LibreOffice and Dapodik write) one C-speed search per chunk finds
    any reference past a cap; otherwise cells are followed one by one, as the parser does."""
    beyond = _beyond_pattern(limits)
    for part in _first_visible_sheet_parts(archive):
        for chunk in _tags(archive, part):
            if deadline is not None and time.monotonic() > deadline:
                raise refuse_time(limits)
            if not _all_referenced(chunk):
                rows, columns = _exact_extent(archive, part, limits, deadline)
                if rows > limits.max_rows:
                    raise refuse_rows(limits)
                if columns > limits.max_columns:
                    raise refuse_columns(limits)
                break
            if found := beyond.search(chunk):
                raise refuse_rows(limits) if found.group(1) else refuse_columns(limits)


# Tags whose names start like a cell's or a row's but are not one (outside sheetData).
_NOT_CELLS = (b"<col", b"<cfRule", b"<conditionalFormatting", b"<customSheetView")


def _all_referenced(chunk: bytes) -> bool:
    """Whether every cell and row tag here is written `<c r="` / `<row r="`, counted with
    bytes.count (fast). Anything else, a namespace prefix included, takes the exact path."""
    if b":c" in chunk or b":row" in chunk:
        return False
    cells = chunk.count(b"<c") - sum(chunk.count(tag) for tag in _NOT_CELLS)
    rows = chunk.count(b"<row") - chunk.count(b"<rowBreaks")
    return cells == chunk.count(b'<c r="') and rows == chunk.count(b'<row r="')


def _beyond_pattern(limits: Limits) -> re.Pattern[bytes]:
    """Matches an `r="..."` reference whose row number (group 1) or column letters (group 2)
    are past the caps. (Case is spelt out in the classes: IGNORECASE makes the search three
    times slower.)"""
    rows = _greater_than(str(limits.max_rows), _DIGITS)
    columns = _greater_than(_column_letters(limits.max_columns), _LETTERS)
    pattern = rf"""r\s*=\s*["'](?:[A-Za-z]*0*({rows})|({columns})[0-9]*)["']"""
    return re.compile(pattern.encode())


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _greater_than(limit: str, alphabet: str) -> str:
    """A regex for the strings over `alphabet` (digits without a leading zero, or letters in
    either case) that count past `limit`: any longer one, or one of the same length that is
    bigger at its first difference."""

    def above(char: str | None) -> str:
        low = alphabet[alphabet.index(char) + 1] if char else alphabet[alphabet == _DIGITS]
        high = alphabet[-1]
        return (
            f"[{low}-{high}{low.lower()}-{high.lower()}]"
            if alphabet == _LETTERS
            else (f"[{low}-{high}]")
        )

    def same(char: str) -> str:
        return f"[{char}{char.lower()}]" if alphabet == _LETTERS else char

    any_char = "[A-Za-z]" if alphabet == _LETTERS else "[0-9]"
    options = [f"{above(None)}{any_char}{{{len(limit)},}}"]
    for index, char in enumerate(limit):
        if char != alphabet[-1]:
            prefix = "".join(same(c) for c in limit[:index])
            options.append(f"{prefix}{above(char)}{any_char}{{{len(limit) - index - 1}}}")
    return "|".join(options)


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _first_visible_sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The worksheet part the reader will open; every worksheet part when that cannot be
    told (so a file that confuses this check is checked more, not less)."""
    names = set(archive.namelist())
    every = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    try:
        workbook = _read_small(archive, "xl/workbook.xml")
        rels = _read_small(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, UnreadableFile):
        return every
    targets = {}
    for match in _REL_TAG.finditer(rels):
        attrs = dict(_ATTR.findall(match.group(1)))
        targets[attrs.get(b"Id", b"")] = attrs.get(b"Target", b"").decode("utf-8", "replace")
    for match in _SHEET_TAG.finditer(workbook):
        attrs = {key.split(b":")[-1]: value for key, value in _ATTR.findall(match.group(1))}
        if attrs.get(b"state", b"visible") != b"visible":
            continue
        target = targets.get(attrs.get(b"id", b""), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        part = posixpath.normpath(part)
        return [part] if part in names else every
    return every


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as handle:
        data = handle.read(_SMALL_PART + 1)
    if len(data) > _SMALL_PART:
        raise UnreadableFile(name)
    return data


_CELL_OR_ROW = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF = re.compile(rb'\br\s*=\s*["\']([A-Za-z]*)(\d*)["\']')
_CHUNK = 1024 * 1024


def _exact_extent(
    archive: zipfile.ZipFile, part: str, limits: Limits, deadline: float | None
) -> tuple[int, int]:
    """(last row number, last column number) of any cell or row in the sheet's XML."""
    max_row = max_column = row = column = 0
    for chunk in _tags(archive, part):
        if deadline is not None and time.monotonic() > deadline:
            raise refuse_time(limits)
        for match in _CELL_OR_ROW.finditer(chunk):
            ref = _REF.search(match.group(2))
            if match.group(1) == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                column = 0
                max_row = max(max_row, row)
                continue
            if ref and ref.group(1):
                column = _column_number(ref.group(1))
                if ref.group(2):
                    max_row = max(max_row, int(ref.group(2)))
            else:
                column += 1
            max_column = max(max_column, column)
    return max_row, max_column


def _tags(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's XML in chunks that never split a tag (a cut tag waits for the next)."""
    carry = b""
    with archive.open(part) as handle:
        while block := handle.read(_CHUNK):
            block = carry + block
            cut = block.rfind(b"<")
            if cut > 0 and block.find(b">", cut) < 0:
                block, carry = block[:cut], block[cut:]
            else:
                carry = b""
            if len(carry) > _CHUNK:  # one tag over a megabyte: not a worksheet
                raise not_a_workbook()
            yield block
    if carry:
        yield carry


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper()[:8]:  # more than 3 letters is already past any cap
        number = number * 26 + letter - 64
    return number
