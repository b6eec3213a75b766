"""Load the published UMK values in data/umk.csv. Works with live or historical models."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "umk.csv"


def _rows() -> list[dict[str, str]]:
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(lines))


def _plain(name: str) -> tuple[str, str]:
    words = name.lower().replace("kab.", "kabupaten").split()
    kind = words[0] if words and words[0] in {"kabupaten", "kota"} else ""
    return kind, " ".join(words[1:] if kind else words)


def _same_place(csv_name: str, region: Any) -> bool:
    """The code's region must carry the file's name, so a wrong code never loads silently."""
    kind, name = _plain(csv_name)
    region_kind, region_name = _plain(region.name)
    region_kind = region_kind or str(region.kind).lower()
    return name == region_name and (not region_kind or region_kind == kind)


def load_umk(umk_model: Any, region_model: Any) -> tuple[int, list[str]]:
    """Insert or refresh file values; never overwrite a value an analyst has edited.

    Returns the number of rows written and the rows skipped (unknown or mismatched region).
    """
    written, skipped = 0, []
    regions = region_model.objects.in_bulk([r["region_code"] for r in _rows()])
    for row in _rows():
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
            defaults={"amount": int(row["amount"]), "source": row["source"]},
        )
        written += 1
    return written, skipped
