"""Import a BKK's history of vacancies from a spreadsheet.

Columns (the command-line contract): kode, jabatan, kbji, perusahaan, kbli, pendidikan, jurusan,
jumlah_l, jumlah_p, jumlah_lp, tanggal_daftar, tanggal_tutup, kode_wilayah_kerja. A row is keyed
by the BKK's own `kode` (re-importing updates it); a row without a code is keyed by company,
title and registration date. `tanggal_tutup` is the day the vacancy closed: positions still
unfilled then are removed (dihapus) that day; without it the vacancy stays open. Companies not
yet known are registered for the BKK (see companies_by_name.py). Valid rows are written in one
transaction; a dry run runs the same writes and rolls them back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.audit.services import log_action
from jejak.jobs.companies_by_name import CompanyFinder
from jejak.jobs.models import Vacancy, VacancyTarget
from jejak.lib.sheet_rows import RowImport, RowProblems, RowResult, SheetRow, run_import
from jejak.lib.values import ValueProblem, clean_text, is_digits, parse_date
from jejak.organisations.models import Organisation
from jejak.reference.coding import parse_education, parse_kbji, parse_kbli, parse_regency
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Region

COLUMNS = [
    "kode", "jabatan", "kbji", "perusahaan", "kbli", "pendidikan", "jurusan", "jumlah_l",
    "jumlah_p", "jumlah_lp", "tanggal_daftar", "tanggal_tutup", "kode_wilayah_kerja",
]  # fmt: skip
ALIASES = {
    "kode": ("kode lowongan", "no lowongan"),
    "jabatan": ("nama jabatan", "posisi"),
    "perusahaan": ("nama perusahaan",),
    "jumlah_lp": ("jumlah l/p", "jumlah l p"),
    "tanggal_daftar": ("tgl daftar", "tanggal pendaftaran"),
    "tanggal_tutup": ("tgl tutup", "tanggal ditutup"),
    "kode_wilayah_kerja": ("kode wilayah", "lokasi kerja"),
}
# An open vacancy without a deadline in the file is shown on the boards this long.
DEFAULT_OPEN_DAYS = 30
Progress = Callable[[int, int], None]


def _count(value: Any) -> int:
    text = clean_text(value)
    if text in {"", "-"}:
        return 0
    if not is_digits(text) or int(text) > 100_000:
        raise ValueProblem(_("Jumlah “%(value)s” bukan bilangan bulat.") % {"value": text})
    return int(text)


class _Reader:
    def __init__(self) -> None:
        self.majors = major_lookup_table()
        self.regions = set(Region.objects.values_list("code", flat=True))

    def read(self, row: SheetRow) -> tuple[dict[str, Any] | None, RowProblems]:
        check = RowProblems(row)
        title, company = row.text("jabatan"), row.text("perusahaan")
        if not title:
            check.add("jabatan", _("Jabatan wajib diisi."))
        if not company:
            check.add("perusahaan", _("Nama perusahaan wajib diisi."))
        registered = check.check("tanggal_daftar", lambda v: parse_date(v, _("Tanggal daftar")))
        if registered is None and not check.errors_for("tanggal_daftar"):
            check.add("tanggal_daftar", _("Tanggal daftar wajib diisi."))
        closed = check.check("tanggal_tutup", lambda v: parse_date(v, _("Tanggal tutup")))
        if registered and closed and closed < registered:
            check.add("tanggal_tutup", _("Tanggal tutup sebelum tanggal daftar."))
        counts = [check.check(c, _count) for c in ("jumlah_l", "jumlah_p", "jumlah_lp")]
        if not check.errors and not sum(c or 0 for c in counts):
            check.add("jumlah_lp", _("Isi jumlah lowongan: jumlah_l, jumlah_p atau jumlah_lp."))
        kbli = check.check("kbli", parse_kbli) or ("", "")
        values = {
            "external_code": row.text("kode")[:40], "title": title[:150], "company": company,
            "occupation_id": check.check("kbji", parse_kbji) or None, "kbli": kbli[0],
            "industry_id": kbli[1] or None,
            "education": check.check("pendidikan", parse_education),
            "openings_male": counts[0], "openings_female": counts[1], "openings_any": counts[2],
            "registered_on": registered, "closed_on": closed,
            "work_region_id": check.check("kode_wilayah_kerja",
                                          lambda v: parse_regency(v, self.regions)) or None,
            "majors": self._majors(check),
        }  # fmt: skip
        return (None if check.errors else values), check

    def _majors(self, check: RowProblems) -> list[int]:
        found = []
        for part in check.row.text("jurusan").replace(";", ",").split(","):
            if not part.strip():
                continue
            major_id = find_major_id(part, self.majors)
            if major_id is None:
                check.add(
                    "jurusan", _("Jurusan “%(value)s” tidak dikenal.") % {"value": part.strip()}
                )
            else:
                found.append(major_id)
        return found


def import_vacancies(
    *,
    organisation: Organisation,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RowResult:
    """Import vacancies posted by `organisation`'s BKK. Raises UnreadableFile."""
    spec = RowImport(
        COLUMNS, ALIASES, ["jabatan", "tanggal_daftar"], _Reader().read,
        writer=lambda: _Writer(organisation, actor).write,
    )  # fmt: skip

    def audit(result: RowResult) -> None:
        log_action(
            actor=actor, action="vacancies.imported", obj=organisation, organisation=organisation,
            changes={"file": filename, **result.as_dict(), "errors": len(result.errors)},
        )  # fmt: skip

    return run_import(spec, data, filename, dry_run=dry_run, progress=progress, audit=audit)


class _Writer:
    def __init__(self, bkk: Organisation, actor: Any) -> None:
        self.bkk = bkk
        self.actor = actor
        self.companies = CompanyFinder(bkk, actor)
        self.today = timezone.localdate()

    def write(self, values: dict[str, Any]) -> str:
        """Create or update one vacancy; returns created, updated or unchanged."""
        values = dict(values)
        majors = values.pop("majors")
        company = self.companies.find_or_register(values.pop("company"), values["kbli"])
        vacancy = self._existing(company, values)
        fields = self._fields(values)
        if vacancy is None:
            vacancy = Vacancy(company=company, posted_by_org=self.bkk, posted_by=None, **fields)
            vacancy.save()
            vacancy.majors.set(majors)
            VacancyTarget.objects.create(vacancy=vacancy, school=self.bkk)
            return "created"
        changes = {k: [str(getattr(vacancy, k)), str(v)] for k, v in fields.items()
                   if getattr(vacancy, k) != v}  # fmt: skip
        if set(vacancy.majors.values_list("pk", flat=True)) != set(majors):
            changes["majors"] = ["", ",".join(map(str, majors))]
            vacancy.majors.set(majors)
        if not changes:
            return "unchanged"
        for name, value in fields.items():
            setattr(vacancy, name, value)
        vacancy.company = company
        vacancy.save()
        log_action(actor=self.actor, action="vacancy.updated", obj=vacancy,
                   organisation=self.bkk, changes=changes)  # fmt: skip
        return "updated"

    def _existing(self, company: Organisation, values: dict[str, Any]) -> Vacancy | None:
        mine = Vacancy.objects.filter(posted_by_org=self.bkk)
        if values["external_code"]:
            return mine.filter(external_code=values["external_code"]).first()
        return mine.filter(
            company=company, title=values["title"], registered_on=values["registered_on"],
            external_code="",
        ).first()  # fmt: skip

    def _fields(self, values: dict[str, Any]) -> dict[str, Any]:
        registered, closed = values["registered_on"], values["closed_on"]
        deadline = closed or max(registered, self.today) + dt.timedelta(days=DEFAULT_OPEN_DAYS)
        done = closed is not None and closed <= self.today
        total = values["openings_male"] + values["openings_female"] + values["openings_any"]
        return {
            **values, "openings": total, "opens_on": registered, "closes_on": deadline,
            "state": Vacancy.State.CLOSED if done else Vacancy.State.OPEN,
        }  # fmt: skip
