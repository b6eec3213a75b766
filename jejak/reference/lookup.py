"""Find reference rows from what people type: 'TKJ', 'Teknik Komputer & Jaringan', '35.09'."""

from __future__ import annotations

import re
import unicodedata

_NOISE = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """'Teknik Komputer & Jaringan' -> 'teknik komputer dan jaringan'."""
    text = unicodedata.normalize("NFKC", text).lower().replace("&", " dan ")
    return _NOISE.sub(" ", text).strip()


def major_lookup_table() -> dict[str, int]:
    """Every alias key -> konsentrasi id, loaded once per import."""
    from jejak.reference.models import MajorAlias

    return dict(MajorAlias.objects.values_list("key", "major_id"))


def find_major_id(text: str, table: dict[str, int]) -> int | None:
    """The konsentrasi a school means by `text`, or None when it names no known major."""
    key = normalise(text)
    if not key:
        return None
    if key in table:
        return table[key]
    compact = key.replace(" ", "")
    for alias_key, major_id in table.items():
        if alias_key.replace(" ", "") == compact:
            return major_id
    return None
