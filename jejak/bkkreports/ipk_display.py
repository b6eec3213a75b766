"""The IPK III tables as the office's forms lay them out: row labels, a two-level header
(measure, then L/P; III/7 with L, P and L+P; III/8 by AKL/AKAD/AKAN), the SMK header row and
JUMLAH. Pages, the PDF and the workbook all draw from `layout`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jejak.bkkreports import ipk
from jejak.reference.models import EducationLevel, Industry, Major, Occupation

MEASURE_LABELS = {
    "sisa_awal": gettext_lazy("Sisa akhir bulan lalu"),
    "terdaftar": gettext_lazy("Pendaftaran bulan ini"),
    "ditempatkan": gettext_lazy("Penempatan bulan ini"),
    "dipenuhi": gettext_lazy("Pemenuhan bulan ini"),
    "dihapus": gettext_lazy("Penghapusan bulan ini"),
    "sisa_akhir": gettext_lazy("Sisa akhir bulan ini"),
}


def labels() -> dict[str, str]:
    """Row key -> label, for every kind of row (one query per reference table)."""
    names: dict[str, str] = {level.value: str(level.label) for level in EducationLevel}
    names |= {f"{ipk.SMK}:{m.code}": f"{m.code}. {m.name}"
              for m in Major.objects.filter(parent=None)}  # fmt: skip
    names |= {
        f"kbji:{o.code}": f"{o.code} {o.name}" for o in Occupation.objects.filter(parent=None)
    }
    names |= {f"kbli:{i.code}": f"{i.code} {i.name}" for i in Industry.objects.all()}
    names |= {ipk.UNKNOWN: _("Tidak tercatat"), ipk.TOTAL: _("JUMLAH"),
              f"{ipk.SMK}:{ipk.UNKNOWN}": _("Bidang tidak tercatat"),
              ipk.VACANCY_ROW: _("Lowongan kerja")}  # fmt: skip
    return names


def _label(number: str, group: str, names: dict[str, str]) -> str:
    if number in ("III/3", "III/5") and group in ipk.KBJI_GROUPS:
        return names.get(f"kbji:{group}", group)
    if number in ("III/6", "III/7") and group in ipk.KBLI_SECTIONS:
        return names.get(f"kbli:{group}", group)
    if group == ipk.SMK and number != "III/8":
        return _("Jumlah SMK")
    return names.get(group, group)


def _columns(number: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The header's two levels: groups with their span, then the sub-columns."""
    if number == "III/8":
        return [{"label": kind, "span": 2} for kind in ipk.KINDS], ["L", "P"] * 3
    subs = ["L", "P", "L+P"] if number == "III/7" else ["L", "P"]
    measures = list(ipk.measures_of(number))
    heads = [{"label": str(MEASURE_LABELS[m]), "span": len(subs)} for m in measures]
    if number == "III/1":
        heads[2]["label"] = _("Penempatan / pemenuhan bulan ini")
    return heads, subs * len(measures)


def _cells(number: str, row: dict[str, Any]) -> list[int]:
    keys = ipk.value_keys(number, row["group"])
    values = [int(row[k]) for k in keys]
    if number != "III/7":
        return values
    return [v for i in range(0, len(values), 2) for v in (values[i], values[i + 1],
                                                          values[i] + values[i + 1])]  # fmt: skip


def layout(number: str, rows: list[dict[str, Any]], names: dict[str, str]) -> dict[str, Any]:
    """One table ready to draw: title, header levels and rows with their cells; `header`
    rows (the SMK heading, III/1's two sections) have no cells."""
    heads, subs = _columns(number)
    drawn: list[dict[str, Any]] = []
    if number == "III/1":
        drawn.append({"label": _("I. Pencari kerja"), "header": True, "cells": []})
    for row in rows:
        group = row["group"]
        if number == "III/1" and group == ipk.VACANCY_ROW:
            drawn.append({"label": _("II. Lowongan kerja"), "header": True, "cells": []})
        if group == ipk.SMK and number != "III/8":
            drawn.append({"label": names.get(ipk.SMK, ipk.SMK), "header": True, "cells": []})
        drawn.append({
            "group": group, "label": _label(number, group, names), "cells": _cells(number, row),
            "total": ipk.is_aggregate(number, group), "indent": group.startswith(f"{ipk.SMK}:"),
        })  # fmt: skip
    # The SMK total closes its bidang rows, as on the form.
    drawn = _smk_total_last(drawn)
    return {"number": number, "title": str(ipk.TITLES[number]), "heads": heads, "subs": subs,
            "rows": drawn}  # fmt: skip


def _smk_total_last(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    total = next((r for r in rows if r.get("group") == ipk.SMK and r["cells"]), None)
    bidang = [r for r in rows if r.get("indent")]
    if total is None or not bidang:
        return rows
    rows = [r for r in rows if r is not total]
    rows.insert(rows.index(bidang[-1]) + 1, total)
    return rows


def layouts(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    names = labels()
    return [layout(number, tables[number], names) for number in ipk.TABLES]
