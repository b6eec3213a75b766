"""python manage.py seed_demo [--schools N] [--cohorts K] [--seed S] [--force]"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from jejak.demo.seeding import DEMO_PASSWORD, demo_loaded, seed_demo
from jejak.organisations.models import Organisation


def refusal(*, debug: bool) -> str:
    """Why the demo must not be loaded into this database; empty when it may.

    Demo logins share a published password, so loading them into a production database
    would open it to anyone who has read the README.
    """
    if not debug:
        return (
            "seed_demo refuses to run: DJANGO_DEBUG is off, so this may be a production "
            "database and the demo logins share a published password. Run it with "
            "DJANGO_DEBUG=1 on a development machine, or add --force for a throwaway database."
        )
    if Organisation.objects.exists() and not demo_loaded():
        return (
            "seed_demo refuses to run: the database already holds organisations that are not "
            "the demo's. Use an empty database, or add --force for a throwaway one."
        )
    return ""


class Command(BaseCommand):
    help = "Load a realistic demo region (one regency like Jember), deterministic per seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schools", type=int, default=24)
        parser.add_argument("--cohorts", type=int, default=3)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo although DEBUG is off or other organisations exist "
            "(throwaway databases only: the demo logins share a published password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reason = refusal(debug=settings.DEBUG)
        if reason and not options["force"]:
            raise CommandError(reason)
        # The demo writes history: the mail its services send on the way (applicants told,
        # orders answered) would only bury the logins below, so it goes nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            result = seed_demo(
                schools=options["schools"], cohorts=options["cohorts"], seed=options["seed"]
            )
        if result.already:
            self.stdout.write("Demo region already loaded; logins:")
        else:
            self.stdout.write(
                f"Demo region loaded: {result.schools} schools, {result.alumni} alumni."
            )
        self.stdout.write(f"\nPassword for every demo login: {DEMO_PASSWORD}\n")
        for role, login, where in result.logins:
            self.stdout.write(f"  {role:<22} {login:<32} {where}")
        if result.sample_file:
            self.stdout.write(f"\nA Dapodik export to try the import with: {result.sample_file}")
