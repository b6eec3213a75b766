"""Import a BKK's history of placements from a spreadsheet.

Columns (the command-line contract): nisn, tanggal_mulai, perusahaan, kbli, kbji,
kode_wilayah_kerja, negara, formal, kode_lowongan. Each row is recorded as the placement page
records one (placement_record: the outcome event, the AKL/AKAD kind, and the end of the person's
open registration on that date). A row is keyed by person, start date and company, so
re-importing changes nothing. The person must be in the register (import_jobseekers or
import_alumni first); work abroad (AKAN) is refused, as the law refuses it to a BKK.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.jobs.companies_by_name import CompanyFinder, company_key
from jejak.jobs.models import Placement, Vacancy
from jejak.jobs.services import AKAN_REFUSED, Refused, placement_record
from jejak.lib.sheet_rows import (
    RowImport,
    RowProblems,
    RowRefused,
    RowResult,
    SheetRow,
    run_import,
)
from jejak.lib.values import ValueProblem, clean_text, parse_date, parse_nisn
from jejak.organisations.models import Organisation
from jejak.reference.coding import parse_kbji, parse_kbli, parse_regency
from jejak.reference.models import Industry, Occupation, Region

COLUMNS = [
    "nisn", "tanggal_mulai", "perusahaan", "kbli", "kbji", "kode_wilayah_kerja", "negara",
    "formal", "kode_lowongan",
]  # fmt: skip
ALIASES = {
    "tanggal_mulai": ("tgl mulai", "mulai bekerja", "tanggal penempatan"),
    "perusahaan": ("nama perusahaan", "tempat kerja"),
    "kode_wilayah_kerja": ("kode wilayah", "lokasi kerja"),
    "kode_lowongan": ("kode", "no lowongan"),
}
_HOME = {"", "indonesia", "id", "idn", "ri", "-"}
_YES = {"ya", "y", "1", "formal", "true", "benar"}
_NO = {"tidak", "t", "0", "informal", "false", "tdk", "bukan"}
Progress = Callable[[int, int], None]


def _formal(value: Any) -> bool | None:
    text = clean_text(value).lower()
    if not text:
        return None  # not recorded stays not recorded, never assumed formal
    if text in _YES or text in _NO:
        return text in _YES
    raise ValueProblem(_("Kolom formal “%(value)s”: isi ya atau tidak.") % {"value": text})


class _Reader:
    def __init__(self) -> None:
        self.regions = set(Region.objects.values_list("code", flat=True))

    def read(self, row: SheetRow) -> tuple[dict[str, Any] | None, RowProblems]:
        check = RowProblems(row)
        start = check.check("tanggal_mulai", lambda v: parse_date(v, _("Tanggal mulai")))
        if start is None and not check.errors_for("tanggal_mulai"):
            check.add("tanggal_mulai", _("Tanggal mulai wajib diisi."))
        if not row.text("perusahaan"):
            check.add("perusahaan", _("Nama perusahaan wajib diisi."))
        if row.text("negara").lower() not in _HOME:
            check.add("negara", str(AKAN_REFUSED))
        region = check.check("kode_wilayah_kerja", lambda v: parse_regency(v, self.regions))
        if (
            not region
            and not check.errors_for("kode_wilayah_kerja")
            and not check.errors_for("negara")
        ):
            check.add("kode_wilayah_kerja", _("Isi wilayah tempat kerja (kabupaten/kota)."))
        kbli = check.check("kbli", parse_kbli) or ("", "")
        values = {
            "nisn": check.check("nisn", parse_nisn), "start_date": start,
            "employer": row.text("perusahaan")[:200], "kbli": kbli[0], "section": kbli[1],
            "kbji": check.check("kbji", parse_kbji) or "", "region": region,
            "formal": check.check("formal", _formal), "vacancy": row.text("kode_lowongan"),
        }  # fmt: skip
        return (None if check.errors else values), check


def import_placements(
    *,
    organisation: Organisation,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RowResult:
    """Import placements recorded by `organisation`'s BKK. Raises UnreadableFile."""
    spec = RowImport(
        COLUMNS, ALIASES, ["nisn", "tanggal_mulai"], _Reader().read,
        writer=lambda: _Writer(organisation, actor).write,
        order=lambda values: values["start_date"],  # earlier jobs first, as they happened
    )  # fmt: skip

    def audit(result: RowResult) -> None:
        log_action(
            actor=actor, action="placements.imported", obj=organisation, organisation=organisation,
            changes={"file": filename, **result.as_dict(), "errors": len(result.errors)},
        )  # fmt: skip

    return run_import(spec, data, filename, dry_run=dry_run, progress=progress, audit=audit)


class _Writer:
    def __init__(self, bkk: Organisation, actor: Any) -> None:
        self.bkk = bkk
        self.actor = actor
        self.companies = CompanyFinder(bkk, actor)
        self.alumni = dict(
            Alumnus.objects.filter(organisation=bkk).exclude(nisn="").values_list("nisn", "pk")
        )

    def write(self, values: dict[str, Any]) -> str:
        alumnus_id = self.alumni.get(values["nisn"])
        if alumnus_id is None:
            message = _("NISN %(nisn)s tidak ada di register BKK ini; impor dulu pencari kerja "
                        "atau alumninya.") % {"nisn": values["nisn"]}  # fmt: skip
            raise RowRefused("nisn", message)
        alumnus = Alumnus.objects.get(pk=alumnus_id)
        key = company_key(values["employer"])
        for placement in Placement.objects.filter(alumnus=alumnus, start_date=values["start_date"]):
            if company_key(placement.employer) == key:
                return "unchanged"
        self.companies.find_or_register(values["employer"], values["kbli"])
        try:
            placement_record(
                school=self.bkk, alumnus=alumnus, actor=self.actor, recorded_by_org=self.bkk,
                employer=values["employer"], start_date=values["start_date"],
                work_region=Region.objects.get(pk=values["region"]),
                industry=Industry.objects.filter(pk=values["section"]).first(),
                occupation=Occupation.objects.filter(pk=values["kbji"]).first(),
                formal=values["formal"], kbli=values["kbli"],
                vacancy=self._vacancy(values["vacancy"]),
            )  # fmt: skip
        except Refused as refused:
            raise RowRefused("kode_wilayah_kerja", str(refused)) from None
        return "created"

    def _vacancy(self, code: str) -> Vacancy | None:
        if not code:
            return None
        found = (
            Vacancy.objects.filter(posted_by_org=self.bkk)
            .filter(Q(external_code=code) | Q(code=code))
            .first()
        )
        if found is None:
            message = _("Lowongan berkode “%(code)s” tidak ada di BKK ini; impor dulu "
                        "lowongannya.") % {"code": code}  # fmt: skip
            raise RowRefused("kode_lowongan", message)
        return found
