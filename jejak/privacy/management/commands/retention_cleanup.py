"""Delete uploaded import files and rejects files past their retention period (UU PDP).

Run daily from cron until the scheduler takes it over:
    15 2 * * *  cd /srv/jejak && .venv/bin/python manage.py retention_cleanup
"""

from typing import Any

from django.core.management.base import BaseCommand

from jejak.privacy.retention import retention_cleanup


class Command(BaseCommand):
    help = "Delete uploaded import files and rejects files past their retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = retention_cleanup()
        self.stdout.write(f"{deleted} upload(s) deleted")
