"""python manage.py tracer_export --campaign CODE --format national FILE"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.tracer.models import Campaign, SurveyLink
from jejak.tracer.national_export import format_of, national_export


class Command(BaseCommand):
    help = (
        "Write a campaign's answers in the national tracer form's terms, one row per alumnus "
        "(XLSX or CSV by the file's suffix)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--campaign", required=True)
        parser.add_argument("--format", choices=["national"], required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(code=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"Kampanye {options['campaign']} tidak ada.")
        path = Path(options["file"])
        try:
            fmt = format_of(path.name)
        except ValueError:
            raise CommandError(f"Berkas {path} harus berakhiran .xlsx atau .csv.") from None
        data, count = national_export(SurveyLink.objects.filter(campaign=campaign), fmt)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak bisa ditulis: {error.strerror}.") from None
        self.stdout.write(f"{count} alumni ditulis ke {path}.")
