"""IPK III, defined once: who counts as a job seeker of a BKK and how the eight tables split
them. Every page, workbook and test reads these definitions from here.

A job seeker of a BKK on a day is one of its alumni whose status that day (their latest
outcome event on or before it) is `mencari_kerja`. Over a period, each alumnus's events are
walked in date order and every change of status is counted once:

- start balance: job seekers on the day before the period starts;
- registered: an event `mencari_kerja` in the period turning a non-seeker into a seeker;
- placed: a placement event (source = placement) in the period for someone who was seeking;
- removed: any other event in the period ending the search (studying, self-employed, work
  found on one's own, ...);
- end balance: job seekers on the last day, which is always start + registered - placed -
  removed, because each counted change moves one person in or out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jejak.bkkreports.periods import Period
from jejak.outcomes.models import Activity, Source

MEASURES = ("start", "registered", "placed", "removed", "end")
SEXES = ("L", "P")
SEX_GROUPS = ("L", "P", "J")  # J = jumlah (both)
UNKNOWN = "-"

MEASURE_LABELS = {
    "start": gettext_lazy("Sisa awal"),
    "registered": gettext_lazy("Terdaftar"),
    "placed": gettext_lazy("Ditempatkan"),
    "removed": gettext_lazy("Dihapuskan"),
    "end": gettext_lazy("Sisa akhir"),
}

DEFINITIONS = [
    gettext_lazy(
        "Pencari kerja: alumni BKK yang status terakhirnya pada hari itu (kejadian terakhir "
        "pada atau sebelum hari itu) adalah mencari kerja."
    ),
    gettext_lazy("Sisa awal: pencari kerja pada hari sebelum periode dimulai."),
    gettext_lazy(
        "Terdaftar: alumni yang menjadi pencari kerja karena kejadian “mencari kerja” yang "
        "dimulai dalam periode."
    ),
    gettext_lazy(
        "Ditempatkan: pencari kerja yang mendapat penempatan BKK (kejadian bersumber "
        "penempatan) dalam periode."
    ),
    gettext_lazy(
        "Dihapuskan: pencari kerja yang statusnya berubah dalam periode selain karena "
        "penempatan BKK (melanjutkan studi, wirausaha, bekerja atas usaha sendiri, dll.)."
    ),
    gettext_lazy("Sisa akhir = sisa awal + terdaftar - ditempatkan - dihapuskan."),
    gettext_lazy(
        "Penempatan (III/5 sampai III/8 dan daftar nama): setiap penempatan BKK yang dimulai "
        "dalam periode, juga bila alumni itu tidak terdaftar sebagai pencari kerja."
    ),
    gettext_lazy(
        "AKL: tempat kerja di provinsi sekolah; AKAD: di provinsi lain; AKAN: di luar negeri "
        "(BKK tidak boleh menempatkan AKAN)."
    ),
]


@dataclass
class Flow:
    """One alumnus's movements as a job seeker within a period."""

    start: int = 0
    registered: int = 0
    placed: int = 0
    removed: int = 0
    end: int = 0


@dataclass(frozen=True)
class Step:
    activity: str
    source: str
    day: dt.date


def is_placement(step: Step) -> bool:
    return step.source == Source.PLACEMENT


def alumnus_flow(steps: Sequence[Step], period: Period) -> Flow:
    """Walk one alumnus's events (in date order) through the period."""
    seeking = False
    for step in steps:
        if step.day >= period.start:
            break
        seeking = step.activity == Activity.LOOKING
    flow = Flow(start=int(seeking))
    for step in steps:
        if step.day < period.start or step.day > period.end:
            continue
        now_seeking = step.activity == Activity.LOOKING
        if now_seeking and not seeking:
            flow.registered += 1
        elif seeking and not now_seeking:
            if is_placement(step):
                flow.placed += 1
            else:
                flow.removed += 1
        seeking = now_seeking
    flow.end = int(seeking)
    return flow


def akl_kind(school_province: str, work_region: str | None, work_country: str) -> str:
    """AKL within the school's province, AKAD in another, AKAN abroad; "" when unknown."""
    country = work_country.strip().lower()
    if country and country not in {"indonesia", "id", "idn", "ri"}:
        return "AKAN"
    if not work_region:
        return ""
    return "AKL" if work_region[:2] == school_province else "AKAD"


# ---- tables -------------------------------------------------------------------------------


def flow_table(
    number: str,
    title: str,
    categories: Sequence[tuple[str, str]],
    flows: Iterable[tuple[str, str, Flow]],
) -> dict[str, Any]:
    """Rows per category; columns: each measure split L, P, J. `flows` = (category, sex, flow)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for category, sex, flow in flows:
        for measure in MEASURES:
            value = getattr(flow, measure)
            counts[(category, measure, sex)] += value
            counts[(category, measure, "J")] += value
    keys = [key for key, _label in categories]
    rows = [
        {"label": label, "values": [counts[(key, m, s)] for m in MEASURES for s in SEX_GROUPS]}
        for key, label in categories
    ]
    total = [sum(counts[(k, m, s)] for k in keys) for m in MEASURES for s in SEX_GROUPS]
    columns = [f"{MEASURE_LABELS[m]} {s}" for m in MEASURES for s in SEX_GROUPS]
    return {"number": number, "title": title, "kind": "flow", "columns": columns,
            "groups": [str(MEASURE_LABELS[m]) for m in MEASURES], "subcolumns": list(SEX_GROUPS),
            "rows": [*rows, {"label": _("Jumlah"), "values": total, "total": True}],
            "no_data": False, "note": ""}  # fmt: skip


def count_table(
    number: str,
    title: str,
    categories: Sequence[tuple[str, str]],
    placements: Iterable[dict[str, Any]],
    key: Callable[[dict[str, Any]], str],
    *,
    with_disability: bool = False,
) -> dict[str, Any]:
    """Placements per category and sex (L, P, J), optionally with the disabled among them."""
    counts: Counter[tuple[str, str]] = Counter()
    disabled: Counter[tuple[str, str]] = Counter()
    for placement in placements:
        category = key(placement)
        for group in (placement["sex"], "J"):
            counts[(category, group)] += 1
            if placement["disability"]:
                disabled[(category, group)] += 1

    def values(category: str) -> list[int]:
        row = [counts[(category, s)] for s in SEX_GROUPS]
        return row + [disabled[(category, s)] for s in SEX_GROUPS] if with_disability else row

    columns = [_("Laki-laki"), _("Perempuan"), _("Jumlah")]
    if with_disability:
        columns += [_("Disabilitas L"), _("Disabilitas P"), _("Disabilitas J")]
    rows: list[dict[str, Any]] = [{"label": label, "values": values(k)} for k, label in categories]
    total = [sum(r["values"][i] for r in rows) for i in range(len(columns))]
    return {"number": number, "title": title, "kind": "count", "columns": columns,
            "rows": [*rows, {"label": _("Jumlah"), "values": total, "total": True}],
            "no_data": False, "note": ""}  # fmt: skip


# ---- vacancies: pluggable ------------------------------------------------------------------

VACANCY_SEXES = (("L", gettext_lazy("Laki-laki")), ("P", gettext_lazy("Perempuan")),
                 ("LP", gettext_lazy("Laki-laki/perempuan")))  # fmt: skip
# A source answers, for a BKK's organisation and a period, {sex wanted: {measure: count}}
# with sex in L / P / LP and the same five measures as job seekers.
VacancySource = Callable[[Any, Period], dict[str, dict[str, int]]]
_vacancy_sources: list[VacancySource] = []


def register_vacancy_source(source: VacancySource) -> VacancySource:
    """The jobs app registers its vacancy counts here (usable as a decorator)."""
    if source not in _vacancy_sources:
        _vacancy_sources.append(source)
    return source


def unregister_vacancy_source(source: VacancySource) -> None:
    if source in _vacancy_sources:
        _vacancy_sources.remove(source)


def vacancy_table(organisation: Any, period: Period) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter()
    for source in _vacancy_sources:
        for sex, measures in source(organisation, period).items():
            for measure, value in measures.items():
                counts[(sex, measure)] += value
    rows: list[dict[str, Any]] = [
        {"label": str(label), "values": [counts[(key, m)] for m in MEASURES]}
        for key, label in VACANCY_SEXES
    ]
    total = [sum(r["values"][i] for r in rows) for i in range(len(MEASURES))]
    return {
        "number": "III/4",
        "title": _("Lowongan menurut jenis kelamin yang dibutuhkan"),
        "kind": "vacancy",
        "columns": [str(MEASURE_LABELS[m]) for m in MEASURES],
        "rows": [*rows, {"label": _("Jumlah"), "values": total, "total": True}],
        "no_data": not _vacancy_sources,
        "note": _("Belum ada data lowongan: angka nol di tabel ini bukan hasil hitungan.")
        if not _vacancy_sources
        else "",
    }
