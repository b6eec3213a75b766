"""python manage.py import_training_outcomes --batch CODE [--dry-run] [--json] FILE

Same contract as import_alumni: exit 0 whenever the file could be read (even with rejected
rows), non-zero with a one-line message when it could not. `--batch` takes the code
batch_open printed. Columns: see jejak/training/outcome_import.py.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from jejak.lib.import_command import BkkImportCommand
from jejak.lib.tabular import UnreadableFile, read_file_bytes
from jejak.training.outcome_import import import_training_outcomes
from jejak.training.selectors import find_batch


class Command(BkkImportCommand):
    help = "Import what a BLK batch's trainees did after training (spreadsheet or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--batch", required=True, help="the batch code batch_open printed")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON summary")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = find_batch(options["batch"])
        if batch is None:
            raise CommandError(f"Tidak ada gelombang dengan kode {options['batch']}.")
        path = Path(options["file"])
        try:
            data = read_file_bytes(path)
            result = import_training_outcomes(
                batch=batch, data=data, filename=path.name, dry_run=options["dry_run"]
            )
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak bisa dibuka: {error.strerror}.") from None
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        self.print_summary(
            result.as_dict(), json_output=options["json"], dry_run=options["dry_run"]
        )
