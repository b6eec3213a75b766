"""python manage.py load_umk: (re)load the published UMK and UMP values in indicators/data/."""

from typing import Any

from django.core.management.base import BaseCommand

from jejak.indicators.models import Umk
from jejak.indicators.umk_loading import load_umk, load_ump
from jejak.reference.models import Region


class Command(BaseCommand):
    help = "Load published UMK and UMP values; values edited by an analyst are kept."

    def handle(self, *args: Any, **options: Any) -> None:
        written, skipped = load_umk(Umk, Region)
        self.stdout.write(f"{written} UMK values loaded")
        ump_written, ump_skipped = load_ump(Umk, Region)
        self.stdout.write(f"{ump_written} UMP values loaded")
        skipped += ump_skipped
        for label in skipped:
            self.stderr.write(f"skipped (region not found or name differs): {label}")
