"""Import a BKK's history of registered job seekers (AK/1) from a spreadsheet.

Columns (the command-line contract): nisn, nama, jenis_kelamin, tanggal_lahir, pendidikan,
jurusan, tanggal_daftar, nomor_ak1, kbji_dicari, tanggal_ditempatkan, tanggal_dihapus,
alasan_dihapus. One row is one registration, keyed by the person (NISN) and its registration
date, so importing the same file twice changes nothing. Alumni not yet in the register are
added to it (cohort: the `tahun_lulus` column when the file has one, else the year before the
registration). Every row is checked, every problem reported; the valid rows are written in one
transaction, and a dry run runs the same writes and rolls them back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.lib.sheet_rows import (
    RowImport,
    RowProblems,
    RowRefused,
    RowResult,
    SheetRow,
    run_import,
)
from jejak.lib.values import ValueProblem, clean_text, parse_date, parse_nisn, parse_sex
from jejak.organisations.models import Organisation
from jejak.reference.coding import parse_education, parse_kbji_list
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import EducationLevel, Occupation
from jejak.seekers.models import REMOVAL_REASONS, EndReason, Registration, RegistrationSource
from jejak.seekers.services import set_sought

COLUMNS = [
    "nisn", "nama", "jenis_kelamin", "tanggal_lahir", "pendidikan", "jurusan", "tanggal_daftar",
    "nomor_ak1", "kbji_dicari", "tanggal_ditempatkan", "tanggal_dihapus", "alasan_dihapus",
    "tahun_lulus",
]  # fmt: skip
ALIASES = {
    "nama": ("nama lengkap", "nama pencari kerja"),
    "jenis_kelamin": ("jk", "l/p", "kelamin"),
    "tanggal_lahir": ("tgl lahir",),
    "tanggal_daftar": ("tgl daftar", "tanggal pendaftaran"),
    "nomor_ak1": ("no ak1", "nomor ak 1", "no kartu kuning", "nomor kartu ak/1"),
    "kbji_dicari": ("kbji", "jabatan dicari kbji"),
    "tahun_lulus": ("angkatan", "tahun lulus"),
}
Progress = Callable[[int, int], None]


@dataclass
class _Row:
    sheet: SheetRow
    nisn: str
    person: dict[str, Any]
    registration: dict[str, Any]
    occupations: list[str]


def _reason(value: Any) -> str:
    text = clean_text(value).lower().replace(" ", "_")
    if not text:
        return ""
    if text not in {reason.value for reason in REMOVAL_REASONS}:
        raise ValueProblem(
            _("Alasan dihapus “%(value)s” tidak dikenal; isi salah satu: %(reasons)s.")
            % {
                "value": clean_text(value),
                "reasons": ", ".join(reason.value for reason in REMOVAL_REASONS),
            }
        )
    return text


class _Reader:
    def __init__(self, organisation: Organisation) -> None:
        self.majors = major_lookup_table()
        self.is_school = organisation.kind == Organisation.Kind.SCHOOL

    def _education(self, value: Any) -> str:
        # A school's BKK registers its own graduates: an empty cell there means SMK.
        if self.is_school and not clean_text(value):
            return EducationLevel.SMK.value
        return parse_education(value)

    def read(self, row: SheetRow) -> tuple[_Row | None, RowProblems]:
        check = RowProblems(row)
        nisn = check.check("nisn", parse_nisn)
        registered = check.check("tanggal_daftar", lambda v: parse_date(v, _("Tanggal daftar")))
        if registered is None and not check.errors_for("tanggal_daftar"):
            check.add("tanggal_daftar", _("Tanggal daftar wajib diisi."))
        placed = check.check("tanggal_ditempatkan",
                             lambda v: parse_date(v, _("Tanggal ditempatkan")))  # fmt: skip
        removed = check.check("tanggal_dihapus", lambda v: parse_date(v, _("Tanggal dihapus")))
        reason = check.check("alasan_dihapus", _reason)
        registration = {
            "registered_on": registered,
            "ak1_number": row.text("nomor_ak1")[:40],
            "education": check.check("pendidikan", self._education),
            **self._end(check, registered, placed, removed, reason),
        }
        if major_text := row.text("jurusan"):
            registration["major_id"] = find_major_id(major_text, self.majors)
            if registration["major_id"] is None:
                check.add(
                    "jurusan", _("Jurusan “%(value)s” tidak dikenal.") % {"value": major_text}
                )
        person = {
            "name": row.text("nama").title() if row.text("nama").isupper() else row.text("nama"),
            "sex": check.check("jenis_kelamin", lambda v: parse_sex(v) if clean_text(v) else ""),
            "birth_date": check.check("tanggal_lahir", lambda v: parse_date(v, _("Tanggal lahir"))),
            "cohort": self._cohort(check, registered),
        }
        occupations = check.check("kbji_dicari", parse_kbji_list) or []
        if check.errors:
            return None, check
        return _Row(row, nisn, person, registration, occupations), check

    def _end(
        self,
        check: RowProblems,
        registered: dt.date | None,
        placed: dt.date | None,
        removed: dt.date | None,
        reason: str | None,
    ) -> dict[str, Any]:
        if placed and removed:
            check.add(
                "tanggal_dihapus",
                _("Isi tanggal ditempatkan atau tanggal dihapus, bukan keduanya."),
            )
        if removed and not reason:
            check.add("alasan_dihapus", _("Alasan dihapus wajib diisi bila ada tanggal dihapus."))
        if reason and not removed:
            check.add("tanggal_dihapus", _("Tanggal dihapus wajib diisi bila ada alasan dihapus."))
        ended = placed or removed
        if ended and registered and ended < registered:
            column = "tanggal_ditempatkan" if placed else "tanggal_dihapus"
            dates = {"end": ended.strftime("%d-%m-%Y"), "start": registered.strftime("%d-%m-%Y")}
            check.add(column, _("Tanggal %(end)s sebelum tanggal daftar %(start)s.") % dates)
        if not ended:
            return {"ended_on": None, "end_reason": ""}
        return {"ended_on": ended, "end_reason": EndReason.PLACED.value if placed else reason}

    def _cohort(self, check: RowProblems, registered: dt.date | None) -> int | None:
        text = check.row.text("tahun_lulus")
        if text:
            if not (text.isdigit() and 1950 <= int(text) <= 2100):
                check.add(
                    "tahun_lulus", _("Tahun lulus “%(value)s” bukan tahun.") % {"value": text}
                )
                return None
            return int(text)
        return registered.year - 1 if registered else None


def import_jobseekers(
    *,
    organisation: Organisation,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RowResult:
    """Import registrations for `organisation`'s BKK (see the module docstring). Raises
    UnreadableFile for a file that cannot be used; row problems go into the result."""
    spec = RowImport(
        COLUMNS, ALIASES, ["nisn", "tanggal_daftar"], _Reader(organisation).read,
        writer=lambda: _Writer(organisation, actor).write,
        order=lambda row: (row.nisn, row.registration["registered_on"]),
    )  # fmt: skip

    def audit(result: RowResult) -> None:
        log_action(
            actor=actor, action="seekers.imported", obj=organisation, organisation=organisation,
            changes={"file": filename, **result.as_dict(), "errors": len(result.errors)},
        )  # fmt: skip

    return run_import(spec, data, filename, dry_run=dry_run, progress=progress, audit=audit)


class _Writer:
    """Upserts one registration per (person, registration date); rejects overlapping ones."""

    def __init__(self, organisation: Organisation, actor: Any) -> None:
        self.organisation = organisation
        self.actor = actor
        self.alumni = {
            a.nisn: a for a in Alumnus.objects.filter(organisation=organisation).exclude(nisn="")
        }
        self.occupations = {o.code: o for o in Occupation.objects.all()}

    def write(self, row: _Row) -> str:
        alumnus = self._person(row)
        values = row.registration
        existing = Registration.objects.filter(
            organisation=self.organisation, alumnus=alumnus, registered_on=values["registered_on"]
        ).first()
        self._refuse_overlap(alumnus, values, existing)
        if existing is None:
            registration = Registration(
                organisation=self.organisation, alumnus=alumnus, source=RegistrationSource.IMPORT,
                created_by=self.actor if getattr(self.actor, "pk", None) else None, **values,
            )  # fmt: skip
            registration.save()
            set_sought(registration, [self.occupations[c] for c in row.occupations])
            return "created"
        changes = {
            name: [str(getattr(existing, name) or ""), str(value or "")]
            for name, value in values.items()
            if value not in ("", None) and getattr(existing, name) != value
        }
        sought = existing.sought_codes()
        if row.occupations and row.occupations != sought:
            changes["occupations_sought"] = [",".join(sought), ",".join(row.occupations)]
            set_sought(existing, [self.occupations[c] for c in row.occupations])
        if not changes:
            return "unchanged"
        for name, value in values.items():
            if value not in ("", None):
                setattr(existing, name, value)
        existing.save()
        log_action(actor=self.actor, action="seeker.updated", obj=existing,
                   organisation=self.organisation, changes=changes)  # fmt: skip
        return "updated"

    def _person(self, row: _Row) -> Alumnus:
        alumnus = self.alumni.get(row.nisn)
        if alumnus is None:
            for column, name in (("nama", "name"), ("jenis_kelamin", "sex")):
                if not row.person[name]:
                    raise RowRefused(column, _("NISN %(nisn)s belum ada di register; isi kolom "
                                                "%(column)s untuk menambahkannya.")
                                      % {"nisn": row.nisn, "column": column})  # fmt: skip
            alumnus = Alumnus(organisation=self.organisation, nisn=row.nisn, **row.person)
            alumnus.save()
            self.alumni[row.nisn] = alumnus
            return alumnus
        filled = [n for n in ("sex", "birth_date") if row.person[n] and not getattr(alumnus, n)]
        for name in filled:  # an empty register field is filled; a known one is never overwritten
            setattr(alumnus, name, row.person[name])
        if filled:
            alumnus.save(update_fields=[*filled, "updated_at"])
        return alumnus

    def _refuse_overlap(self, alumnus: Alumnus, values: dict[str, Any], existing: Any) -> None:
        start, end = values["registered_on"], values["ended_on"]
        others = Registration.objects.filter(organisation=self.organisation, alumnus=alumnus)
        if existing is not None:
            others = others.exclude(pk=existing.pk)
        for other in others:
            other_end = other.ended_on or dt.date.max
            if start < other_end and other.registered_on < (end or dt.date.max):
                raise RowRefused(
                    "tanggal_daftar",
                    _(
                        "Masih terdaftar sejak %(start)s (baris lain atau data sebelumnya); "
                        "pendaftaran tidak boleh tumpang tindih."
                    )
                    % {"start": other.registered_on.strftime("%d-%m-%Y")},
                )
