"""The skeleton every row import shares: find the header by its column aliases, hand each data
row over as {column: cell}, collect every row's problems, and keep rejected rows for the
rejects file. What a row means is the caller's; this module never writes to the database.

Used by the labour-office imports (job seekers, vacancies, placements); the alumni register
import predates it and keeps its own Dapodik-specific reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejak.lib.tabular import UnreadableFile, find_header, is_blank, normalise_label, read_rows
from jejak.lib.values import ValueProblem, clean_text

REJECTS_EXTRA_COLUMN = "kesalahan"


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class RowResult:
    """The summary an import reports (the same JSON shape as import_alumni's)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected_rows: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected,
                "errors": [error.as_dict() for error in self.errors]}  # fmt: skip


@dataclass
class SheetRow:
    """One data row: its spreadsheet row number and its cells by template column."""

    number: int
    cells: dict[str, Any]

    def text(self, column: str) -> str:
        return clean_text(self.cells.get(column))


class RowProblems:
    """Collects one row's problems; `check` runs a parser and records what it refuses."""

    def __init__(self, row: SheetRow) -> None:
        self.row = row
        self.errors: list[RowError] = []

    def add(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row.number, column, message))

    def errors_for(self, column: str) -> list[RowError]:
        return [error for error in self.errors if error.field == column]

    def check(self, column: str, parse: Callable[[Any], Any]) -> Any:
        try:
            return parse(self.row.cells.get(column))
        except ValueProblem as problem:
            self.add(column, str(problem))
            return None


def sheet_rows(
    data: bytes,
    filename: str,
    columns: Sequence[str],
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
) -> Iterator[SheetRow]:
    """The file's non-blank data rows, each with the template `columns` it has. A column is
    found by its own name or one of its `aliases` (normalised labels: "tgl daftar"). The
    header row is the first that has every `required` column. Raises UnreadableFile."""
    rows = read_rows(data, filename)
    names = {column: {normalise_label(column), *aliases.get(column, ())} for column in columns}
    header = find_header(rows, [names[column] for column in required])
    index = {
        column: next(i for i, label in enumerate(header.labels) if label in labels)
        for column, labels in names.items()
        if any(label in labels for label in header.labels)
    }
    found = False
    for number, cells in rows:
        if number <= header.last_row_number or is_blank(cells):
            continue
        found = True
        yield SheetRow(number, {c: cells[i] if i < len(cells) else None for c, i in index.items()})
    if not found:
        raise UnreadableFile(_("Berkas tidak berisi baris data di bawah judul kolomnya."))


def reject(
    result: RowResult, row: SheetRow, columns: Sequence[str], errors: list[RowError]
) -> None:
    """Count a rejected row, keep its problems and the row as it was for the rejects file."""
    result.rejected += 1
    result.errors.extend(errors)
    kept = {column: row.text(column) for column in columns}
    kept[REJECTS_EXTRA_COLUMN] = "; ".join(f"{e.field}: {e.message}" for e in errors)
    result.rejected_rows.append(kept)


class RowRefused(ValueError):
    """A row that reads well but that the database refuses (an overlap, someone not in the
    register, an unknown vacancy code): the column to blame and why."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


# What a row writer answers: which of the summary's counts the row went to.
Outcome = str  # "created", "updated" or "unchanged"
Progress = Callable[[int, int], None]


@dataclass
class RowImport:
    """One import's shape: its template columns (with aliases and the ones that find the
    header), how a row is read (values, or None with the row's problems), the order the valid
    rows are written in, and a factory for the writer, built inside the import's transaction."""

    columns: Sequence[str]
    aliases: Mapping[str, Sequence[str]]
    required: Sequence[str]
    read: Callable[[SheetRow], tuple[Any, RowProblems]]
    writer: Callable[[], Callable[[Any], Outcome]]
    order: Callable[[Any], Any] | None = None  # a sort key


def run_import(
    spec: RowImport, data: bytes, filename: str, *, dry_run: bool, progress: Progress | None,
    audit: Callable[[RowResult], None],
) -> RowResult:  # fmt: skip
    """Check every row, then write the valid ones in one transaction, each in a savepoint so
    a row the database refuses is reported and the rest go on. `audit` records the import in
    the same transaction. A dry run does the same writes and rolls them back, so it reports
    exactly what the real run will. Raises UnreadableFile for a file that cannot be used."""
    result = RowResult()
    valid: list[tuple[SheetRow, Any]] = []
    for row in sheet_rows(data, filename, spec.columns, spec.aliases, spec.required):
        result.rows += 1
        values, check = spec.read(row)
        if values is None:
            reject(result, row, spec.columns, check.errors)
        else:
            valid.append((row, values))
    if spec.order is not None:
        order = spec.order
        valid.sort(key=lambda pair: order(pair[1]))
    with transaction.atomic():
        write = spec.writer()
        for done, (row, values) in enumerate(valid, 1):
            _write_one(result, spec.columns, row, values, write)
            if progress and done % 500 == 0:
                progress(done, len(valid))
        audit(result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _write_one(
    result: RowResult, columns: Sequence[str], row: SheetRow, values: Any,
    write: Callable[[Any], Outcome],
) -> None:  # fmt: skip
    try:
        with transaction.atomic():
            outcome = write(values)
    except RowRefused as refused:
        reject(result, row, columns, [RowError(row.number, refused.column, str(refused))])
    else:
        setattr(result, outcome, getattr(result, outcome) + 1)
