"""python manage.py import_jobseekers --bkk NPSN [--dry-run] [--json] FILE (see importing.py)."""

from jejak.lib.import_command import BkkImportCommand
from jejak.seekers.importing import import_jobseekers


class Command(BkkImportCommand):
    help = "Import a BKK's registered job seekers (AK/1 history) from a spreadsheet."
    run = staticmethod(import_jobseekers)
