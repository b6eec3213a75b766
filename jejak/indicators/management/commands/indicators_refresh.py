"""python manage.py indicators_refresh [--all]: bring indicator rollups up to date (for cron).

Finds (school, cohort) pairs whose alumni, outcome events or responses changed since their
last refresh, even when the writer did not mark them stale, and recomputes them.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jejak.indicators.models import RollupState
from jejak.indicators.rollups import detect_changes, refresh_stale


class Command(BaseCommand):
    help = "Recompute stale or changed indicator rollups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="recompute every rollup")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            RollupState.objects.update(stale=True)
        changed = detect_changes()
        done = refresh_stale()
        self.stdout.write(f"{changed} changed, {done} rollups recomputed")
