"""Paper and phone answers in bulk, from the template a school fills in (import_responses).

Same row-level reporting as the register import: every bad row is reported with its
spreadsheet row number, column and a plain message (in the active language, Indonesian by
default), and never stops the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.importing import REJECTS_EXTRA_COLUMN, ImportResult, Progress, RowError
from jejak.alumni.models import Alumnus
from jejak.lib.tabular import Row, find_header, is_blank, read_rows
from jejak.lib.values import ValueProblem, clean_text, parse_date, parse_nisn
from jejak.organisations.models import Organisation
from jejak.privacy.consent import ENDED
from jejak.tracer.instrument import ACTIVITY, CORE_KEYS, check_answers
from jejak.tracer.models import Campaign, Response, SurveyLink
from jejak.tracer.resolvers import database_resolvers
from jejak.tracer.services import link_national_mark, response_save

RESPONSE_COLUMNS = [
    "nisn", "kegiatan", "tanggal_mulai", "nama_instansi", "kbli", "kbji", "kode_wilayah_kerja",
    "formal", "penghasilan", "jam_per_minggu", "keselarasan", "sumber",
    # Added for the meaning of the outcome history (all optional): a second activity held
    # alongside the main one, the first job's start when it is not the current one, the
    # number of job changes, the Sakernas employment status, and the date of the answer.
    "kegiatan_lain", "tanggal_kerja_pertama", "jumlah_pindah_kerja", "status_pekerjaan",
    "tanggal_jawab",
    # Optional: ya/tidak, the alumnus also filled in the national form. A row with only the
    # NISN and this column (no kegiatan) sets the flag and leaves the answers alone.
    "isi_nasional",
]  # fmt: skip
NATIONAL_FLAG = "isi_nasional"
_YES_NO = {"ya": True, "tidak": False}
# Template column -> instrument question, where the names differ.
_RENAMED = {"kbji": "jabatan", "kode_wilayah_kerja": "wilayah_kerja"}
# Paper forms carry less than the web page: only the activity must be there.
_REQUIRED = {ACTIVITY.key}
_SOURCES = {"kertas": Response.Source.PAPER, "telepon": Response.Source.PHONE}


def import_responses(
    *,
    campaign: Campaign,
    data: bytes,
    filename: str,
    actor: Any = None,
    dry_run: bool = False,
    organisation: Organisation | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a file of answers; `organisation` limits it to that school's alumni (a school
    uploading to its region's campaign must not reach another school's alumni)."""
    rows = read_rows(data, filename)
    # One transaction: an import that dies midway leaves no answers behind (a dry run
    # writes nothing anyway).
    with transaction.atomic():
        return _import(campaign, rows, actor, dry_run, organisation, progress)


def _import(
    campaign: Campaign,
    rows: list[Row],
    actor: Any,
    dry_run: bool,
    organisation: Organisation | None,
    progress: Progress | None,
) -> ImportResult:
    header = find_header(rows, [{"nisn"}, {"kegiatan"}])
    labels = [label.replace(" ", "_") for label in header.labels]
    campaign_links = SurveyLink.objects.filter(campaign=campaign)
    if organisation is not None:
        campaign_links = campaign_links.filter(organisation=organisation)
    links = dict(campaign_links.values_list("alumnus__nisn", "alumnus_id"))
    alumni = Alumnus.objects.in_bulk(list(links.values()))
    existing = {r.alumnus_id: r.answers for r in Response.objects.filter(campaign=campaign)}
    link_of = {link.alumnus_id: link for link in campaign_links}
    result = ImportResult()
    total = len(rows) - header.last_row_number
    for number, cells in rows:
        if progress is not None and number % 200 == 0:
            progress(number - header.last_row_number, total)
        if number <= header.last_row_number or is_blank(cells):
            continue
        result.rows += 1
        values = {labels[i]: cells[i] for i in range(min(len(labels), len(cells))) if labels[i]}
        errors, alumnus_id, raw, source = _read_row(number, values, links)
        answered_at = _answered_at(number, values.get("tanggal_jawab"), errors)
        flag = _national_flag(number, values.get(NATIONAL_FLAG), errors)
        if flag is not None and is_blank([values.get(ACTIVITY.key)]):
            link = None if alumnus_id is None else link_of.get(alumnus_id)
            _flag_only(result, number, values, errors, link, flag, actor, dry_run)
            continue
        # Check the answers too, so one pass reports every problem in the row.
        checked = check_answers(
            raw, extra=campaign.extra_questions, resolvers=database_resolvers(), required=_REQUIRED
        )
        errors += [RowError(number, _column(key), msg) for key, msg in checked.errors.items()]
        if alumnus_id is not None and alumni[alumnus_id].consent in ENDED:
            errors.append(RowError(number, "nisn", _(
                "Alumni ini menolak atau menarik persetujuan datanya; jawaban tidak disimpan."
            )))  # fmt: skip
        if errors:
            result.rejected += 1
            result.errors.extend(errors)
            result.rejected_rows.append(_rejected_row(values, errors))
            continue
        assert alumnus_id is not None
        link = link_of[alumnus_id]
        flag_changes = flag is not None and link.national_filled != flag
        if flag_changes and not dry_run:
            link_national_mark(link=link, filled=bool(flag), actor=actor, via="import")
        before = existing.get(alumnus_id)
        if before == checked.answers:
            result.updated += flag_changes
            result.unchanged += not flag_changes
            continue
        if before is None:
            result.created += 1
        else:
            result.updated += 1
        if not dry_run:
            response_save(
                campaign=campaign, alumnus=alumni[alumnus_id], raw=raw, submit=True,
                source=source, entered_by=actor, required=_REQUIRED, reported_at=answered_at,
            )  # fmt: skip
    if progress is not None:
        progress(total, total)
    return result


def _national_flag(number: int, value: Any, errors: list[RowError]) -> bool | None:
    """The `isi_nasional` column: True/False, or None when the cell is empty."""
    text = clean_text(value).lower()
    if not text:
        return None
    if text not in _YES_NO:
        errors.append(RowError(number, NATIONAL_FLAG, _(
            "Isi “ya” atau “tidak” (sudah mengisi formulir nasional), bukan “%(text)s”."
        ) % {"text": clean_text(value)}))  # fmt: skip
        return None
    return _YES_NO[text]


def _flag_only(
    result: ImportResult,
    number: int,
    values: dict[str, Any],
    errors: list[RowError],
    link: SurveyLink | None,
    flag: bool,
    actor: Any,
    dry_run: bool,
) -> None:
    """A row that only says whether the alumnus filled in the national form."""
    if errors or link is None:
        result.rejected += 1
        result.errors.extend(errors)
        result.rejected_rows.append(_rejected_row(values, errors))
        return
    if link.national_filled == flag:
        result.unchanged += 1
        return
    result.updated += 1
    if not dry_run:
        link_national_mark(link=link, filled=flag, actor=actor, via="import")


def _answered_at(number: int, value: Any, errors: list[RowError]) -> dt.datetime | None:
    """When the paper or phone answer was given (the start of that day, local time): the
    report's time that orders it against other reports. None: the import's own time."""
    try:
        day = parse_date(value, "tanggal_jawab")
    except ValueProblem as problem:
        errors.append(RowError(number, "tanggal_jawab", str(problem)))
        return None
    if day is None:
        return None
    if day > timezone.localdate():
        errors.append(
            RowError(number, "tanggal_jawab", _("Tanggal jawab tidak boleh di masa depan."))
        )
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _rejected_row(values: dict[str, Any], errors: list[RowError]) -> dict[str, Any]:
    row = {column: clean_text(values.get(column)) for column in RESPONSE_COLUMNS}
    raw_nisn = values.get("nisn")
    if isinstance(raw_nisn, int | float) and not isinstance(raw_nisn, bool):
        row["nisn"] = clean_text(raw_nisn).zfill(10)  # keep the leading zeros Excel dropped
    row[REJECTS_EXTRA_COLUMN] = "; ".join(f"{e.field}: {e.message}" for e in errors)
    return row


def _column(key: str) -> str:
    reverse = {question: column for column, question in _RENAMED.items()}
    return reverse.get(key, key)


def _read_row(
    number: int, values: dict[str, Any], links: dict[str, int]
) -> tuple[list[RowError], int | None, dict[str, Any], str]:
    errors: list[RowError] = []
    alumnus_id = None
    try:
        nisn = parse_nisn(values.get("nisn"))
        alumnus_id = links.get(nisn)
        if alumnus_id is None:
            message = _("NISN %(nisn)s tidak ada dalam kampanye ini.") % {"nisn": nisn}
            errors.append(RowError(number, "nisn", message))
    except ValueProblem as problem:
        errors.append(RowError(number, "nisn", str(problem)))
    source = clean_text(values.get("sumber")).lower() or "kertas"
    if source not in _SOURCES:
        errors.append(RowError(number, "sumber", _("Sumber harus kertas atau telepon.")))
    raw: dict[str, Any] = {}
    for column, value in values.items():
        key = _RENAMED.get(column, column)
        if key in CORE_KEYS or key.startswith("x_"):
            raw[key] = value
    region = clean_text(values.get("kode_wilayah_kerja"))
    if region.lower().startswith("negara"):
        country = clean_text(values.get("negara_kerja")) or region[6:].strip(" :-") or "?"
        raw["wilayah_kerja"] = f"luar negeri {country}"
    if isinstance(raw.get("keselarasan"), float):
        raw["keselarasan"] = str(int(raw["keselarasan"]))
    return errors, alumnus_id, raw, _SOURCES.get(source, Response.Source.PAPER)
