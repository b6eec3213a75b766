"""python manage.py load_umk: (re)load the published UMK values in indicators/data/umk.csv."""

from typing import Any

from django.core.management.base import BaseCommand

from jejak.indicators.models import Umk
from jejak.indicators.umk_loading import load_umk
from jejak.reference.models import Region


class Command(BaseCommand):
    help = "Load published UMK values; values edited by an analyst are kept."

    def handle(self, *args: Any, **options: Any) -> None:
        written, skipped = load_umk(Umk, Region)
        self.stdout.write(f"{written} UMK values loaded")
        for label in skipped:
            self.stderr.write(f"skipped (region not found or name differs): {label}")
