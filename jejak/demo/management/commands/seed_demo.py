"""python manage.py seed_demo [--schools N] [--cohorts K] [--seed S]"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jejak.demo.seeding import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load a realistic demo region (one regency like Jember), deterministic per seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schools", type=int, default=24)
        parser.add_argument("--cohorts", type=int, default=3)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
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
