"""manage.py match --vacancy CODE | --nisn NISN [--limit N] [--bkk NPSN] --json"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejak.alumni.models import Alumnus
from jejak.matching import engine, selectors
from jejak.organisations.models import Organisation


class Command(BaseCommand):
    help = "Cocokkan lowongan dengan pencari kerja (atau sebaliknya), dengan alasan dan kekurangan."

    def add_arguments(self, parser: CommandParser) -> None:
        side = parser.add_mutually_exclusive_group(required=True)
        side.add_argument("--vacancy", help="kode lowongan (kode BKK bila ada, atau kode Jejak)")
        side.add_argument("--nisn", help="NISN pencari kerja")
        parser.add_argument("--limit", type=int, default=None)
        parser.add_argument(
            "--bkk", help="NPSN BKK, bila kode lowongan dipakai lebih dari satu BKK"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["limit"] is not None and options["limit"] < 0:
            raise CommandError("--limit harus 0 atau lebih.")
        if options["vacancy"]:
            output = self._vacancy(options["vacancy"], options["bkk"], options["limit"])
        else:
            output = self._seeker(options["nisn"], options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps(output, ensure_ascii=False))
        else:
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))

    def _vacancy(self, code: str, npsn: str | None, limit: int | None) -> dict[str, Any]:
        bkk = None
        if npsn:
            bkk = Organisation.objects.filter(npsn=npsn).first()
            if bkk is None:
                raise CommandError(f"Tidak ada sekolah/BKK dengan NPSN {npsn}.")
        found = selectors.vacancy_by_code(code, bkk)
        if not found:
            raise CommandError(f"Lowongan dengan kode {code} tidak ditemukan.")
        if len(found) > 1:
            raise CommandError(f"Kode {code} dipakai lebih dari satu BKK; sebutkan --bkk NPSN.")
        matches = engine.match_vacancy(found[0], limit=limit)
        rows = [
            {"nisn": c.seeker.nisn, "score": c.result.score, **_explained(c.result)}
            for c in matches.results
        ]
        return {"vacancy": code, "eligible": matches.eligible, "candidates": rows}

    def _seeker(self, nisn: str, limit: int | None) -> dict[str, Any]:
        alumni = Alumnus.objects.filter(nisn=nisn)
        if not alumni.exists():
            raise CommandError(f"NISN {nisn} tidak ada di register.")
        seeker = selectors.seeker_for(alumni, selectors.today())
        if seeker is None:
            return {"nisn": nisn, "eligible": 0, "vacancies": []}
        matches = engine.match_seeker(seeker, limit=limit)
        rows = [
            {"kode": f.job.code, "score": f.result.score, **_explained(f.result)}
            for f in matches.results
        ]
        return {"nisn": nisn, "eligible": matches.eligible, "vacancies": rows}


def _explained(result: Any) -> dict[str, Any]:
    return {
        "reasons": [r.as_dict() for r in result.reasons],
        "gaps": [g.as_dict() for g in result.gaps],
    }
