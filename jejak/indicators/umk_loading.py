"""Load the published minimum wages in data/umk.csv (UMK per regency) and data/ump.csv (UMP
per province). Works with live or historical models."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "umk.csv"
UMP_DATA = Path(__file__).resolve().parent / "data" / "ump.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(lines))


def _plain(name: str) -> tuple[str, str]:
    words = name.lower().replace("kab.", "kabupaten").split()
    kind = words[0] if words and words[0] in {"kabupaten", "kota"} else ""
    return kind, " ".join(words[1:] if kind else words)


def _same_place(csv_name: str, region: Any) -> bool:
    """The code's region must carry the file's name, so a wrong code never loads silently."""
    kind, name = _plain(csv_name)
    region_kind, region_name = _plain(region.name)
    if region.level == 1:
        return name == region_name
    region_kind = region_kind or str(region.kind).lower()
    return name == region_name and (not region_kind or region_kind == kind)


def load_umk(umk_model: Any, region_model: Any) -> tuple[int, list[str]]:
    """Insert or refresh the UMK file's values; never overwrite a value an analyst has edited.

    Returns the number of rows written and the rows skipped (unknown or mismatched region).
    """
    return _load(_rows(DATA), umk_model, region_model, {})


def load_ump(umk_model: Any, region_model: Any) -> tuple[int, list[str]]:
    """The same for the provinces' UMP (rows of kind UMP on the province's region)."""
    return _load(_rows(UMP_DATA), umk_model, region_model, {"kind": "UMP"})


def _load(
    rows: list[dict[str, str]], umk_model: Any, region_model: Any, extra: dict[str, str]
) -> tuple[int, list[str]]:
    written, skipped = 0, []
    regions = region_model.objects.in_bulk([r["region_code"] for r in rows])
    for row in rows:
        region = regions.get(row["region_code"])
        if region is None or not _same_place(row["region_name"], region):
            skipped.append(f"{row['region_code']} {row['region_name']} {row['year']}")
            continue
        existing = umk_model.objects.filter(region=region, year=int(row["year"])).first()
        if existing is not None and existing.updated_by_id is not None:
            continue
        umk_model.objects.update_or_create(
            region=region,
            year=int(row["year"]),
            defaults={"amount": int(row["amount"]), "source": row["source"], **extra},
        )
        written += 1
    return written, skipped
