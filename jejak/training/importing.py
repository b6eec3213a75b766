"""Import a BLK's trainee list into one batch, with the alumni import's machinery.

Columns (the CLI contract): nik, nama, jenis_kelamin, tanggal_lahir, pendidikan, alamat,
kode_wilayah, hp, disabilitas, status_sebelum, lulus, nomor_sertifikat, kompeten; optional
`selesai` (attendance completed; a graduate has completed). Every row is read and checked
first (the NIK against the birth date and sex beside it); valid rows are then written in one
transaction: the trainee's register record at the BLK by NIK, and the enrolment in the batch
with its results, dated with the batch's end date. The summary and row errors are those of
`import_alumni` (`ImportResult`), so the web job pages, the rejects file and `--json` work
unchanged. A dry run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.importing import ImportResult, Progress, RowError, _parse_name, _too_long
from jejak.alumni.models import Alumnus, Consent, ImportJob
from jejak.audit.services import audit_row, log_action, log_actions
from jejak.indicators import services as indicator_services
from jejak.lib.nik import nik_disagreement, nik_facts, nik_text
from jejak.lib.tabular import UnreadableFile, find_header, is_blank, read_rows
from jejak.lib.values import (
    ValueProblem,
    clean_text,
    parse_date,
    parse_phone_number,
    parse_sex,
)
from jejak.reference.models import Region
from jejak.training.models import Batch, Education, Enrolment, WorkBefore

TRAINEE_COLUMNS = [
    "nik", "nama", "jenis_kelamin", "tanggal_lahir", "pendidikan", "alamat", "kode_wilayah",
    "hp", "disabilitas", "status_sebelum", "lulus", "nomor_sertifikat", "kompeten",
]  # fmt: skip
ALIASES: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "no nik", "nomor nik", "no ktp", "nik ktp"),
    "nama": ("nama", "nama lengkap", "nama peserta"),
    "jenis_kelamin": ("jenis kelamin", "jk", "l/p", "kelamin"),
    "tanggal_lahir": ("tanggal lahir", "tgl lahir", "tgl lhr"),
    "pendidikan": ("pendidikan", "pendidikan terakhir", "ijazah terakhir"),
    "alamat": ("alamat", "alamat lengkap"),
    "kode_wilayah": ("kode wilayah", "kode kabupaten", "kode kab/kota"),
    "hp": ("hp", "no hp", "nomor hp", "no hp/wa", "no wa", "whatsapp", "telepon"),
    "disabilitas": ("disabilitas", "ragam disabilitas", "jenis disabilitas"),
    "status_sebelum": ("status sebelum", "status sebelum pelatihan", "status kerja"),
    "selesai": ("selesai", "menyelesaikan pelatihan", "tamat"),
    "lulus": ("lulus", "kelulusan", "status kelulusan"),
    "nomor_sertifikat": ("nomor sertifikat", "no sertifikat", "no sertifikat bnsp"),
    "kompeten": ("kompeten", "hasil uji kompetensi", "hasil uji", "uji kompetensi"),
}
_REQUIRED_HEADERS = [set(ALIASES["nik"]), set(ALIASES["nama"])]

_EDUCATION = {
    "sd": "SD", "mi": "SD", "sd/mi": "SD", "sd/sederajat": "SD", "paket a": "SD",
    "smp": "SMP", "mts": "SMP", "sltp": "SMP", "smp/mts": "SMP", "smp/sederajat": "SMP",
    "paket b": "SMP",
    "sma": "SMA", "ma": "SMA", "slta": "SMA", "sma/ma": "SMA", "sma/sederajat": "SMA",
    "paket c": "SMA",
    "smk": "SMK", "mak": "SMK", "stm": "SMK", "smk/mak": "SMK",
    "d1": "D1", "d2": "D2", "d3": "D3", "d4": "D4/S1", "s1": "D4/S1", "d4/s1": "D4/S1",
    "sarjana": "D4/S1", "s2": "S2", "s3": "S3",
}  # fmt: skip
_DISABILITY = {
    "fisik": "fisik", "daksa": "fisik", "tuna daksa": "fisik", "tunadaksa": "fisik",
    "intelektual": "intelektual", "grahita": "intelektual", "tunagrahita": "intelektual",
    "tuna grahita": "intelektual", "mental": "mental", "psikososial": "mental",
    "sensorik": "sensorik", "netra": "sensorik", "tunanetra": "sensorik",
    "tuna netra": "sensorik", "rungu": "sensorik", "tunarungu": "sensorik",
    "tuna rungu": "sensorik", "wicara": "sensorik", "tunawicara": "sensorik",
    "rungu wicara": "sensorik", "ganda": "ganda", "multi": "ganda", "ganda/multi": "ganda",
}  # fmt: skip
_NO_DISABILITY = {"", "-", "tidak", "tidak ada", "0", "none", "non", "bukan", "normal"}
_WORK_BEFORE = {
    "bekerja": "bekerja", "karyawan": "bekerja", "buruh": "bekerja", "pegawai": "bekerja",
    "wirausaha": "wirausaha", "usaha sendiri": "wirausaha", "berusaha sendiri": "wirausaha",
    "berwirausaha": "wirausaha",
    "mencari kerja": "mencari_kerja", "mencari_kerja": "mencari_kerja",
    "tidak bekerja": "mencari_kerja", "belum bekerja": "mencari_kerja",
    "menganggur": "mencari_kerja", "pengangguran": "mencari_kerja",
    "sekolah": "sekolah", "pelajar": "sekolah", "mahasiswa": "sekolah", "kuliah": "sekolah",
    "lainnya": "lainnya", "lain-lain": "lainnya", "ibu rumah tangga": "lainnya",
}  # fmt: skip
_YES = {"ya", "y", "1", "true", "benar", "lulus", "l", "k", "kompeten", "selesai", "sudah", "v"}
_NO = {"tidak", "t", "0", "false", "tidak lulus", "tl", "bk", "belum kompeten", "tidak kompeten",
       "belum", "tidak selesai", "gagal", "x"}  # fmt: skip


def _choice(table: dict[str, str], what: str, allowed: str) -> Any:
    def parse(value: Any) -> str:
        text = clean_text(value)
        key = text.lower().rstrip(".")
        if not key or key == "-":
            return ""
        if key in table:
            return table[key]
        raise ValueProblem(
            _("%(what)s “%(value)s” tidak dikenal; isi salah satu: %(allowed)s.")
            % {"what": what, "value": text, "allowed": allowed}
        )

    return parse


def parse_yes_no(value: Any) -> bool | None:
    """Ya/Tidak, 1/0, Lulus/Tidak lulus, K/BK …; None when the cell is empty or "-"."""
    key = clean_text(value).lower().rstrip(".")
    if key in {"", "-"}:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueProblem(
        _("“%(value)s” tidak terbaca sebagai Ya atau Tidak.") % {"value": clean_text(value)}
    )


def parse_disability(value: Any) -> str:
    key = clean_text(value).lower().removeprefix("disabilitas ").strip()
    if key in _NO_DISABILITY:
        return ""
    if key in _DISABILITY:
        return _DISABILITY[key]
    raise ValueProblem(
        _(
            "Disabilitas “%(value)s” tidak dikenal; isi ragam menurut UU 8/2016: fisik, "
            "intelektual, mental, sensorik atau ganda (kosongkan bila tidak ada)."
        )
        % {"value": clean_text(value)}
    )


parse_education = _choice(_EDUCATION, _("Pendidikan"), ", ".join(Education.values))
parse_work_before = _choice(_WORK_BEFORE, _("Status sebelum pelatihan"),
                            ", ".join(WorkBefore.values))  # fmt: skip


@dataclass
class _Row:
    number: int
    person: dict[str, Any]  # Alumnus fields
    enrolment: dict[str, Any]  # Enrolment fields


class _Reader:
    def __init__(self, columns: dict[str, int], today: dt.date) -> None:
        self.columns = columns
        self.today = today
        self.regions = set(
            Region.objects.filter(level=Region.Level.REGENCY).values_list("code", flat=True)
        )

    def cell(self, cells: Sequence[Any], key: str) -> Any:
        index = self.columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def _parse(self, number: int, cells: Sequence[Any], key: str, parse: Any,
               errors: list[RowError]) -> Any:  # fmt: skip
        try:
            return parse(self.cell(cells, key))
        except ValueProblem as problem:
            errors.append(RowError(number, key, str(problem)))
            return None

    def read(self, number: int, cells: Sequence[Any]) -> tuple[_Row | None, list[RowError]]:
        errors: list[RowError] = []
        p = {
            "name": self._parse(number, cells, "nama", _parse_name, errors),
            "sex": self._parse(number, cells, "jenis_kelamin", parse_sex, errors),
            "birth_date": self._parse(number, cells, "tanggal_lahir", self._birth, errors),
            "address": clean_text(self.cell(cells, "alamat")),
            "region_id": self._parse(number, cells, "kode_wilayah", self._region, errors),
            "phone": self._parse(number, cells, "hp", _phone, errors),
        }
        nik = self._parse(number, cells, "nik", nik_text, errors)
        if nik:
            p["nik"] = nik
            try:
                facts = nik_facts(nik, regency_codes=self.regions, today=self.today)
            except ValueProblem as problem:
                errors.append(RowError(number, "nik", str(problem)))
            else:
                if message := nik_disagreement(
                    facts, birth_date=p["birth_date"], sex=p["sex"] or ""
                ):
                    errors.append(RowError(number, "nik", message))
                p["birth_date"] = p["birth_date"] or facts.birth_date
        e = {
            "education": self._parse(number, cells, "pendidikan", parse_education, errors),
            "work_before": self._parse(number, cells, "status_sebelum", parse_work_before, errors),
            "disability": self._parse(number, cells, "disabilitas", parse_disability, errors),
            "completed": self._parse(number, cells, "selesai", parse_yes_no, errors),
            "graduated": self._parse(number, cells, "lulus", parse_yes_no, errors),
            "competent": self._parse(number, cells, "kompeten", parse_yes_no, errors),
            "certificate_number": clean_text(self.cell(cells, "nomor_sertifikat")),
        }
        if e["certificate_number"] and e["competent"] is False:
            errors.append(RowError(number, "nomor_sertifikat", _(
                "Nomor sertifikat diisi, padahal kolom kompeten menyatakan belum kompeten."
            )))  # fmt: skip
        if e["certificate_number"] and e["competent"] is None:
            e["competent"] = True  # a BNSP certificate is only issued to the competent
        if e["graduated"] and e["completed"] is None:
            e["completed"] = True  # nobody graduates without finishing the training
        for key, target, model in (
            ("nama", "name", Alumnus),
            ("alamat", "address", Alumnus),
            ("nomor_sertifikat", "certificate_number", Enrolment),
        ):
            values = p if model is Alumnus else e
            if problem_text := _too_long(model, target, values.get(target)):
                errors.append(RowError(number, key, problem_text))
        if errors:
            return None, errors
        return _Row(number, p, e), []

    def _birth(self, value: Any) -> dt.date | None:
        date = parse_date(value, _("Tanggal lahir"))
        if date is not None and not (self.today.year - 100 <= date.year <= self.today.year - 14):
            raise ValueProblem(
                _("Tanggal lahir %(date)s tidak masuk akal untuk peserta pelatihan.")
                % {"date": date.strftime("%d-%m-%Y")}
            )
        return date

    def _region(self, value: Any) -> str | None:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        if len(text) == 4 and text.isdigit():
            text = f"{text[:2]}.{text[2:]}"
        if text not in self.regions:
            raise ValueProblem(
                _(
                    "Kode wilayah “%(value)s” bukan kode kabupaten/kota Kemendagri "
                    "(contoh: 35.09 untuk Kabupaten Jember)."
                )
                % {"value": clean_text(value)}
            )
        return text


def _phone(value: Any) -> str:
    if clean_text(value) in {"", "-", "0"}:
        return ""
    phone = parse_phone_number(value)
    return phone.e164 if phone else ""


def _columns(labels: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for key, aliases in ALIASES.items():
        for alias in (key.replace("_", " "), *aliases):
            if alias in labels:
                columns[key] = labels.index(alias)
                break
    return columns


def read_trainees(data: bytes, filename: str, today: dt.date) -> tuple[list[_Row], ImportResult]:
    """Read and check every row. Raises UnreadableFile for a file that cannot be used."""
    rows = read_rows(data, filename)
    header = find_header(rows, _REQUIRED_HEADERS)
    reader = _Reader(_columns(header.labels), today)
    result, clean, seen = ImportResult(), [], {}  # type: ignore[var-annotated]
    for number, cells in rows:
        if number <= header.last_row_number or is_blank(cells):
            continue
        result.rows += 1
        row, errors = reader.read(number, cells)
        if row is not None:
            first = seen.setdefault(row.person["nik"], number)
            if first != number:
                row, errors = None, [RowError(number, "nik", _("NIK sama dengan baris %(row)s.")
                                              % {"row": first})]  # fmt: skip
        if row is None:
            result.rejected += 1
            result.errors.extend(errors)
            result.rejected_rows.append(_rejected(reader, cells, errors))
        else:
            clean.append(row)
    if result.rows == 0:
        raise UnreadableFile(_("Berkas tidak berisi baris data di bawah judul kolomnya."))
    return clean, result


def _rejected(reader: _Reader, cells: Sequence[Any], errors: list[RowError]) -> dict[str, Any]:
    row = {key: clean_text(reader.cell(cells, key)) for key in TRAINEE_COLUMNS}
    row["kesalahan"] = "; ".join(f"{e.field}: {e.message}" for e in errors)
    return row


def import_trainees(
    *,
    batch: Batch,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    job: ImportJob | None = None,
) -> ImportResult:
    """Import a trainee list into `batch`. See the module docstring. `created` counts new
    enrolments, `updated` enrolments or records that changed, `unchanged` the rest."""
    clean, result = read_trainees(data, filename, timezone.localdate())
    if dry_run:
        _Writer(batch, actor, None, True).write(clean, result, progress)
        return result
    with transaction.atomic():
        own_job = job is None
        if job is None:
            job = ImportJob.objects.create(
                organisation=batch.organisation, kind=ImportJob.Kind.TRAINEES,
                batch_code=batch.code, cohort=batch.cohort, filename=filename[:200],
                dry_run=False, state=ImportJob.State.RUNNING,
                created_by=actor if getattr(actor, "pk", None) else None,
            )  # fmt: skip
        _Writer(batch, actor, job, False).write(clean, result, progress)
        indicator_services.mark_stale(batch.organisation_id, batch.cohort)
        summary = result.as_dict()
        log_action(
            actor=actor, action="trainees.imported", obj=job, organisation=batch.organisation,
            changes={"file": filename, "batch": batch.own_code, **summary,
                     "errors": len(result.errors)},
        )  # fmt: skip
        if own_job:
            job.state, job.summary, job.finished_at = ImportJob.State.DONE, summary, timezone.now()
            job.save(update_fields=["state", "summary", "finished_at"])
    return result


class _Writer:
    """Upserts trainees by NIK within the BLK and their enrolments in the batch. An empty
    cell never erases what is known."""

    def __init__(self, batch: Batch, actor: Any, job: ImportJob | None, dry_run: bool) -> None:
        self.batch, self.actor, self.job, self.dry_run = batch, actor, job, dry_run
        self.blk = batch.organisation
        self.now = timezone.now()

    def write(self, rows: list[_Row], result: ImportResult, progress: Progress | None) -> None:
        niks = [row.person["nik"] for row in rows]
        people = {a.nik: a for a in Alumnus.objects.filter(organisation=self.blk, nik__in=niks)}
        enrolments = {
            e.alumnus_id: e
            for e in Enrolment.objects.filter(batch=self.batch, alumnus__in=people.values())
        }
        events: list[dict[str, Any]] = []
        for done, row in enumerate(rows, start=1):
            alumnus = people.get(row.person["nik"])
            enrolment = enrolments.get(alumnus.pk) if alumnus is not None else None
            changes = self._person(alumnus, row) if alumnus is not None else {}
            if alumnus is None:
                alumnus = self._new_person(row)
            if enrolment is None:
                result.created += 1
                self._new_enrolment(alumnus, row)
                continue
            changes.update(self._enrolment(enrolment, row))
            if not changes:
                result.unchanged += 1
                continue
            result.updated += 1
            events.append(audit_row(actor=self.actor, action="enrolment.imported",
                                    obj=enrolment, changes=changes))  # fmt: skip
            if progress and done % 200 == 0:
                progress(done, len(rows))
        if progress:
            progress(len(rows), len(rows))
        if not self.dry_run:
            log_actions(events)

    def _person(self, alumnus: Alumnus, row: _Row) -> dict[str, list[Any]]:
        changes = {}
        for name, new in row.person.items():
            if new in ("", None) or getattr(alumnus, name) == new:
                continue
            old = getattr(alumnus, name)
            changes[name.removesuffix("_id")] = [_plain(old), _plain(new)]
            setattr(alumnus, name, new)
        if changes and not self.dry_run:
            alumnus.save()
        return changes

    def _new_person(self, row: _Row) -> Alumnus:
        alumnus = Alumnus(
            organisation=self.blk, cohort=self.batch.cohort, consent=Consent.GIVEN,
            consent_at=self.now, source_import=self.job, **row.person,
        )  # fmt: skip
        if not self.dry_run:
            alumnus.save()
        return alumnus

    def _values(self, row: _Row) -> dict[str, Any]:
        values = {k: v for k, v in row.enrolment.items() if v not in ("", None)}
        for flag, date in (("completed", "completed_on"), ("graduated", "graduated_on"),
                           ("competent", "assessed_on")):  # fmt: skip
            if flag in values:
                values[date] = self.batch.end_date
        if values.get("disability"):
            # The BLK's registration form asked; the officer who uploads vouches for it.
            values["disability_consent_at"] = self.now
        return values

    def _new_enrolment(self, alumnus: Alumnus, row: _Row) -> None:
        if self.dry_run:
            return
        Enrolment.objects.create(
            organisation=self.blk, batch=self.batch, alumnus=alumnus,
            status=Enrolment.Status.ENROLLED, source=Enrolment.Source.IMPORT,
            consent_at=self.now, **self._values(row),
        )  # fmt: skip

    def _enrolment(self, enrolment: Enrolment, row: _Row) -> dict[str, list[Any]]:
        changes = {}
        values = self._values(row)
        values["status"] = Enrolment.Status.ENROLLED  # an imported sign-up is accepted
        for name, new in values.items():
            if name.endswith("_on") or name.endswith("_at"):
                continue  # dates follow their result; set below when the result changed
            if getattr(enrolment, name) != new:
                changes[name] = [_plain(getattr(enrolment, name)), _plain(new)]
                setattr(enrolment, name, new)
                date = {"completed": "completed_on", "graduated": "graduated_on",
                        "competent": "assessed_on"}.get(name)  # fmt: skip
                if date:
                    setattr(enrolment, date, values[date])
                if name == "disability":
                    enrolment.disability_consent_at = self.now
        if changes and not self.dry_run:
            enrolment.save()
        return changes


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
