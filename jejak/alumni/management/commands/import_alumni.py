"""python manage.py import_alumni --school NPSN --cohort YEAR [--dry-run] [--json] FILE

A stable contract for scripts: exit 0 whenever the file could be read (even with rejected
rows), non-zero with a one-line message when it could not.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.alumni.importing import import_alumni
from jejak.lib.import_command import write_summary
from jejak.lib.tabular import UnreadableFile, read_file_bytes
from jejak.organisations.models import Organisation


class Command(BaseCommand):
    help = "Import a school's alumni register from a Dapodik export or the Jejak template."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--school", required=True, help="the school's NPSN")
        parser.add_argument("--cohort", required=True, type=int, help="graduation year")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON summary")

    def handle(self, *args: Any, **options: Any) -> None:
        school = Organisation.objects.filter(
            npsn=options["school"],
            kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE],
        ).first()
        if school is None:
            raise CommandError(f"Tidak ada sekolah dengan NPSN {options['school']}.")
        path = Path(options["file"])
        try:
            data = read_file_bytes(path)
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak bisa dibuka: {error.strerror}.") from None
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        try:
            result = import_alumni(
                organisation=school,
                cohort=options["cohort"],
                data=data,
                filename=path.name,
                dry_run=options["dry_run"],
            )
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        write_summary(
            self.stdout, result.as_dict(), json_output=options["json"], dry_run=options["dry_run"]
        )
