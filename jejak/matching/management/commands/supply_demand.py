"""manage.py supply_demand --region CODE --year YYYY [--by konsentrasi|program|bidang|pelatihan]
--json (pelatihan: one row per BLK training programme, the BLK named under "blk")"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.matching.supply import BY_CHOICES, supply_demand
from jejak.reference.models import Region


class Command(BaseCommand):
    help = "Pasokan lulusan dan pencari kerja terhadap lowongan, per jurusan dan wilayah."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="kode provinsi (35) atau kab/kota")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "--by", choices=BY_CHOICES, default="konsentrasi",
            help="tingkat jurusan, atau pelatihan: per program pelatihan BLK",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        region = options["region"].strip()
        if len(region) == 4 and region.isdigit():
            region = f"{region[:2]}.{region[2:]}"
        if not Region.objects.filter(code=region).exists():
            raise CommandError(f"Kode wilayah {region} tidak dikenal (contoh: 35 atau 35.09).")
        if not 1950 <= options["year"] <= 2100:
            raise CommandError(f"Tahun {options['year']} di luar rentang 1950-2100.")
        table = supply_demand(region=region, year=options["year"], by=options["by"])
        output = {"rows": [row.contract() for row in table.rows]}
        if options["json"]:
            self.stdout.write(json.dumps(output, ensure_ascii=False))
            return
        for row in table.rows:
            counts = " ".join(f"{k}={v}" for k, v in row.contract().items() if k != "name")
            self.stdout.write(f"{row.name}: {counts}")
