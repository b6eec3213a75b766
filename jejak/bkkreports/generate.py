"""Build one BKK's IPK III report for a period from the outcome history, as plain JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.bkkreports import ipk
from jejak.bkkreports.periods import Period
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent, Source
from jejak.reference.disability import has_disability
from jejak.reference.models import Industry, Major, Occupation

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


def _steps(organisation: Organisation, period: Period) -> Iterator[tuple[int, list[ipk.Step]]]:
    events = (
        OutcomeEvent.objects.filter(organisation=organisation, start_date__lte=period.end)
        .order_by("alumnus_id", "start_date", "recorded_at", "pk")
        .values_list("alumnus_id", "activity", "source", "start_date")
        .iterator(chunk_size=5000)
    )
    for alumnus_id, rows in groupby(events, key=lambda row: row[0]):
        yield alumnus_id, [ipk.Step(activity, source, day) for _id, activity, source, day in rows]


def seeker_tables(
    organisation: Organisation, period: Period, progress: Progress = _no_progress
) -> list[dict[str, Any]]:
    """III/1 to III/3: job seekers by sex, education level and major."""
    people: dict[int, dict[str, Any]] = {
        row["pk"]: dict(row)
        for row in Alumnus.objects.filter(organisation=organisation).values("pk", "sex", "major_id")
    }
    programs = program_names()
    level = _("SMK") if organisation.kind == Organisation.Kind.SCHOOL else _("Tidak tercatat")
    flows: list[tuple[dict[str, Any], ipk.Flow]] = []
    for index, (alumnus_id, steps) in enumerate(_steps(organisation, period), start=1):
        flow = ipk.alumnus_flow(steps, period)
        if alumnus_id in people and any(getattr(flow, m) for m in ipk.MEASURES):
            flows.append((people[alumnus_id], flow))
        if index % PROGRESS_EVERY == 0:
            progress(index, len(people))
    progress(len(people), len(people))
    majors = sorted({programs.get(p["major_id"], _("Tidak tercatat")) for p, _f in flows})
    major_of = {pk: programs.get(p["major_id"], _("Tidak tercatat")) for pk, p in people.items()}
    return [
        ipk.flow_table("III/1", _("Pencari kerja menurut jenis kelamin"),
                       [("all", _("Pencari kerja"))],
                       (("all", p["sex"], f) for p, f in flows)),
        ipk.flow_table("III/2", _("Pencari kerja menurut tingkat pendidikan"),
                       [(level, level)], ((level, p["sex"], f) for p, f in flows)),
        ipk.flow_table("III/3", _("Pencari kerja menurut jurusan (Program Keahlian)"),
                       [(m, m) for m in majors] or [("-", _("Tidak ada"))],
                       ((major_of[p["pk"]], p["sex"], f) for p, f in flows)),
    ]  # fmt: skip


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


def placement_tables(placed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """III/5 to III/8: placements by KBJI major group, KBLI section, formality and AKL/AKAD."""
    unknown = [(ipk.UNKNOWN, _("Tidak tercatat"))]
    groups = [(o.code, f"{o.code} {o.name}") for o in Occupation.objects.filter(parent=None)]
    sections = [(i.code, f"{i.code} {i.name}") for i in Industry.objects.all()]
    formality = [("formal", _("Formal")), ("informal", _("Informal")), *unknown]
    kinds = [("AKL", "AKL"), ("AKAD", "AKAD"), ("AKAN", "AKAN"), *unknown]

    def formal_key(p: dict[str, Any]) -> str:
        return ipk.UNKNOWN if p["formal"] is None else ("formal" if p["formal"] else "informal")

    return [
        ipk.count_table("III/5", _("Penempatan menurut golongan pokok jabatan (KBJI 2014)"),
                        groups + unknown, placed, lambda p: p["kbji"] or ipk.UNKNOWN),
        ipk.count_table("III/6", _("Penempatan menurut lapangan usaha (KBLI 2020)"),
                        sections + unknown, placed, lambda p: p["kbli"] or ipk.UNKNOWN),
        ipk.count_table("III/7", _("Penempatan menurut sifat pekerjaan (formal/informal)"),
                        formality, placed, formal_key, with_disability=True),
        ipk.count_table("III/8", _("Penempatan menurut AKL/AKAD/AKAN"), kinds, placed,
                        lambda p: p["akl_akad_akan"] or ipk.UNKNOWN),
    ]  # fmt: skip


def build_report(
    organisation: Organisation, period: Period, progress: Progress = _no_progress
) -> dict[str, Any]:
    """The whole report as JSON: what a submission freezes."""
    placed = placements(organisation, period)
    tables = [
        *seeker_tables(organisation, period, progress),
        ipk.vacancy_table(organisation, period),
        *placement_tables(placed),
    ]
    return {
        "organisation": {"name": organisation.name, "npsn": organisation.npsn,
                         "region": organisation.region.name},
        "period": {"kind": period.kind, "key": period.key, "label": period.label,
                   "start": period.start.isoformat(), "end": period.end.isoformat()},
        "generated_at": timezone.now().isoformat(),
        "definitions": [str(d) for d in ipk.DEFINITIONS],
        "tables": tables,
        "placed": [{c: p[c] for c in PLACED_COLUMNS} for p in placed],
        "warnings": warnings(placed),
    }  # fmt: skip


def warnings(placed: list[dict[str, Any]]) -> list[str]:
    """What the labour office would query: a BKK may not place abroad (Permenaker 39/2016)."""
    abroad = [p["nama"] for p in placed if p["akl_akad_akan"] == "AKAN"]
    if not abroad:
        return []
    return [
        _("BKK tidak boleh menempatkan ke luar negeri (AKAN), tetapi tercatat: %(names)s.")
        % {"names": ", ".join(abroad)}
    ]
