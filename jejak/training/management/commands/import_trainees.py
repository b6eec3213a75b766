"""python manage.py import_trainees --blk CODE --batch CODE [--dry-run] [--json] FILE

Same contract as import_alumni: exit 0 whenever the file could be read (even with rejected
rows), non-zero with a one-line message when it could not. `--batch` takes the code
batch_open printed, or the BLK's own batch code.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.lib.import_command import write_summary
from jejak.lib.tabular import UnreadableFile, read_file_bytes
from jejak.training.importing import import_trainees
from jejak.training.selectors import find_batch, find_blk


class Command(BaseCommand):
    help = "Import a BLK batch's trainee list (spreadsheet or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--blk", required=True)
        parser.add_argument("--batch", required=True)
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON summary")

    def handle(self, *args: Any, **options: Any) -> None:
        blk = find_blk(options["blk"])
        if blk is None:
            raise CommandError(f"Tidak ada BLK dengan kode {options['blk']}.")
        batch = find_batch(options["batch"], blk)
        if batch is None:
            raise CommandError(f"{blk.name} tidak punya gelombang {options['batch']}.")
        path = Path(options["file"])
        try:
            data = read_file_bytes(path)
            result = import_trainees(
                batch=batch, data=data, filename=path.name, dry_run=options["dry_run"]
            )
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak bisa dibuka: {error.strerror}.") from None
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        write_summary(
            self.stdout, result.as_dict(), json_output=options["json"], dry_run=options["dry_run"]
        )
