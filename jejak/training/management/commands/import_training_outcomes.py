"""python manage.py import_training_outcomes --batch CODE [--dry-run] [--json] FILE

Same contract as import_alumni: exit 0 whenever the file could be read (even with rejected
rows), non-zero with a one-line message when it could not. `--batch` takes the code
batch_open printed. Columns: see jejak/training/outcome_import.py.
"""

from typing import Any

from django.core.management.base import CommandError, CommandParser

from jejak.lib.import_command import BkkImportCommand
from jejak.lib.sheet_rows import RowResult
from jejak.training.models import Batch
from jejak.training.outcome_import import import_training_outcomes
from jejak.training.selectors import find_batch


class Command(BkkImportCommand):
    help = "Import what a BLK batch's trainees did after training (spreadsheet or CSV)."

    def add_owner_argument(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", required=True, help="the batch code batch_open printed")

    def owner(self, options: dict[str, Any]) -> Batch:
        batch = find_batch(options["batch"])
        if batch is None:
            raise CommandError(f"Tidak ada gelombang dengan kode {options['batch']}.")
        return batch

    def run_import(self, owner: Any, *, data: bytes, filename: str, dry_run: bool) -> RowResult:
        return import_training_outcomes(batch=owner, data=data, filename=filename, dry_run=dry_run)
