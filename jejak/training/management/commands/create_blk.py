"""python manage.py create_blk --code CODE --name NAME --region CODE
       python manage.py create_blk --file FILE      (columns kode, nama, kode_wilayah)

Creates a training centre (UPT BLK) with its BKK, or renames the one with that code. Prints
the BLK's Jejak code. From a file, every row is checked before anything is written.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jejak.lib.tabular import UnreadableFile, find_header, is_blank, read_file_bytes, read_rows
from jejak.lib.values import clean_text
from jejak.reference.models import Region
from jejak.training.services import blk_create


class Command(BaseCommand):
    help = "Create a training centre (BLK), or several from a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", help="the BLK's institution code")
        parser.add_argument("--name")
        parser.add_argument("--region", help="regency code, e.g. 35.09")
        parser.add_argument("--file", help="a spreadsheet with kode, nama, kode_wilayah")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"]:
            rows = self._rows(Path(options["file"]))
        elif options["code"] and options["name"] and options["region"]:
            rows = [(0, options["code"], options["name"], options["region"])]
        else:
            raise CommandError("Isi --code, --name dan --region, atau --file.")
        regions = {r.code: r for r in Region.objects.filter(level=Region.Level.REGENCY)}
        problems = [
            f"baris {n}: kode wilayah {region!r} bukan kode kabupaten/kota"
            if region not in regions
            else f"baris {n}: kode (paling banyak 30 karakter) dan nama wajib diisi"
            for n, code, name, region in rows
            if region not in regions or not code or not name or len(code) > 30
            or len(name) > 200
        ]  # fmt: skip
        if problems:
            raise CommandError("; ".join(problems).removeprefix("baris 0: "))
        with transaction.atomic():
            for _, code, name, region in rows:
                blk = blk_create(
                    institution_code=code, name=name, region=regions[region], actor=None
                )
                self.stdout.write(f"{blk.name} ({blk.institution_code}): {blk.code}")

    def _rows(self, path: Path) -> list[tuple[int, str, str, str]]:
        try:
            data = read_file_bytes(path)
            rows = read_rows(data, path.name)
            header = find_header(rows, [{"kode"}, {"nama"}, {"kode wilayah"}])
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak bisa dibuka: {error.strerror}.") from None
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        at = {label: i for i, label in enumerate(header.labels)}

        def cell(cells: list[Any], key: str) -> str:
            index = at[key]
            return clean_text(cells[index]) if index < len(cells) else ""

        return [
            (n, cell(cells, "kode"), cell(cells, "nama"), cell(cells, "kode wilayah"))
            for n, cells in rows
            if n > header.last_row_number and not is_blank(cells)
        ]
