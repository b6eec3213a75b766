"""Find records that are probably the same graduate, for a person to confirm."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from jejak.alumni.models import Alumnus

NAME_THRESHOLD = 88


@dataclass(frozen=True)
class DuplicatePair:
    first: Alumnus
    second: Alumnus
    reason: str  # "nisn", "nik" or "name"
    score: int


def find_duplicates(alumni: Iterable[Alumnus]) -> list[DuplicatePair]:
    """Pairs by exact NISN, then exact NIK, then fuzzy name with the same birth date within
    one school and cohort. Exact matches come first; each pair is listed once."""
    records = list(alumni)
    pairs: list[DuplicatePair] = []
    seen: set[tuple[int, int]] = set()

    def add(a: Alumnus, b: Alumnus, reason: str, score: int) -> None:
        key = (min(a.pk, b.pk), max(a.pk, b.pk))
        if key not in seen:
            seen.add(key)
            pairs.append(DuplicatePair(a, b, reason, score))

    for reason in ("nisn", "nik"):
        groups: dict[tuple, list[Alumnus]] = defaultdict(list)
        for alumnus in records:
            if value := getattr(alumnus, reason):
                groups[(alumnus.organisation_id, value)].append(alumnus)
        for group in groups.values():
            for other in group[1:]:
                add(group[0], other, reason, 100)
    buckets: dict[tuple, list[Alumnus]] = defaultdict(list)
    for alumnus in records:
        if alumnus.birth_date:
            buckets[(alumnus.organisation_id, alumnus.cohort, alumnus.birth_date)].append(alumnus)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                score = int(fuzz.token_sort_ratio(a.name.lower(), b.name.lower()))
                if score >= NAME_THRESHOLD:
                    add(a, b, "name", score)
    return pairs
