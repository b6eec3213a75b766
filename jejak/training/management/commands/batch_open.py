"""python manage.py batch_open --blk CODE --program CODE --start DATE --end DATE
       [--funding APBN|APBD|LAINNYA] [--code OWN_CODE] [--quota N] [--json]

Opens a batch (gelombang) of a programme and prints its code: the code `import_trainees
--batch` and the other batch commands take (JSON: {"batch": CODE, "own_code": ...}).
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.lib.values import ValueProblem, parse_date
from jejak.training.models import Batch, Programme
from jejak.training.selectors import find_blk
from jejak.training.services import batch_open


class Command(BaseCommand):
    help = "Open a training batch and print its code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--blk", required=True)
        parser.add_argument("--program", required=True, help="the programme's code at the BLK")
        parser.add_argument("--start", required=True)
        parser.add_argument("--end", required=True)
        parser.add_argument("--funding", choices=Batch.Funding.values, default="APBN")
        parser.add_argument("--code", default="", help="the BLK's own batch code")
        parser.add_argument("--quota", type=int)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        blk = find_blk(options["blk"])
        if blk is None:
            raise CommandError(f"Tidak ada BLK dengan kode {options['blk']}.")
        programme = Programme.objects.filter(organisation=blk, own_code=options["program"]).first()
        if programme is None:
            raise CommandError(f"{blk.name} tidak punya program {options['program']}.")
        try:
            start = parse_date(options["start"], "--start")
            end = parse_date(options["end"], "--end")
        except ValueProblem as problem:
            raise CommandError(str(problem)) from None
        if start is None or end is None or end < start:
            raise CommandError("--end harus sama dengan atau sesudah --start.")
        if options["code"] and Batch.objects.filter(organisation=blk, own_code=options["code"]):
            raise CommandError(f"{blk.name} sudah punya gelombang {options['code']}.")
        batch = batch_open(
            programme=programme, start_date=start, end_date=end, funding=options["funding"],
            own_code=options["code"], actor=None,
            data={"quota": options["quota"]} if options["quota"] else None,
        )  # fmt: skip
        if options["json"]:
            self.stdout.write(json.dumps({"batch": batch.code, "own_code": batch.own_code}))
        else:
            self.stdout.write(batch.code)
