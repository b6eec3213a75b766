"""Which minimum wage is in force for a workplace in a year: pure, no database.

A UMK (regency minimum wage) stays in force until a new one is set, so the value for year Y
is the latest one set in Y or before. Where a regency has none, the province's UMP applies
the same way; a workplace known only by its province gets the UMP directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

UMK, UMP = "UMK", "UMP"


@dataclass(frozen=True)
class MinimumWage:
    """A minimum wage as it applies: its amount, kind (UMK or UMP) and the year it was set for."""

    amount: int
    kind: str
    year: int


Lookup = Callable[[str, int], MinimumWage | None]


def in_force_lookup(rows: Iterable[tuple[str, int, int, str]]) -> Lookup:
    """A lookup over (region code, year, amount, kind) rows.

    `lookup(region, year)` answers the UMK of the regency in force in `year`, else the UMP
    of its province in force then, else None (no value set in `year` or before).
    """
    by_region: dict[str, list[MinimumWage]] = {}
    for region, year, amount, kind in rows:
        by_region.setdefault(region, []).append(MinimumWage(amount, kind, year))
    for values in by_region.values():
        values.sort(key=lambda w: w.year, reverse=True)

    def latest(region: str, year: int) -> MinimumWage | None:
        return next((w for w in by_region.get(region, ()) if w.year <= year), None)

    def lookup(region: str, year: int) -> MinimumWage | None:
        found = latest(region, year) if len(region) > 2 else None
        return found or latest(region[:2], year)

    return lookup
