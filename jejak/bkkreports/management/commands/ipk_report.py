"""python manage.py ipk_report (--bkk NPSN | --region CODE) --period YYYY-MM|YYYY-Qn|YYYY --json

With --bkk it computes the BKK's eight IPK III tables live from its register (opening with the
previous period's submitted closing balance where there is one). With --region (a regency
35.09 or a province 35) it sums the stored figures of the region's BKKs; a BKK period not yet
stored is computed and stored first. Prints
{"period": "...", "tables": {"III/1": [ROW, ...], ..., "III/8": [...]}}.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.bkkreports import figures, ipk
from jejak.bkkreports.periods import Period, PeriodKind, parse_period
from jejak.organisations.models import Organisation
from jejak.reference.models import Region


def period_from_key(key: str) -> Period | None:
    """2026-03 (month), 2026-Q1 (quarter) or 2026 (year)."""
    kind = (
        PeriodKind.QUARTER if "-Q" in key else PeriodKind.MONTH if "-" in key else PeriodKind.YEAR
    )
    return parse_period(kind, key)


class Command(BaseCommand):
    help = "Print a BKK's (or a region's) IPK III/1-III/8 tables for a month, quarter or year."

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--bkk", help="NPSN of the school whose BKK reports")
        scope.add_argument("--region", help="regency (35.09) or province (35) code")
        parser.add_argument("--period", required=True, help="YYYY-MM, YYYY-Qn or YYYY")
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        period = period_from_key(options["period"])
        if period is None:
            raise CommandError(f"--period: {options['period']!r} is not YYYY-MM, YYYY-Qn or YYYY")
        if options["bkk"]:
            organisation = Organisation.objects.filter(npsn=options["bkk"]).first()
            if organisation is None:
                raise CommandError(f"--bkk: no school with NPSN {options['bkk']}")
            tables, _corrections = figures.chained_tables(organisation, period)
        else:
            code = options["region"]
            if not Region.objects.filter(code=code).exists():
                raise CommandError(f"--region: unknown region code {code!r}")
            tables = figures.region_tables(code, period)
        problems = ipk.balance_problems(tables)
        if problems:  # a defect, never data: the identity holds by construction
            raise CommandError("unbalanced: " + ", ".join(problems))
        self.stdout.write(json.dumps(figures.contract(period, tables), ensure_ascii=False))
