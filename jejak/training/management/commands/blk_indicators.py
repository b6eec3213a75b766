"""python manage.py blk_indicators (--blk CODE | --region CODE) [--program CODE]
[--batch CODE] --as-of DATE --json [--by sex|age|disability|funding|program]

Without --by it prints the BLK indicator set; with --by one set per value of the split
(sex L/P, age band at the batch's start 15-24/25-34/35-44/45+ with <15 and unknown apart,
disability yes/no, funding APBN/APBD/LAINNYA, programme by the BLK's code). The age bands
and their source: jejak/training/indicators.py (AGE_BANDS).
Definitions: jejak/training/indicators.py (DEFINITION), carried beside each rate.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.lib.values import ValueProblem, parse_date
from jejak.organisations.models import Organisation
from jejak.reference.models import Region
from jejak.training.indicator_reading import load_trainees, scope_batches
from jejak.training.indicators import SPLITS, blk_figures, split_rows, tally_rows
from jejak.training.selectors import find_blk


class Command(BaseCommand):
    help = "Print the BLK indicator set of a BLK or a region, from the raw rows."

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--blk", help="the BLK's code")
        scope.add_argument("--region", help="province (35) or regency (35.09) code")
        parser.add_argument("--program", default="", help="the BLK's programme code")
        parser.add_argument("--batch", default="", help="a batch code")
        parser.add_argument("--as-of", dest="as_of", required=True, help="reference date")
        parser.add_argument("--by", choices=sorted(SPLITS), help="one indicator set per value")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = parse_date(options["as_of"])
        except ValueProblem as problem:
            raise CommandError(f"--as-of: {problem}") from problem
        if as_of is None:
            raise CommandError("--as-of: isi tanggal acuan.")
        batches = scope_batches(self._blks(options), programme=options["program"],
                                batch=options["batch"])  # fmt: skip
        if (options["program"] or options["batch"]) and not batches.exists():
            raise CommandError("Tidak ada program/gelombang dengan kode itu di cakupan ini.")
        rows = load_trainees(batches, as_of)
        result: dict[str, Any]
        if options["by"]:
            groups = split_rows(rows, SPLITS[options["by"]], as_of)
            result = {str(k): blk_figures(t) for k, t in sorted(groups.items())}
        else:
            result = blk_figures(tally_rows(rows, as_of))
        if options["json"]:
            self.stdout.write(json.dumps(result, sort_keys=True))
            return
        for name, value in result.items():
            shown = value["value"] if isinstance(value, dict) and "value" in value else value
            self.stdout.write(f"{name}: {shown}")

    def _blks(self, options: dict[str, Any]) -> list[Organisation]:
        if options["blk"]:
            blk = find_blk(options["blk"])
            if blk is None:
                raise CommandError(f"Tidak ada BLK dengan kode {options['blk']}.")
            return [blk]
        code = options["region"]
        if not Region.objects.filter(code=code).exists():
            raise CommandError(f"Tidak ada wilayah dengan kode {code}.")
        blks = Organisation.objects.filter(kind=Organisation.Kind.TRAINING_CENTRE)
        return list(blks.filter(region__code__startswith=code))
