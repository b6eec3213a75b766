"""Disability as the law counts it (UU 8/2016 tentang Penyandang Disabilitas, Pasal 4).

Dapodik's "kebutuhan khusus" codes include needs that are not disabilities (cerdas istimewa,
bakat istimewa, narkoba, indigo). Every count of people with disabilities (indicators, IPK III
tables, exports) goes through `has_disability`, so those codes never make someone counted.
The grouping lives in `data/dapodik_kebutuhan_khusus.csv` (column `category`).
"""

from __future__ import annotations

from functools import cache

from jejak.reference.loading import read_data_file
from jejak.reference.models import DisabilityCategory

# UU 8/2016 Pasal 4: ragam penyandang disabilitas, code -> label.
CATEGORIES = dict(DisabilityCategory.choices)


@cache
def _categories() -> dict[str, str]:
    return {row["code"]: row["category"] for row in read_data_file("dapodik_kebutuhan_khusus.csv")}


def disability_category(code: str) -> str:
    """The UU 8/2016 category of one Dapodik code ("fisik", ...), or "" when the code is not a
    disability under the law or is unknown."""
    return _categories().get(code.strip().upper(), "")


def is_disability(code: str) -> bool:
    """Whether one Dapodik code is a disability as UU 8/2016 counts it."""
    return bool(disability_category(code))


def codes_of(value: str) -> list[str]:
    """The codes of an alumnus's `disability` field ("A,D" -> ["A", "D"])."""
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def has_disability(value: str) -> bool:
    """Whether an alumnus's `disability` field (comma-separated codes) holds a disability."""
    return any(is_disability(code) for code in codes_of(value))


def category_of(value: str) -> str:
    """The person's one category: theirs, or "ganda" when their codes span two categories."""
    found = {disability_category(code) for code in codes_of(value)} - {""}
    if len(found) > 1:
        return "ganda"
    return found.pop() if found else ""
