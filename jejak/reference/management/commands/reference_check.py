from collections import Counter

from django.core.management.base import BaseCommand

from jejak.reference import kbli
from jejak.reference.models import Disability, Industry, Major, Occupation, Region


class Command(BaseCommand):
    help = "Show how much reference data is loaded, level by level. Changes nothing."

    def handle(self, *args: object, **options: object) -> None:
        occupations = Counter(Occupation.objects.values_list("level", flat=True))
        self.stdout.write("KBJI 2014:")
        for level, label in Occupation.Level.choices:
            self.stdout.write(f"  {level} {label}: {occupations.get(level, 0)}")
        self.stdout.write("KBLI 2020:")
        self.stdout.write(f"  kategori (database): {Industry.objects.count()}")
        self.stdout.write(f"  golongan pokok (data file): {len(kbli.divisions())}")
        majors = Counter(Major.objects.values_list("level", flat=True))
        self.stdout.write("Spektrum Keahlian SMK:")
        for major_level, major_label in Major.Level.choices:
            self.stdout.write(f"  {major_label}: {majors.get(major_level, 0)}")
        regions = Counter(Region.objects.values_list("level", flat=True))
        self.stdout.write("Wilayah:")
        for region_level, region_label in Region.Level.choices:
            self.stdout.write(f"  {region_label}: {regions.get(region_level, 0)}")
        self.stdout.write(f"Kebutuhan khusus: {Disability.objects.count()}")
