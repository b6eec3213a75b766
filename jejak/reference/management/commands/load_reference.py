from django.apps import apps
from django.core.management.base import BaseCommand

from jejak.reference import classify
from jejak.reference.loading import REGION_EDITION, load_all


class Command(BaseCommand):
    help = "Load (or refresh) reference data from its named sources. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        names = ["Region", "Major", "MajorAlias", "Occupation", "Industry", "Disability"]
        counts = load_all({name: apps.get_model("reference", name) for name in names})
        classify.clear_cache()  # suggestions match against the rows just loaded
        self.stdout.write(f"Regions: {REGION_EDITION}")
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count}")
