"""python manage.py restore FILE [--replace]: a backup back into an empty database and an
empty file storage (PRIVATE_MEDIA_ROOT, or the bucket of STORAGE_URL: a fresh machine),
checked against its manifest."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.backups import archive
from jejak.backups.database import BackupError


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database and file "
        "storage, which must be empty unless --replace. Checks every checksum and "
        "row count, then migrates to this version of Jejak."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A backup archive (.tar.gz).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database and uploads folder that are not empty.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = archive.restore(options["file"], replace=options["replace"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        made = report.manifest["created_at"]
        self.stdout.write(
            f"Restored the backup of {made}: {report.rows} rows, {report.files} files; "
            "checksums and row counts match."
        )
        if report.missing_documents:
            raise CommandError(
                "Restored, but these documents have no file (they will answer 404): "
                + ", ".join(report.missing_documents)
            )
