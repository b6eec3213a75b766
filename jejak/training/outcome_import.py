"""Import what a batch's trainees did after training, from the spreadsheet a BLK keeps.

Columns (the command-line contract): nik, kegiatan, tanggal_mulai, nama_instansi, kbli, kbji,
kode_wilayah_kerja, penghasilan, sumber. Each row adds one dated event to the trainee's
outcome history (`outcomes.OutcomeEvent`), the same history the tracer and the job exchange
write, so a later outcome supersedes an earlier one from its start date. A row is keyed by
trainee, activity, start date and employer: importing the same file again changes nothing.
The NIK must belong to a trainee of the batch (import_trainees first). The workplace may be
blank: informal work often has none, and a blank one is not a reason to lose the outcome.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jejak.audit.services import log_action
from jejak.lib.nik import nik_text
from jejak.lib.sheet_rows import (
    Progress,
    RowImport,
    RowProblems,
    RowRefused,
    RowResult,
    SheetRow,
    run_import,
)
from jejak.lib.values import ValueProblem, clean_text, parse_date, parse_rupiah
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.reference.coding import parse_kbji, parse_kbli, parse_regency
from jejak.reference.models import Industry, Occupation, Region
from jejak.training.models import Batch, Enrolment

COLUMNS = [
    "nik", "kegiatan", "tanggal_mulai", "nama_instansi", "kbli", "kbji", "kode_wilayah_kerja",
    "penghasilan", "sumber",
]  # fmt: skip
ALIASES = {
    "kegiatan": ("status", "kegiatan setelah pelatihan", "aktivitas"),
    "tanggal_mulai": ("tgl mulai", "mulai"),
    "nama_instansi": ("instansi", "perusahaan", "tempat kerja", "nama usaha"),
    "kode_wilayah_kerja": ("kode wilayah", "lokasi kerja"),
    "penghasilan": ("gaji", "pendapatan"),
}

# kegiatan -> (activity, formal, Sakernas employment status). Formal work is an employee with
# a contract (buruh/karyawan); informal work's exact Sakernas category (own-account, casual,
# family) is not in the file, so it stays "" rather than guessed.
KEGIATAN = {
    "formal": (Activity.WORKING, True, "buruh"),
    "informal": (Activity.WORKING, False, ""),
    "wirausaha": (Activity.SELF_EMPLOYED, None, ""),
    "pelatihan_lanjut": (Activity.COURSE, None, ""),
    "mencari_kerja": (Activity.LOOKING, None, ""),
}
_KEGIATAN_ALIASES = {
    "bekerja formal": "formal", "bekerja informal": "informal", "usaha": "wirausaha",
    "berwirausaha": "wirausaha", "pelatihan lanjut": "pelatihan_lanjut",
    "kursus": "pelatihan_lanjut",
    "mencari kerja": "mencari_kerja", "belum bekerja": "mencari_kerja",
}  # fmt: skip
# sumber -> how the outcome reached the BLK; anything else is recorded as an import.
_SOURCES = {
    "alumni": Source.SELF_REPORTED, "peserta": Source.SELF_REPORTED, "survei": Source.SELF_REPORTED,
    "telepon": Source.BKK, "bkk": Source.BKK, "petugas": Source.BKK, "kunjungan": Source.BKK,
    "penempatan": Source.PLACEMENT,
}  # fmt: skip


def parse_kegiatan(value: Any) -> str:
    """One of the contract's kegiatan codes; ValueProblem naming the allowed ones."""
    text = clean_text(value).lower().replace("-", "_")
    text = _KEGIATAN_ALIASES.get(text.replace("_", " "), text)
    if text in KEGIATAN:
        return text
    if not text:
        raise ValueProblem(_("Kegiatan wajib diisi."))
    raise ValueProblem(
        _("Kegiatan “%(value)s” tidak dikenal; isi salah satu: %(allowed)s.")
        % {"value": clean_text(value), "allowed": ", ".join(KEGIATAN)}
    )


def _source(value: Any) -> str:
    text = clean_text(value).lower()
    return next((source for word, source in _SOURCES.items() if word in text), Source.IMPORT)


class _Reader:
    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.regions = set(Region.objects.values_list("code", flat=True))

    def read(self, row: SheetRow) -> tuple[dict[str, Any] | None, RowProblems]:
        check = RowProblems(row)
        kegiatan = check.check("kegiatan", parse_kegiatan)
        start = check.check("tanggal_mulai", lambda v: parse_date(v, _("Tanggal mulai")))
        if start is None and not check.errors_for("tanggal_mulai"):
            check.add("tanggal_mulai", _("Tanggal mulai wajib diisi."))
        kbli = check.check("kbli", parse_kbli) or ("", "")
        values = {
            "nik": check.check("nik", nik_text), "kegiatan": kegiatan, "start_date": start,
            "employer": row.text("nama_instansi")[:200], "section": kbli[1],
            "kbji": check.check("kbji", parse_kbji) or "",
            "region": check.check("kode_wilayah_kerja",
                                  lambda v: parse_regency(v, self.regions)) or None,
            "income": check.check("penghasilan", lambda v: parse_rupiah(v, _("Penghasilan"))),
            "source": _source(row.cells.get("sumber")),
        }  # fmt: skip
        return (None if check.errors else values), check


def import_training_outcomes(
    *,
    batch: Batch,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RowResult:
    """Add the outcomes in the file to the histories of `batch`'s trainees, all rows or
    none of them being written in one transaction. Raises UnreadableFile. The command and
    the batch page's upload (an `ImportJob` of kind OUTCOMES) both come here."""
    trainees = dict(
        Enrolment.objects.filter(batch=batch, status=Enrolment.Status.ENROLLED)
        .select_related("alumnus")
        .values_list("alumnus__nik", "alumnus")
    )

    def write(values: dict[str, Any]) -> str:
        alumnus_id = trainees.get(values["nik"])
        if alumnus_id is None:
            message = _("NIK %(nik)s bukan peserta gelombang %(batch)s; impor dulu pesertanya.") % {
                "nik": values["nik"],
                "batch": batch.own_code,
            }
            raise RowRefused("nik", message)
        return _write(batch, alumnus_id, values, actor)

    def audit(result: RowResult) -> None:
        log_action(
            actor=actor, action="training.outcomes_imported", obj=batch,
            organisation=batch.organisation,
            changes={"file": filename, **result.as_dict(), "errors": len(result.errors)},
        )  # fmt: skip

    required = ["nik", "kegiatan", "tanggal_mulai"]
    spec = RowImport(COLUMNS, ALIASES, required, _Reader(batch).read, writer=lambda: write)
    return run_import(spec, data, filename, dry_run=dry_run, progress=progress, audit=audit)


def _write(batch: Batch, alumnus_id: int, values: dict[str, Any], actor: Any) -> str:
    activity, formal, employment = KEGIATAN[values["kegiatan"]]
    existing = OutcomeEvent.objects.filter(
        alumnus_id=alumnus_id, activity=activity, start_date=values["start_date"],
        employer=values["employer"],
    )  # fmt: skip
    if activity == Activity.WORKING:
        existing = existing.filter(formal=formal)
    if existing.exists():
        return "unchanged"
    OutcomeEvent.objects.create(
        organisation=batch.organisation, alumnus_id=alumnus_id, activity=activity,
        start_date=values["start_date"], source=values["source"], employer=values["employer"],
        industry=Industry.objects.filter(pk=values["section"]).first() if values["section"]
        else None,
        occupation=Occupation.objects.filter(pk=values["kbji"]).first() if values["kbji"]
        else None,
        work_region_id=values["region"], formal=formal, employment_status=employment,
        income=values["income"], recorded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    return "created"
