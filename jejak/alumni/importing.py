"""Import the alumni register from Dapodik's export or Jejak's template, never losing a row.

The file is read and every row checked before anything is written, so a corrupt or wrong
file writes nothing. Valid rows are then upserted by NISN in batches within one transaction
(created, updated, unchanged), so an import that dies midway leaves nothing behind. Each
rejected row is reported with its spreadsheet row number, column and a plain message (in the
active language, Indonesian by default), and can be downloaded as a file to fix and
re-import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus, ImportJob, SchoolClass
from jejak.audit.services import audit_row, log_action, log_actions
from jejak.indicators import services as indicator_services
from jejak.lib.codes import new_codes
from jejak.lib.tabular import Header, UnreadableFile, find_header, is_blank, read_rows
from jejak.lib.values import (
    ValueProblem,
    clean_text,
    parse_class_name,
    parse_date,
    parse_email,
    parse_nik,
    parse_nisn,
    parse_phone_number,
    parse_sex,
)
from jejak.organisations.models import Organisation
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Disability, Region

# Template columns, in order. Each is also the `field` named in error reports.
TEMPLATE_COLUMNS = [
    "nisn", "nama", "jk", "tempat_lahir", "tanggal_lahir", "nik", "rombel", "jurusan",
    "hp", "email", "alamat", "kode_wilayah", "kebutuhan_khusus",
]  # fmt: skip
REJECTS_EXTRA_COLUMN = "kesalahan"

# Header labels (normalised) that mean each template column. Dapodik's names come first.
ALIASES: dict[str, tuple[str, ...]] = {
    "nisn": ("nisn",),
    "nama": ("nama", "nama lengkap", "nama siswa", "nama peserta didik", "nama alumni"),
    "jk": ("jk", "l/p", "jenis kelamin", "kelamin", "sex"),
    "tempat_lahir": ("tempat lahir", "tmp lahir", "tempat"),
    "tanggal_lahir": ("tanggal lahir", "tgl lahir", "tgl lhr", "tanggal lhr"),
    "nik": ("nik", "no nik", "nomor nik", "nik siswa"),
    "rombel": ("rombel saat ini", "rombel", "kelas", "nama rombel"),
    "jurusan": ("jurusan", "konsentrasi keahlian", "kompetensi keahlian", "program keahlian"),
    "hp": ("hp", "no hp", "nomor hp", "no hp/wa", "no wa", "whatsapp", "hp/wa", "no telp hp"),
    "telepon": ("telepon", "telp", "no telp", "no telepon", "nomor telepon"),
    "email": ("e mail", "email", "alamat email"),
    "alamat": ("alamat", "alamat jalan", "alamat lengkap"),
    "rt": ("rt",),
    "rw": ("rw",),
    "dusun": ("dusun",),
    "kelurahan": ("kelurahan", "desa/kelurahan", "kelurahan/desa", "desa"),
    "kecamatan": ("kecamatan",),
    "kode_pos": ("kode pos",),
    "kode_wilayah": ("kode wilayah", "kode kabupaten", "kode kab/kota"),
    "kebutuhan_khusus": ("kebutuhan khusus", "disabilitas", "berkebutuhan khusus"),
}
_REQUIRED_HEADERS = [set(ALIASES["nisn"]), set(ALIASES["nama"])]
BATCH_SIZE = 2000  # rows per bulk write and per progress step


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected_rows: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [error.as_dict() for error in self.errors],
        }


@dataclass
class _Clean:
    """One valid row, ready to write."""

    row: int
    values: dict[str, Any]
    class_label: str = ""


Progress = Callable[[int, int], None]


def _column_map(header: Header) -> dict[str, int]:
    """Template column -> index in the file. Dapodik repeats 'Nama' under Data Ayah etc.;
    a joined label ('data ayah / nama') never matches, so the student's own column wins."""
    columns: dict[str, int] = {}
    for key, aliases in ALIASES.items():
        for alias in aliases:
            if alias in header.labels:
                columns[key] = header.labels.index(alias)
                break
    return columns


class _RowReader:
    """Turns one spreadsheet row into register values, collecting every problem in it."""

    def __init__(self, organisation: Organisation, columns: dict[str, int]) -> None:
        self.organisation = organisation
        self.columns = columns
        self.majors = major_lookup_table()
        self.region_codes = set(Region.objects.values_list("code", flat=True))
        self.disabilities = set(Disability.objects.values_list("code", flat=True))
        self.plan = self._plan()
        self.address_keys = [key for key in _ADDRESS_KEYS if key in columns]
        self.must_have = [columns[key] for key in ("nisn", "nama") if key in columns]
        self._major_cache: dict[str, int | None] = {}

    def cell(self, cells: Sequence[Any], key: str) -> Any:
        index = self.columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def has(self, key: str) -> bool:
        return key in self.columns

    def _plan(self) -> list[tuple[str, int | None, str, Callable[[Any], Any]]]:
        """(column, its index, register field, parser) for each simple column. NISN, name
        and sex are always checked, so a file without them rejects every row clearly."""
        simple = [
            ("nisn", "nisn", parse_nisn),
            ("nama", "name", _parse_name),
            ("jk", "sex", parse_sex),
            ("tempat_lahir", "birth_place", _parse_place),
            ("tanggal_lahir", "birth_date", _parse_birth_date),
            ("nik", "nik", parse_nik),
            ("email", "email", parse_email),
            ("kode_wilayah", "region_id", self._region),
            ("kebutuhan_khusus", "disability", self._disability),
        ]
        return [
            (key, self.columns.get(key), target, parse)
            for key, target, parse in simple
            if key in self.columns or key in {"nisn", "nama", "jk"}
        ]

    def read(self, number: int, cells: Sequence[Any]) -> tuple[_Clean | None, list[RowError]]:
        values: dict[str, Any] = {}
        errors: list[RowError] = []
        width = len(cells)
        for key, index, target, parse in self.plan:
            try:
                values[target] = parse(
                    cells[index] if index is not None and index < width else None
                )
            except ValueProblem as problem:
                errors.append(RowError(number, key, str(problem)))
            else:
                if problem_text := _too_long(Alumnus, target, values[target]):
                    errors.append(RowError(number, key, problem_text))
        self._phone(number, cells, values, errors)
        if self.has("alamat") or self.has("kelurahan"):
            values["address"] = self._address(cells)
        class_label = self._class_and_major(number, cells, values, errors)
        if errors:
            return None, errors
        return _Clean(number, values, class_label), []

    def _phone(
        self, number: int, cells: Sequence[Any], values: dict[str, Any], errors: list[RowError]
    ) -> None:
        for key in ("hp", "telepon"):
            if not self.has(key) or clean_text(self.cell(cells, key)) in {"", "-", "0"}:
                continue
            try:
                phone = parse_phone_number(self.cell(cells, key))
            except ValueProblem as problem:
                errors.append(RowError(number, key, str(problem)))
                return
            values["phone"] = phone.e164 if phone else ""
            return
        if self.has("hp") or self.has("telepon"):
            values["phone"] = ""

    def _address(self, cells: Sequence[Any]) -> str:
        """Dapodik splits the address over several columns; the register keeps one line:
        'Jl. Mawar 3, RT 001/RW 002, Dsn. Krajan, Kel. Kaliwates, Kec. Kaliwates, 68111'."""
        text = {key: clean_text(self.cell(cells, key)) for key in self.address_keys}
        parts = [text.get("alamat", "")]
        if text.get("rt") or text.get("rw"):
            parts.append(f"RT {text.get('rt') or '-'}/RW {text.get('rw') or '-'}")
        for key, prefix in _ADDRESS_PREFIXES:
            if value := text.get(key):
                # Dapodik often writes "Kec. Kaliwates" already; do not say it twice.
                has_prefix = value.lower().startswith(prefix.lower().rstrip(". "))
                parts.append(value if has_prefix else prefix + value)
        parts.append(text.get("kode_pos", ""))
        return ", ".join(part for part in parts if part)

    def _region(self, value: Any) -> str | None:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        if len(text) == 4 and text.isdigit():
            text = f"{text[:2]}.{text[2:]}"
        if text not in self.region_codes or len(text) != 5:
            raise ValueProblem(
                _(
                    "Kode wilayah “%(value)s” bukan kode kabupaten/kota Kemendagri "
                    "(contoh: 35.09 untuk Kabupaten Jember)."
                )
                % {"value": clean_text(value)}
            )
        return text

    def _disability(self, value: Any) -> str:
        text = clean_text(value)
        if text.lower() in {"", "-", "tidak", "tidak ada", "0", "none"}:
            return ""
        codes = []
        for part in text.replace(";", ",").split(","):
            code = part.split("-")[0].strip().upper()
            if code not in self.disabilities:
                raise ValueProblem(
                    _(
                        "Kebutuhan khusus “%(value)s” tidak dikenal; gunakan kode Dapodik "
                        "seperti A (netra), B (rungu), D (daksa)."
                    )
                    % {"value": part.strip()}
                )
            codes.append(code)
        return ",".join(codes)

    def _class_and_major(
        self, number: int, cells: Sequence[Any], values: dict[str, Any], errors: list[RowError]
    ) -> str:
        parsed = parse_class_name(self.cell(cells, "rombel"))
        major_text = clean_text(self.cell(cells, "jurusan"))
        hint = major_text or (parsed.major_hint if parsed else "")
        if hint:
            if hint not in self._major_cache:
                self._major_cache[hint] = find_major_id(hint, self.majors)
            major_id = self._major_cache[hint]
            if major_id is None:
                field_name = "jurusan" if major_text else "rombel"
                errors.append(
                    RowError(
                        number,
                        field_name,
                        _(
                            "Jurusan “%(value)s” tidak dikenal; tulis nama konsentrasi keahlian "
                            "atau singkatannya (misalnya TKJ, RPL, AKL) di kolom jurusan."
                        )
                        % {"value": hint},
                    )
                )
            else:
                values["major_id"] = major_id
        label = parsed.label if parsed else ""
        if problem_text := _too_long(SchoolClass, "name", label):
            errors.append(RowError(number, "rombel", problem_text))
        return label


def _too_long(model: type[Any], field_name: str, value: Any) -> str:
    """The row error for text longer than the register's column holds (SQLite would keep
    it whole; PostgreSQL refuses it and, in one transaction, the whole import); else ''."""
    limit = getattr(model._meta.get_field(field_name), "max_length", None)
    if not isinstance(value, str) or limit is None or len(value) <= limit:
        return ""
    return _("Isinya %(length)s karakter; paling banyak %(limit)s.") % {
        "length": len(value),
        "limit": limit,
    }


_ADDRESS_PREFIXES = (("dusun", "Dsn. "), ("kelurahan", "Kel. "), ("kecamatan", "Kec. "))
_ADDRESS_KEYS = ("alamat", "rt", "rw", "dusun", "kelurahan", "kecamatan", "kode_pos")


def _parse_name(value: Any) -> str:
    name = clean_text(value)
    if not name:
        raise ValueProblem(_("Nama wajib diisi."))
    if any(char.isdigit() for char in name):
        raise ValueProblem(
            _("Nama “%(name)s” berisi angka; periksa apakah kolomnya tertukar.") % {"name": name}
        )
    return name.title() if name.isupper() or name.islower() else name


def _parse_place(value: Any) -> str:
    return clean_text(value).title()[:100]


def _parse_birth_date(value: Any) -> dt.date | None:
    date = parse_date(value, _("Tanggal lahir"))
    if date is None:
        return None
    today = dt.date.today()
    if not (today.year - 80 <= date.year <= today.year - 10):
        raise ValueProblem(
            _("Tanggal lahir %(date)s tidak masuk akal untuk seorang lulusan.")
            % {"date": date.strftime("%d-%m-%Y")}
        )
    return date


def read_file(
    organisation: Organisation, data: bytes, filename: str
) -> tuple[list[_Clean], ImportResult]:
    """Read and check every row. Raises UnreadableFile for a file that cannot be used."""
    rows = read_rows(data, filename)
    header = find_header(rows, _REQUIRED_HEADERS)
    columns = _column_map(header)
    reader = _RowReader(organisation, columns)
    result = ImportResult()
    clean: list[_Clean] = []
    seen_nisn: dict[str, int] = {}
    data_rows = [(n, cells) for n, cells in rows if n > header.last_row_number]
    for number, cells in data_rows:
        # Fast path: a row with a NISN or a name is not blank.
        if not any(i < len(cells) and cells[i] not in (None, "") for i in reader.must_have) and (
            is_blank(cells)
        ):
            continue
        result.rows += 1
        parsed, errors = reader.read(number, cells)
        if parsed is not None:
            first = seen_nisn.setdefault(parsed.values["nisn"], number)
            if first != number:
                message = _("NISN sama dengan baris %(row)s.") % {"row": first}
                errors = [RowError(number, "nisn", message)]
                parsed = None
        if parsed is None:
            result.rejected += 1
            result.errors.extend(errors)
            result.rejected_rows.append(_rejected_row(reader, cells, errors))
        else:
            clean.append(parsed)
    if result.rows == 0:
        raise UnreadableFile(_("Berkas tidak berisi baris data di bawah judul kolomnya."))
    return clean, result


def _rejected_row(reader: _RowReader, cells: Sequence[Any], errors: list[RowError]) -> dict:
    row = {key: clean_text(reader.cell(cells, key)) for key in TEMPLATE_COLUMNS}
    if not row["hp"]:
        row["hp"] = clean_text(reader.cell(cells, "telepon"))
    if reader.has("alamat") or reader.has("kelurahan"):
        row["alamat"] = reader._address(cells)
    # Keep the NISN's leading zeros in the fix-up file even when the cell was a number.
    raw_nisn = reader.cell(cells, "nisn")
    if isinstance(raw_nisn, int | float) and not isinstance(raw_nisn, bool):
        row["nisn"] = clean_text(raw_nisn).zfill(10)
    row[REJECTS_EXTRA_COLUMN] = "; ".join(f"{e.field}: {e.message}" for e in errors)
    return row


def import_alumni(
    *,
    organisation: Organisation,
    cohort: int,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    job: ImportJob | None = None,
) -> ImportResult:
    """Import a register file for one school and cohort. See the module docstring.

    A real run always belongs to an ImportJob (who, when, which file, the counts); records
    it creates point at it, and every update writes an audit event with its changes. A job
    is created here when the caller (the command line) brings none.
    """
    clean, result = read_file(organisation, data, filename)
    if dry_run:
        _write(clean, result, _Upsert(organisation, cohort, actor, job, True), progress)
        return result
    # One transaction: a worker killed midway (or any error) leaves nothing written, and
    # the same file can simply be imported again.
    with transaction.atomic():
        own_job = job is None
        if job is None:
            job = ImportJob.objects.create(
                organisation=organisation, kind=ImportJob.Kind.ALUMNI, cohort=cohort,
                filename=filename[:200], dry_run=False, state=ImportJob.State.RUNNING,
                created_by=actor if getattr(actor, "pk", None) else None,
            )  # fmt: skip
        _write(clean, result, _Upsert(organisation, cohort, actor, job, False), progress)
        indicator_services.mark_stale(organisation.pk, cohort)
        summary = result.as_dict()
        log_action(
            actor=actor,
            action="alumni.imported",
            obj=job,
            organisation=organisation,
            changes={"file": filename, "cohort": cohort, **summary, "errors": len(result.errors)},
        )
        if own_job:
            job.state, job.summary, job.finished_at = ImportJob.State.DONE, summary, timezone.now()
            job.save(update_fields=["state", "summary", "finished_at"])
    return result


def _write(
    clean: list[_Clean], result: ImportResult, writer: _Upsert, progress: Progress | None
) -> None:
    total = len(clean)
    for start in range(0, total, BATCH_SIZE):
        writer.apply(clean[start : start + BATCH_SIZE], result)
        if progress:
            progress(min(start + BATCH_SIZE, total), total)


class _Upsert:
    """Creates or updates alumni by NISN within one school; empty cells never erase data."""

    def __init__(
        self,
        organisation: Organisation,
        cohort: int,
        actor: Any,
        job: ImportJob | None,
        dry_run: bool,
    ) -> None:
        self.organisation = organisation
        self.cohort = cohort
        self.actor = actor
        self.job_id = job.pk if job is not None else None
        self.dry_run = dry_run
        self.known_nisns: dict[str, int] | None = None
        self.classes: dict[str, SchoolClass] = {
            c.name: c for c in SchoolClass.objects.filter(organisation=organisation, cohort=cohort)
        }

    def _existing(self, nisns: list[str]) -> dict[str, Alumnus]:
        """The school's alumni among `nisns`. One cheap query of the school's NISNs first,
        so a first import (nothing to update) loads no model instances at all."""
        if self.known_nisns is None:
            self.known_nisns = dict(
                Alumnus.objects.filter(organisation=self.organisation)
                .exclude(nisn="")
                .values_list("nisn", "pk")
            )
        ids = [self.known_nisns[n] for n in nisns if n in self.known_nisns]
        found: dict[str, Alumnus] = {}
        for start in range(0, len(ids), 500):
            for alumnus in Alumnus.objects.filter(pk__in=ids[start : start + 500]):
                found[alumnus.nisn] = alumnus
        return found

    def _class_for(self, label: str, major_id: int | None) -> SchoolClass | None:
        if not label:
            return None
        school_class = self.classes.get(label)
        if school_class is None:
            school_class = SchoolClass(
                organisation=self.organisation, cohort=self.cohort, name=label, major_id=major_id
            )
            if not self.dry_run:
                school_class.save()
            self.classes[label] = school_class
        return school_class

    def apply(self, batch: list[_Clean], result: ImportResult) -> None:
        existing = self._existing([row.values["nisn"] for row in batch])
        to_create: list[dict[str, Any]] = []
        to_update: list[Alumnus] = []
        events: list[dict[str, Any]] = []
        changed_fields: set[str] = set()
        for row in batch:
            values = dict(row.values)
            values["cohort"] = self.cohort
            school_class = self._class_for(row.class_label, values.get("major_id"))
            if school_class is not None:
                values["school_class_id"] = school_class.pk
            alumnus = existing.get(values["nisn"])
            if alumnus is None:
                to_create.append(values)
                continue
            changes = _apply_changes(alumnus, values)
            if not changes:
                result.unchanged += 1
                continue
            result.updated += 1
            changed_fields.update(changes)
            to_update.append(alumnus)
            events.append(
                audit_row(
                    actor=self.actor,
                    action="alumnus.updated",
                    obj=alumnus,
                    organisation=self.organisation,
                    changes=changes,
                )
            )
        result.created += len(to_create)
        if self.dry_run:
            return
        self._create(to_create)
        if to_update:
            # `changes` is keyed by field name ("major", not "major_id"), as bulk_update wants.
            Alumnus.objects.bulk_update(to_update, sorted(changed_fields | {"updated_at"}))
        log_actions(events)

    def _create(self, rows: list[dict[str, Any]]) -> None:
        # Who created these records, when and from which file is the import job's record;
        # each new alumnus points at it instead of repeating it in its own audit event.
        Alumnus.bulk_create_derived(
            [
                Alumnus(**values, organisation=self.organisation, source_import_id=self.job_id,
                        code=code)
                for values, code in zip(rows, new_codes(len(rows)), strict=True)
            ],
            batch_size=BATCH_SIZE,
        )  # fmt: skip


def _apply_changes(alumnus: Alumnus, values: dict[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name, new in values.items():
        if new in ("", None):
            continue  # an empty cell never erases what the register knows
        old = getattr(alumnus, name)
        if old != new:
            changes[name.removesuffix("_id")] = [_jsonable(old), _jsonable(new)]
            setattr(alumnus, name, new)
    if changes:
        alumnus.updated_at = timezone.now()  # bulk_update skips auto_now
    return changes


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
