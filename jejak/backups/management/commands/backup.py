"""python manage.py backup FILE: the database and the uploaded files in one archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jejak.backups import archive, retention
from jejak.backups.database import BackupError


class Command(BaseCommand):
    help = (
        "Write one .tar.gz holding a consistent database snapshot, every uploaded file and a "
        "manifest (versions, row counts, checksums). Keys are not included: keep SECRET_KEY "
        "and SURVEY_LINK_KEY apart."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path,
            help="Where to write the archive (.tar.gz), or a folder: then it is named "
            "jejak-YYYYMMDDTHHMMZ.tar.gz there and the --keep-* counts prune older ones.",
        )  # fmt: skip
        for period, default in (("daily", 14), ("weekly", 13), ("monthly", 12)):
            parser.add_argument(
                f"--keep-{period}", type=int, default=default,
                help=f"With a folder: keep the newest archive of this many {period} periods "
                f"(default {default}).",
            )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path | None = options["file"] if options["file"].is_dir() else None
        target = folder / retention.archive_name(timezone.now()) if folder else options["file"]
        try:
            report = archive.create(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {target}: {report.rows} rows, {report.files} files.")
        if folder is not None:
            for old in retention.to_delete(
                folder, daily=options["keep_daily"], weekly=options["keep_weekly"],
                monthly=options["keep_monthly"],
            ):  # fmt: skip
                old.unlink()
                self.stdout.write(f"Removed {old.name} (outside the kept periods).")
        if report.missing_documents:
            self.stderr.write(
                "Warning: these documents were already missing on disk: "
                + ", ".join(report.missing_documents)
            )
