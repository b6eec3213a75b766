"""python manage.py campaign_links --campaign CODE --format csv"""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.tracer.models import Campaign, SurveyLink
from jejak.tracer.views import write_links_csv


class Command(BaseCommand):
    help = "Print every alumnus's personal link (and WhatsApp link) for mail merge."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True)
        parser.add_argument("--format", choices=["csv"], default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(code=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"Kampanye {options['campaign']} tidak ada.")
        out = self.stdout if self.stdout else sys.stdout
        write_links_csv(out, SurveyLink.objects.filter(campaign=campaign, revoked_at=None))
