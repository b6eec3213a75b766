"""python manage.py indicators (--school NPSN | --region CODE) --cohort YEAR
[--as-of DATE] [--by SPLIT] --json

Without --by it prints the indicator set; with --by it prints one set per value of the split
(major and class by id, sex, disability yes/no, school by NPSN, regency or province code).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.indicators.compute import AlumnusRow, figures, split_rows, tally_rows
from jejak.indicators.reading import load_rows, umk_lookup
from jejak.lib.values import ValueProblem, parse_date
from jejak.organisations.models import Organisation
from jejak.reference.models import Region

Schools = dict[int, Organisation]
SPLITS: dict[str, Callable[[Schools], Callable[[AlumnusRow], Any]]] = {
    "major": lambda _s: lambda r: r.major or "",
    "class": lambda _s: lambda r: r.school_class or "",
    "sex": lambda _s: lambda r: r.sex,
    "disability": lambda _s: lambda r: "yes" if r.disability else "no",
    "school": lambda s: lambda r: s[r.school].npsn,
    "regency": lambda s: lambda r: s[r.school].region_id,
    "province": lambda s: lambda r: s[r.school].province_code,
}


class Command(BaseCommand):
    help = "Print the indicator set of a school's or a region's cohort, from the raw rows."

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--school", help="NPSN of the school")
        scope.add_argument("--region", help="province (35) or regency (35.09) code")
        parser.add_argument("--cohort", type=int, required=True)
        parser.add_argument("--as-of", dest="as_of", help="reference date (default: per school)")
        parser.add_argument("--by", choices=sorted(SPLITS), help="one indicator set per value")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        schools = self._schools(options)
        as_of = None
        if options["as_of"]:
            try:
                as_of = parse_date(options["as_of"])
            except ValueProblem as problem:
                raise CommandError(f"--as-of: {problem}") from problem
        rows = load_rows(schools, options["cohort"], as_of)
        result: dict[str, Any]
        if options["by"]:
            key = SPLITS[options["by"]]({s.pk: s for s in schools})
            groups = split_rows(rows, key, umk_lookup())
            result = {
                str(k): figures(t) for k, t in sorted(groups.items(), key=lambda i: str(i[0]))
            }
            self.stdout.write(json.dumps(result, sort_keys=True))
            return
        result = figures(tally_rows(rows, umk_lookup()))
        if options["json"]:
            self.stdout.write(json.dumps(result, sort_keys=True))
            return
        for name, value in result.items():
            shown = value["value"] if isinstance(value, dict) and "value" in value else value
            self.stdout.write(f"{name}: {shown}")

    def _schools(self, options: dict[str, Any]) -> list[Organisation]:
        schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
        if options["school"]:
            found = list(schools.filter(npsn=options["school"]))
            if not found:
                raise CommandError(f"Tidak ada sekolah dengan NPSN {options['school']}.")
            return found
        code = options["region"]
        if not Region.objects.filter(code=code).exists():
            raise CommandError(f"Kode wilayah {code} tidak dikenal.")
        if len(code) == 2:
            return list(schools.filter(province_code=code))
        return list(schools.filter(region_id=code))
