"""What every `manage.py import_*` command of a BKK shares: `--bkk NPSN [--dry-run] [--json]
FILE`, the one-line refusal for a file that cannot be read (non-zero exit), and the summary
(exit 0 even with rejected rows): the same JSON shape as import_alumni's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.lib.sheet_rows import RowResult
from jejak.lib.tabular import UnreadableFile, read_file_bytes
from jejak.organisations.models import Organisation


class BkkImportCommand(BaseCommand):
    """Subclasses set `help` and `run(organisation, data, filename, dry_run) -> RowResult`.
    A command whose file belongs to something else than a BKK (a BLK batch) overrides
    `add_owner_argument`, `owner` and `run_import` instead."""

    run: Callable[..., RowResult]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        self.add_owner_argument(parser)
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON summary")

    def add_owner_argument(self, parser: CommandParser) -> None:
        parser.add_argument("--bkk", required=True, help="the NPSN of the school (or BLK code)")

    def owner(self, options: dict[str, Any]) -> Any:
        """Whose file this is, from the options; CommandError when there is none such."""
        return bkk_organisation(options["bkk"])

    def run_import(self, owner: Any, *, data: bytes, filename: str, dry_run: bool) -> RowResult:
        return type(self).run(organisation=owner, data=data, filename=filename, dry_run=dry_run)

    def handle(self, *args: Any, **options: Any) -> None:
        owner = self.owner(options)
        path = Path(options["file"])
        try:
            data = read_file_bytes(path)
            result = self.run_import(owner, data=data, filename=path.name,
                                     dry_run=options["dry_run"])  # fmt: skip
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak bisa dibuka: {error.strerror}.") from None
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        self.print_summary(
            result.as_dict(), json_output=options["json"], dry_run=options["dry_run"]
        )

    def print_summary(self, summary: dict[str, Any], *, json_output: bool, dry_run: bool) -> None:
        write_summary(self.stdout, summary, json_output=json_output, dry_run=dry_run)


def write_summary(out: Any, summary: dict[str, Any], *, json_output: bool, dry_run: bool) -> None:
    """An import's summary as every `import_*` command prints it: one JSON object, or a line
    of counts and one line per rejected row."""
    if json_output:
        out.write(json.dumps(summary, ensure_ascii=False))
        return
    label = "Pemeriksaan (tidak ada yang disimpan)" if dry_run else "Impor"
    out.write(
        f"{label}: {summary['rows']} baris · {summary['created']} baru · "
        f"{summary['updated']} diperbarui · {summary['unchanged']} tetap · "
        f"{summary['rejected']} ditolak"
    )
    for problem in summary["errors"]:
        out.write(f"  baris {problem['row']}, kolom {problem['field']}: {problem['message']}")


def bkk_organisation(key: str) -> Organisation:
    """The school (by NPSN) or training centre (by NPSN or code) that keeps a BKK."""
    kinds = [Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE]
    found = Organisation.objects.filter(npsn=key, kind__in=kinds).first()
    found = found or Organisation.objects.filter(code=key, kind__in=kinds).first()
    if found is None:
        raise CommandError(f"Tidak ada sekolah atau BLK dengan NPSN/kode {key}.")
    return found
