"""Build one BKK's IPK III report for a period from its job-seeker and vacancy register, as
plain JSON, with the by-name list of placements from the outcome history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.bkkreports import figures, ipk, ipk_display
from jejak.bkkreports.periods import Period
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent, Source
from jejak.reference.disability import has_disability
from jejak.reference.models import Major

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500

PLACED_COLUMNS = [
    "nama", "nisn", "jenis_kelamin", "jurusan", "alamat", "tempat_kerja", "kbli", "kbji",
    "wilayah_kerja", "akl_akad_akan", "tanggal_mulai", "upah",
]  # fmt: skip
PLACED_TEXT_COLUMNS = ("nisn", "kbli", "kbji")


def _no_progress(done: int, total: int) -> None:
    return None


def program_names() -> dict[int, str]:
    """Major id -> its Program Keahlian name (a Konsentrasi reports under its Program)."""
    names = {}
    for major in Major.objects.select_related("parent"):
        program = major.parent if major.level == Major.Level.CONCENTRATION else major
        names[major.pk] = program.name if program else major.name
    return names


def placements(organisation: Organisation, period: Period) -> list[dict[str, Any]]:
    """Every placement event starting in the period, as the by-name list shows it."""
    programs = program_names()
    events = (
        OutcomeEvent.objects.filter(
            organisation=organisation,
            source=Source.PLACEMENT,
            start_date__gte=period.start,
            start_date__lte=period.end,
        )
        .select_related("alumnus", "work_region")
        .order_by("start_date", "alumnus__name", "pk")
    )
    rows = []
    for event in events:
        alumnus = event.alumnus
        occupation = (event.occupation_id or "")[:1]
        rows.append({
            "nama": alumnus.name, "nisn": alumnus.nisn, "jenis_kelamin": alumnus.sex,
            "jurusan": programs.get(alumnus.major_id or 0, ""), "alamat": alumnus.address,
            "tempat_kerja": event.employer, "kbli": event.industry_id or "",
            "kbji": occupation,
            "wilayah_kerja": event.work_region.name if event.work_region else event.work_country,
            "akl_akad_akan": ipk.akl_kind(
                organisation.province_code, event.work_region_id, event.work_country
            ),
            "tanggal_mulai": event.start_date.isoformat(), "upah": event.income,
            "sex": alumnus.sex, "disability": has_disability(alumnus.disability),
            "formal": event.formal,
        })  # fmt: skip
    return rows


def build_report(
    organisation: Organisation, period: Period, progress: Progress = _no_progress
) -> dict[str, Any]:
    """The whole report as JSON: what a submission freezes. `figures` holds the eight
    tables in the command-line contract's shape (chained to the previous submitted period),
    `tables` the same laid out as the forms print them."""
    progress(0, 2)
    tables, corrections = figures.chained_tables(organisation, period)
    progress(1, 2)
    placed = placements(organisation, period)
    progress(2, 2)
    return {
        "organisation": {"name": organisation.name, "npsn": organisation.npsn,
                         "region": organisation.region.name},
        "period": {"kind": period.kind, "key": period.key, "label": period.label,
                   "start": period.start.isoformat(), "end": period.end.isoformat()},
        "generated_at": timezone.now().isoformat(),
        "definitions": [str(d) for d in ipk.DEFINITIONS],
        "figures": tables,
        "tables": ipk_display.layouts(tables),
        "corrections": corrections,
        "corrected_rows": [c for c in corrections if "table" in c],
        "changed_records": [c for c in corrections if "record" in c],
        "placed": [{c: p[c] for c in PLACED_COLUMNS} for p in placed],
        "warnings": warnings(placed, tables),
    }  # fmt: skip


def warnings(placed: list[dict[str, Any]], tables: figures.Tables) -> list[str]:
    """What the labour office would query: a BKK may not place abroad (Permenaker 39/2016),
    and the tables must balance."""
    found = []
    abroad = [p["nama"] for p in placed if p["akl_akad_akan"] == "AKAN"]
    if abroad:
        found.append(
            _("BKK tidak boleh menempatkan ke luar negeri (AKAN), tetapi tercatat: %(names)s.")
            % {"names": ", ".join(abroad)}
        )
    unbalanced = ipk.balance_problems(tables)
    if unbalanced:
        found.append(_("Tabel tidak seimbang: %(rows)s.") % {"rows": ", ".join(unbalanced)})
    return found
