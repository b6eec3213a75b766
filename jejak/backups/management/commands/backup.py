"""python manage.py backup FILE: the database and the uploaded files in one archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.backups import archive
from jejak.backups.database import BackupError


class Command(BaseCommand):
    help = (
        "Write one .tar.gz holding a consistent database snapshot, every uploaded file and a "
        "manifest (versions, row counts, checksums). Keys are not included: keep SECRET_KEY "
        "and SURVEY_LINK_KEY apart."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Where to write the archive (.tar.gz).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = archive.create(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written to {options['file']}: {report.rows} rows, {report.files} files."
        )
        if report.missing_documents:
            self.stderr.write(
                "Warning: these documents were already missing on disk: "
                + ", ".join(report.missing_documents)
            )
