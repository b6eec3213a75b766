"""python manage.py import_responses --campaign CODE [--dry-run] [--json] FILE"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.lib.tabular import UnreadableFile, read_file_bytes
from jejak.tracer.importing import import_responses
from jejak.tracer.models import Campaign


class Command(BaseCommand):
    help = "Import paper and phone answers for a campaign from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--campaign", required=True)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(code=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"Kampanye {options['campaign']} tidak ada.")
        path = Path(options["file"])
        try:
            data = read_file_bytes(path)
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak bisa dibuka: {error.strerror}.") from None
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        try:
            result = import_responses(
                campaign=campaign, data=data, filename=path.name, dry_run=options["dry_run"]
            )
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable)) from None
        summary = result.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(
            f"{summary['rows']} baris · {summary['created']} baru · {summary['updated']} "
            f"diperbarui · {summary['unchanged']} tetap · {summary['rejected']} ditolak"
        )
        for problem in summary["errors"]:
            self.stdout.write(
                f"  baris {problem['row']}, kolom {problem['field']}: {problem['message']}"
            )
