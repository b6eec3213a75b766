"""manage.py import_placements --bkk NPSN [--dry-run] [--json] FILE: see placement_import."""

from jejak.jobs.placement_import import import_placements
from jejak.lib.import_command import BkkImportCommand


class Command(BkkImportCommand):
    help = "Import a BKK's placements history from a spreadsheet (the labour-office contract)."
    run = staticmethod(import_placements)
