"""manage.py import_vacancies --bkk NPSN [--dry-run] [--json] FILE: see vacancy_import."""

from jejak.jobs.vacancy_import import import_vacancies
from jejak.lib.import_command import BkkImportCommand


class Command(BkkImportCommand):
    help = "Import a BKK's vacancies history from a spreadsheet (the labour-office contract)."
    run = staticmethod(import_vacancies)
