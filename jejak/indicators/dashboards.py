"""What the dashboard pages show, built from rollups: figure rows with their definitions,
splits with names, the office's sortable table with peer benchmarks, a school's standing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.models import SchoolClass
from jejak.indicators import charts
from jejak.indicators.compute import figures as compute_figures
from jejak.indicators.compute import tally_rows
from jejak.indicators.definitions import DEFINITIONS, LABELS, higher_is_better
from jejak.indicators.models import Split
from jejak.indicators.reading import load_rows, umk_lookup
from jejak.indicators.selectors import (
    benchmark,
    freshness,
    position,
    school_figures,
    side,
    total_figures,
    trend,
    value_of,
)
from jejak.organisations.models import Organisation
from jejak.reference.models import Major, Region

FIGURE_ORDER = [
    "cohort_size", "participation_rate", "knowledge_rate", "bmw_rate", "penyerapan_rate",
    "working_rate",
    "studying_rate", "selfemployed_rate", "course_rate", "looking_rate", "keselarasan_rate",
    "median_wait_months", "job_within_6m_rate", "job_within_12m_rate",
    "income_at_or_above_umk_rate",
]  # fmt: skip
# Columns of the office table and of peer benchmarks (all sortable).
COLUMNS = [
    "cohort_size", "participation_rate", "knowledge_rate", "bmw_rate", "working_rate",
    "looking_rate", "keselarasan_rate", "median_wait_months", "job_within_6m_rate",
    "income_at_or_above_umk_rate",
]  # fmt: skip
SPLIT_COLUMNS = ["cohort_size", "knowledge_rate", "bmw_rate", "working_rate", "looking_rate",
                 "keselarasan_rate", "median_wait_months"]  # fmt: skip
TREND_SERIES = ["participation_rate", "knowledge_rate", "bmw_rate"]


def default_cohort(cohorts: Sequence[int], today: dt.date | None = None) -> int:
    """The latest cohort whose one-year reference date has passed, else the latest one."""
    today = today or timezone.localdate()
    passed = [c for c in cohorts if dt.date(c + 1, 6, 1) <= today]
    return max(passed or cohorts or [today.year - 1])


def figure_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures in page order, each with its label and the definition it uses."""
    rows = []
    for name in FIGURE_ORDER:
        value = result.get(name)  # rollups stored before a figure existed lack it
        rows.append({
            "name": name, "label": LABELS[name], "definition": DEFINITIONS[name],
            "rate": value if isinstance(value, dict) else None,
            "plain": None if isinstance(value, dict) else value,
            "note": figure_note(result, name),
        })  # fmt: skip
    return rows


ABSORPTION_FIGURES = ("bmw_rate", "penyerapan_rate")


def absorption_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Jejak's BMW rate and the quality report's absorption figure, side by side, each with
    its definition (same numerator, different denominator)."""
    return [row for row in figure_rows(result) if row["name"] in ABSORPTION_FIGURES]


def figure_note(result: dict[str, Any], name: str) -> str:
    """What a figure was measured against, where that varies: for the income figure, the
    kind (UMK/UMP) and year of the minimum wage used; '' for other figures."""
    if name != "income_at_or_above_umk_rate":
        return ""
    bases = (result.get(name) or {}).get("minimum_wages") or []
    if not bases:
        return _("Tidak ada UMK/UMP untuk tahun ini.") if result.get("income_without_umk") else ""
    if len(bases) == 1:
        only = bases[0]
        if only["kind"] == "UMP":
            return _(
                "Dibandingkan dengan UMP %(year)s provinsi tempat kerja (tidak ada UMK yang "
                "berlaku di kabupaten/kota itu)."
            ) % {"year": only["year"]}
        return _("Dibandingkan dengan UMK %(year)s yang berlaku.") % {"year": only["year"]}
    used = ", ".join(_("%(kind)s %(year)s untuk %(count)s alumni") % base for base in bases)
    return _("Dibandingkan dengan upah minimum yang berlaku: %(used)s.") % {"used": used}


def _split_labels(split: str, values: Sequence[str]) -> dict[str, str]:
    ids = [int(v) for v in values if v.isdigit()]
    if split == Split.MAJOR:
        names = {str(m.pk): str(m) for m in Major.objects.filter(pk__in=ids)}
    elif split == Split.CLASS:
        names = {str(c.pk): c.name for c in SchoolClass.objects.filter(pk__in=ids)}
    elif split == Split.SEX:
        names = {"L": _("Laki-laki"), "P": _("Perempuan")}
    else:
        names = {"yes": _("Penyandang disabilitas"), "no": _("Tanpa disabilitas")}
    return {v: names.get(v, _("Tidak diisi")) for v in values}


def splits(
    fetch: Callable[[str], dict[str, dict]], *, with_classes: bool = True
) -> list[dict[str, Any]]:
    """Per split kind: a named row per value, and a bar chart of its BMW rate.

    `fetch(split)` gives the figures per split value (a school's, or an area's).
    """
    sections = []
    kinds = [
        (Split.MAJOR, _("Per jurusan")),
        (Split.CLASS, _("Per rombel")),
        (Split.SEX, _("Per jenis kelamin")),
        (Split.DISABILITY, _("Per disabilitas")),
    ]
    for split, title in kinds if with_classes else [kinds[0], *kinds[2:]]:  # fmt: skip
        found = fetch(split)
        names = _split_labels(split, list(found))
        rows: list[dict[str, Any]] = sorted(
            ({"label": names[v], "figures": f} for v, f in found.items()),
            key=lambda r: str(r["label"]),
        )
        chart = charts.bar_chart(
            [(str(r["label"]), value_of(r["figures"], "bmw_rate")) for r in rows],
            title=_("Tingkat BMW %(split)s") % {"split": title.lower()},
            desc=_("Batang per kelompok; angka yang sama ada di tabel di bawahnya."),
        )
        sections.append({"split": split, "title": title, "rows": rows, "chart": chart})
    return sections


def trend_context(schools: Sequence[Organisation], cohorts: Sequence[int]) -> dict[str, Any]:
    points = trend(schools, cohorts)
    labels = [str(c) for c, _f in points]
    series = {str(LABELS[n]): [value_of(f, n) for _c, f in points] for n in TREND_SERIES}
    chart = charts.line_chart(
        labels, series, title=_("Tren per angkatan"),
        desc=_("Partisipasi, keterlacakan dan BMW per angkatan; angkanya ada di tabel."),
    )  # fmt: skip
    return {"points": points, "chart": chart, "series_names": TREND_SERIES}


def live_figures(school: Organisation, cohort: int, as_of: dt.date) -> dict[str, Any]:
    """A chosen reference date is computed from raw rows (one school: a few queries)."""
    return compute_figures(tally_rows(load_rows([school], cohort, as_of), umk_lookup()))


def peer_standing(school: Organisation, cohort: int) -> dict[str, Any]:
    """Where a school stands among similar schools (same regency and status), no names."""
    peers = list(
        Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, region_id=school.region_id, status=school.status
        )
    )
    waiting = freshness(peers, cohort)
    results = [*school_figures([p.pk for p in peers], cohort).values()]
    own = total_figures([school.pk], cohort)
    rows = []
    for name in COLUMNS[1:]:
        bench = benchmark([value_of(r, name) for r in results])
        mine = value_of(own, name)
        rank = _rank(mine, [value_of(r, name) for r in results], name)
        rows.append({"name": name, "label": LABELS[name], "bench": bench, "mine": mine,
                     "position": position(mine, bench, higher_is_better(name)),
                     "side": side(mine, bench), "rank": rank,
                     "lower_is_better": not higher_is_better(name)})  # fmt: skip
    return {"rows": rows, "count": len(peers), "waiting": waiting}


def _rank(value: float | None, values: Sequence[float | None], name: str) -> str:
    """1 is the best among peers, by the figure's direction (shortest wait, fewest looking)."""
    known = [v for v in values if v is not None]
    if value is None or not known:
        return ""
    up = higher_is_better(name)
    better = sum(1 for v in known if (v > value if up else v < value))
    return f"{better + 1}/{len(known)}"


def office_table(
    schools: Sequence[Organisation], cohort: int, sort: str, descending: bool
) -> list[dict[str, Any]]:
    """One row per school with its figures, sorted by any column (no value sorts last)."""
    by_school = school_figures([s.pk for s in schools], cohort)
    rows = [{"school": s, "figures": by_school.get(s.pk)} for s in schools]

    def key(row: dict[str, Any]) -> tuple[int, Any]:
        if sort in {"name", "status", "regency"}:
            school = row["school"]
            text = {"name": school.name, "status": school.status,
                    "regency": school.region.name}[sort]  # fmt: skip
            return (0, text.lower())
        value = value_of(row["figures"], sort) if row["figures"] else None
        return (0, value) if value is not None else (1, 0)

    known = [r for r in rows if key(r)[0] == 0]
    unknown = [r for r in rows if key(r)[0] == 1]
    known.sort(key=key, reverse=descending)
    return known + unknown


def office_benchmarks(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Median and quartiles per column among all schools, and among negeri and swasta."""
    groups = [("", _("Semua sekolah")), ("negeri", _("Negeri")), ("swasta", _("Swasta"))]
    result = []
    for status, label in groups:
        chosen = [r for r in rows if r["figures"] and (not status or r["school"].status == status)]
        result.append({
            "label": label,
            "columns": [benchmark([value_of(r["figures"], n) for r in chosen]) for n in COLUMNS],
        })  # fmt: skip
    return result


def regency_names(codes: Sequence[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
