"""python manage.py campaign_open (--school NPSN | --region CODE) --cohort YEAR
[--start DATE] [--end DATE] [--json]"""

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jejak.lib.values import ValueProblem, parse_date
from jejak.organisations.models import Organisation
from jejak.reference.models import Region
from jejak.tracer.services import campaign_open


class Command(BaseCommand):
    help = "Open a tracer campaign and issue a personal link to every alumnus of the cohort."

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--school", help="NPSN of the school")
        scope.add_argument("--region", help="regency (35.09) or province (35) code")
        parser.add_argument("--cohort", type=int, required=True, action="append")
        parser.add_argument("--start", help="first day (default today)")
        parser.add_argument("--end", help="last day (default 60 days after the start)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        start = self._date(options["start"]) or timezone.localdate()
        end = self._date(options["end"]) or start + dt.timedelta(days=60)
        if end <= start:
            raise CommandError("Tanggal berakhir harus setelah tanggal mulai.")
        if options["school"]:
            school = Organisation.objects.filter(
                npsn=options["school"], kind=Organisation.Kind.SCHOOL
            ).first()
            if school is None:
                raise CommandError(f"Tidak ada sekolah dengan NPSN {options['school']}.")
            scope: dict[str, Any] = {"owner": school, "school": school}
        else:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"Kode wilayah {options['region']} tidak dikenal.")
            # The education office whose area holds the region runs the campaign.
            office = Organisation.objects.filter(
                kind=Organisation.Kind.EDUCATION_OFFICE, area__in=[region.code, region.code[:2]]
            ).first()
            if office is None:
                raise CommandError(f"Belum ada dinas pendidikan yang membawahi {region.name}.")
            scope = {"owner": office, "region": region}
        campaign = campaign_open(
            cohorts=options["cohort"], start=start, end=end, actor=None, **scope
        )
        if options["json"]:
            self.stdout.write(json.dumps({"code": campaign.code, "links": campaign.links.count(),
                                          "start": str(start), "end": str(end)}))  # fmt: skip
        else:
            self.stdout.write(campaign.code)

    def _date(self, text: str | None) -> dt.date | None:
        if not text:
            return None
        try:
            return parse_date(text, "Tanggal")
        except ValueProblem as problem:
            raise CommandError(str(problem)) from None
