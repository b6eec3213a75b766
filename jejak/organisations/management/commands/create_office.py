"""python manage.py create_office --kind edu_office|labour_office --name NAME --region CODE
       [--area CODE,CODE] --analyst-name NAME (--analyst-email EMAIL | --analyst-phone PHONE)

Bootstraps a deployment: an office and an invitation for its first analyst, whose link is
printed. From there the office provisions and invites its schools in the web UI.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jejak.accounts.models import Role
from jejak.accounts.services import invitation_create, invitation_link
from jejak.audit.services import log_action
from jejak.lib.values import ValueProblem, parse_phone_number
from jejak.organisations.models import Organisation
from jejak.reference.models import Region

OFFICE_KINDS = [Organisation.Kind.EDUCATION_OFFICE, Organisation.Kind.LABOUR_OFFICE]


class Command(BaseCommand):
    help = "Create a regional office and print an invitation link for its first analyst."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=OFFICE_KINDS)
        parser.add_argument("--name", required=True)
        parser.add_argument("--region", required=True, help="where it sits: 35 or 35.09")
        parser.add_argument("--area", help="regions it covers, comma-separated (default: region)")
        parser.add_argument("--analyst-name", required=True)
        parser.add_argument("--analyst-email", default="")
        parser.add_argument("--analyst-phone", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        codes = (options["area"] or options["region"]).replace(" ", "").split(",")
        regions = {r.code: r for r in Region.objects.filter(code__in=[*codes, options["region"]])}
        missing = [c for c in [*codes, options["region"]] if c not in regions]
        if missing:
            raise CommandError(f"Kode wilayah tidak dikenal: {', '.join(missing)}.")
        if not options["analyst_email"] and not options["analyst_phone"]:
            raise CommandError("Isi --analyst-email atau --analyst-phone.")
        try:
            phone = parse_phone_number(options["analyst_phone"])
        except ValueProblem as problem:
            raise CommandError(str(problem)) from None
        with transaction.atomic():
            office = Organisation.objects.create(
                kind=options["kind"], name=options["name"], region=regions[options["region"]]
            )
            office.area.set([regions[c] for c in codes])
            log_action(actor=None, action="office.created", obj=office)
            _, token = invitation_create(
                organisation=office,
                role=Role.OFFICE_ANALYST,
                name=options["analyst_name"],
                email=options["analyst_email"],
                phone=phone.e164 if phone else "",
                invited_by=None,
            )
        self.stdout.write(f"{office.name} ({office.code}) dibuat.")
        self.stdout.write(f"Tautan undangan analis: {invitation_link(token)}")
