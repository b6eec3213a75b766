"""python manage.py program_add --blk CODE --code CODE --name NAME [--kbji CODE] [--hours N]

Adds a training programme to a BLK, or updates the one with that code (options left out stay
as they are; --kbji adds an occupation). Also: --vocation, --national-code, --standard.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.reference.models import Occupation
from jejak.training.models import Programme
from jejak.training.selectors import find_blk
from jejak.training.services import programme_save


class Command(BaseCommand):
    help = "Add or update a BLK training programme."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--blk", required=True, help="the BLK's institution code")
        parser.add_argument("--code", required=True, help="the programme's code at the BLK")
        parser.add_argument("--name", required=True)
        parser.add_argument("--kbji", action="append", default=[], help="KBJI 2014 code")
        parser.add_argument("--hours", type=int)
        parser.add_argument("--vocation", help="kejuruan, e.g. Teknik Otomotif")
        parser.add_argument("--national-code")
        parser.add_argument("--standard", help="SKKNI/KKNI level")

    def handle(self, *args: Any, **options: Any) -> None:
        blk = find_blk(options["blk"])
        if blk is None:
            raise CommandError(f"Tidak ada BLK dengan kode {options['blk']}.")
        if options["hours"] is not None and options["hours"] <= 0:
            raise CommandError("--hours harus bilangan bulat positif.")
        occupations = list(Occupation.objects.filter(code__in=options["kbji"]))
        unknown = sorted(set(options["kbji"]) - {o.code for o in occupations})
        if unknown:
            raise CommandError(f"Kode KBJI tidak dikenal: {', '.join(unknown)}.")
        data: dict[str, Any] = {"name": options["name"]}
        for option, name in (("hours", "hours"), ("vocation", "vocation"),
                             ("national_code", "national_code"),
                             ("standard", "competency_standard")):  # fmt: skip
            if options[option] is not None:
                data[name] = options[option]
        for option, field in (("code", "own_code"), ("name", "name")):
            limit = getattr(Programme._meta.get_field(field), "max_length", None) or 0
            if len(options[option]) > limit:
                raise CommandError(f"--{option} paling banyak {limit} karakter.")
        existing = Programme.objects.filter(organisation=blk, own_code=options["code"]).first()
        if occupations and existing is not None:
            occupations = [*existing.occupations.all(), *occupations]  # --kbji adds, not replaces
        programme, created = programme_save(
            blk=blk, own_code=options["code"], actor=None, data=data,
            occupations=occupations or None,
        )  # fmt: skip
        verb = "ditambahkan" if created else "diperbarui"
        self.stdout.write(f"Program {programme.own_code} {verb}: {programme.name}")
