"""Provision schools in bulk from a file: npsn, nama, status, kode_wilayah, jurusan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejak.alumni.importing import ImportResult, RowError
from jejak.audit.services import log_action
from jejak.lib.tabular import UnreadableFile, find_header, is_blank, read_rows
from jejak.lib.values import clean_text, is_digits
from jejak.organisations.models import Bkk, Organisation
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Region

SCHOOL_COLUMNS = ["npsn", "nama", "status", "kode_wilayah", "jurusan"]
_ALIASES = {
    "npsn": ("npsn",),
    "nama": ("nama", "nama sekolah", "nama satuan pendidikan"),
    "status": ("status", "status sekolah"),
    "kode_wilayah": ("kode wilayah", "kode kabupaten", "kode kab/kota"),
    "jurusan": ("jurusan", "konsentrasi keahlian", "kompetensi keahlian"),
}


def import_schools(
    *,
    office: Organisation | None,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Create or update SMKs by NPSN. An office may only provision schools in its area."""
    rows = read_rows(data, filename)
    header = find_header(rows, [set(_ALIASES["npsn"]), set(_ALIASES["nama"])])
    columns = {
        key: header.labels.index(alias)
        for key, aliases in _ALIASES.items()
        for alias in reversed(aliases)
        if alias in header.labels
    }
    missing = [key for key in SCHOOL_COLUMNS if key not in columns]
    if missing:
        raise UnreadableFile(
            _("Kolom berikut tidak ada di berkas: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    area = set(office.area_regency_codes()) if office else None
    regions = {r.code: r for r in Region.objects.filter(level=Region.Level.REGENCY)}
    majors = major_lookup_table()
    result = ImportResult()
    valid: list[tuple[dict[str, Any], list[int]]] = []
    for number, cells in rows:
        if number <= header.last_row_number or is_blank(cells):
            continue
        result.rows += 1

        def cell(key: str, cells: list = cells) -> str:
            index = columns[key]
            if key == "jurusan" and index == len(header.labels) - 1:
                # "TKJ;RPL" typed into a `;`-separated CSV without quotes spills into
                # extra cells; they are more majors, not a broken row.
                return ";".join(clean_text(c) for c in cells[index:] if clean_text(c))
            return clean_text(cells[index]) if index < len(cells) else ""

        values, errors = _read_school(number, cell, regions, majors, area)
        if errors:
            result.rejected += 1
            result.errors.extend(errors)
            raw = {key: cell(key) for key in SCHOOL_COLUMNS}
            raw["kesalahan"] = "; ".join(f"{e.field}: {e.message}" for e in errors)
            result.rejected_rows.append(raw)
        else:
            valid.append(values)
    if result.rows == 0:
        raise UnreadableFile(_("Berkas tidak berisi baris data di bawah judul kolomnya."))
    # One transaction: an import that dies midway leaves no school half-provisioned.
    with transaction.atomic():
        _save_all(valid, office, actor, dry_run, result, progress)
    return result


# The school's BKK is named "BKK <school>"; both columns have to hold it (PostgreSQL refuses
# a longer text, failing the whole import).
_NAME_LIMIT = min(
    Organisation._meta.get_field("name").max_length or 0,
    (Bkk._meta.get_field("name").max_length or 0) - len("BKK "),
)


def _save_all(
    valid: list[tuple[dict[str, Any], list[int]]],
    office: Organisation | None,
    actor: Any,
    dry_run: bool,
    result: ImportResult,
    progress: Callable[[int, int], None] | None,
) -> None:
    for index, (values, major_ids) in enumerate(valid, start=1):
        if dry_run:
            # A dry run only says new or existing; it does not diff existing schools.
            if Organisation.objects.filter(npsn=values["npsn"]).exists():
                result.updated += 1
            else:
                result.created += 1
        else:
            _save_school(values, major_ids, office, actor, result)
        if progress and index % 50 == 0:
            progress(index, len(valid))


def _read_school(
    number: int,
    cell: Callable[[str], str],
    regions: dict[str, Region],
    majors: dict[str, int],
    area: set[str] | None,
) -> tuple[Any, list[RowError]]:
    errors = []
    npsn = cell("npsn").lstrip("'")
    if not (is_digits(npsn) and len(npsn) == 8):
        message = _("NPSN “%(npsn)s” harus 8 digit angka.") % {"npsn": npsn}
        errors.append(RowError(number, "npsn", message))
    name = cell("nama")
    if not name:
        errors.append(RowError(number, "nama", _("Nama sekolah wajib diisi.")))
    elif len(name) > _NAME_LIMIT:
        message = _("Isinya %(length)s karakter; paling banyak %(limit)s.") % {
            "length": len(name),
            "limit": _NAME_LIMIT,
        }
        errors.append(RowError(number, "nama", message))
    status = cell("status").lower()
    if status not in {"negeri", "swasta"}:
        errors.append(RowError(number, "status", _("Status harus negeri atau swasta.")))
    code = cell("kode_wilayah").replace(" ", "")
    if len(code) == 4 and is_digits(code):
        code = f"{code[:2]}.{code[2:]}"
    if code not in regions:
        message = _("Kode wilayah “%(code)s” bukan kode kabupaten/kota.") % {"code": code}
        errors.append(RowError(number, "kode_wilayah", message))
    elif area is not None and code not in area:
        message = _("%(region)s di luar wilayah kerja Anda.") % {"region": regions[code].name}
        errors.append(RowError(number, "kode_wilayah", message))
    major_ids = []
    for part in (p.strip() for p in cell("jurusan").replace(",", ";").split(";")):
        if not part:
            continue
        major_id = find_major_id(part, majors)
        if major_id is None:
            message = _("Jurusan “%(major)s” tidak dikenal.") % {"major": part}
            errors.append(RowError(number, "jurusan", message))
        else:
            major_ids.append(major_id)
    values = {"npsn": npsn, "name": name, "status": status, "region": regions.get(code)}
    return (values, major_ids), errors


@transaction.atomic
def _save_school(
    values: dict[str, Any],
    major_ids: list[int],
    office: Organisation | None,
    actor: Any,
    result: ImportResult,
) -> None:
    school = Organisation.objects.filter(npsn=values["npsn"]).first()
    if school is None:
        school = Organisation(kind=Organisation.Kind.SCHOOL, parent_office=office, **values)
        school.save()
        Bkk.objects.create(organisation=school, name=f"BKK {school.name}")
        result.created += 1
        action = "school.provisioned"
    else:
        changed = any(getattr(school, k) != v for k, v in values.items())
        changed |= set(school.majors.values_list("id", flat=True)) != set(major_ids)
        if not changed:
            result.unchanged += 1
            return
        for key, value in values.items():
            setattr(school, key, value)
        school.save()
        result.updated += 1
        action = "school.updated"
    school.majors.set(major_ids)
    log_action(actor=actor, action=action, obj=school, organisation=school)
