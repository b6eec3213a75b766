"""Parse one workbook in a child process with a memory ceiling, and print its rows.

Run as a script (`python -I sheet_child.py MEMORY_BYTES MAX_ROWS MAX_COLUMNS`) with the file
on stdin; jejak.lib.tabular starts it. calamine is Rust code that Python cannot interrupt and
that aborts the whole process when an allocation fails, so it runs here, where the address
space limit turns a hostile file into a dead child instead of a dead worker. It imports
nothing from Jejak or Django, so it starts in a few tens of milliseconds.

Output on stdout is a pickle of ("rows", first_row_number, rows) or ("refused", reason)
with reason "rows", "columns", "cells" (calamine's own cell limit), "memory" or
"unreadable". Killed by a signal (Rust aborts
when an allocation fails) means out of memory; any other exit is a fault of this script.
"""

from __future__ import annotations

import io
import pickle
import sys
from typing import Any


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the parent's wall-clock timeout still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _first_visible(book: object) -> int:
    import python_calamine

    for index, meta in enumerate(book.sheets_metadata):  # type: ignore[attr-defined]
        if meta.visible == python_calamine.SheetVisibleEnum.Visible:
            return index
    return 0


def parse(data: bytes, max_rows: int, max_columns: int) -> tuple[object, ...]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(_first_visible(book))
        end = sheet.end
        if end is not None and end[0] >= max_rows:
            return ("refused", "rows")
        if end is not None and end[1] >= max_columns:
            return ("refused", "columns")
        start = sheet.start or (0, 0)
        # Leading empty rows are skipped, never materialised; the first row's number comes
        # back so rows keep the numbers the spreadsheet shows.
        rows = sheet.to_python(skip_empty_area=True, nrows=max_rows)
        _drop_nul(rows)
    except MemoryError:
        return ("refused", "memory")
    except Exception as error:  # calamine raises several unrelated types for a bad file
        if "Cell limit exceeded" in _reason(data, error):
            return ("refused", "cells")
        return ("refused", "unreadable")
    return ("rows", start[0] + 1, rows)


_ODS_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


def _reason(data: bytes, error: Exception) -> str:
    """calamine's own words for why it refused the file. Reading from memory, a spreadsheet
    it refuses to open (an ODS whose repeated rows ask for billions of cells) comes back as
    "Cannot detect file format"; opened by its name, the reason is told."""
    if "Cannot detect file format" not in str(error) or _ODS_MIMETYPE not in data[:100]:
        return str(error)
    import tempfile

    import python_calamine

    with tempfile.NamedTemporaryFile(suffix=".ods") as named:
        named.write(data)
        named.flush()
        try:
            python_calamine.CalamineWorkbook.from_path(named.name)
        except Exception as real:
            return str(real)
    return str(error)


def _drop_nul(rows: list[list[Any]]) -> None:
    """Remove NUL characters from text cells, in place. XML cannot hold one, but the
    `_x0000_` escape of XLSX (and BIFF strings) can, and PostgreSQL refuses text with one."""
    for row in rows:
        for index, cell in enumerate(row):
            if cell.__class__ is str and "\x00" in cell:
                row[index] = cell.replace("\x00", "")


def main() -> None:
    memory, max_rows, max_columns = (int(arg) for arg in sys.argv[1:4])
    import python_calamine  # noqa: F401 - loaded before the ceiling, which is for the parse

    data = sys.stdin.buffer.read()
    _limit_memory(memory)
    result = parse(data, max_rows, max_columns)
    pickle.dump(result, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    main()
