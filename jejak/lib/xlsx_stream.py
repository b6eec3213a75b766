"""XLSX exports of any size in constant memory: rows are written as they come (xlsxwriter's
constant_memory mode) into a temporary file on disk, which is then streamed to the client.

A province's list of placed alumni can run to hundreds of thousands of rows; building it in
memory, as `jejak.lib.xlsx.write_table` does for small sheets, would exhaust a worker.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

from jejak.lib.xlsx import XLSX_CONTENT_TYPE, SheetFormats, new_workbook, write_sheet


class StreamingWorkbook:
    """Add sheets one after another (each written row by row), then `finish()`."""

    def __init__(self, target: IO[bytes] | str | None = None) -> None:
        self.file: IO[bytes] | str = target if target is not None else tempfile.TemporaryFile()  # noqa: SIM115 - handed to FileResponse, which closes it
        self.book = new_workbook(self.file, constant_memory=True)
        self.formats = SheetFormats.of(self.book)

    def add_table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        sheet: str = "Data",
        text_columns: Iterable[str] = (),
        notes: Sequence[str] = (),
    ) -> int:
        """Write one sheet (see `write_sheet`); returns the row count."""
        worksheet = self.book.add_worksheet(sheet[:31])
        return write_sheet(
            worksheet, self.formats, headers, rows, text_columns=text_columns, notes=notes
        )

    def finish(self) -> IO[bytes] | str:
        """Close the workbook; a temporary file comes back rewound, ready to stream."""
        self.book.close()
        if not isinstance(self.file, str):
            self.file.seek(0)
        return self.file


def write_table_stream(
    target: IO[bytes] | str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    **options: Any,
) -> int:
    """One sheet to a path or binary file, in constant memory; returns the row count."""
    book = StreamingWorkbook(target)
    count = book.add_table(headers, rows, **options)
    book.finish()
    return count


def xlsx_file_response(book: StreamingWorkbook, filename: str) -> Any:
    """Stream a finished temporary workbook; the file is closed when the response is."""
    from django.http import FileResponse

    return FileResponse(
        book.finish(),
        as_attachment=True,
        filename=filename,
        content_type=XLSX_CONTENT_TYPE,
    )
