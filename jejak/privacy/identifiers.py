"""What identifies one person in text: their name, numbers and addresses, and how to blank them.

Erasure (and its test) look for these strings in every text column and file that
`privacy.inventory` lists; `scrub` replaces them inside labels, JSON and report rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

REDACTED = "[dihapus]"
# Shorter values (a two-letter name, an empty field) would blank unrelated text.
MIN_LENGTH = 5


def phone_variants(phone: str) -> set[str]:
    """+6281234567890 as it is also written: 081234567890 and 6281234567890."""
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return set()
    local = "0" + digits[2:] if digits.startswith("62") else digits
    return {phone, digits, local, "62" + local[1:] if local.startswith("0") else digits}


@dataclass(frozen=True)
class Identifiers:
    texts: tuple[str, ...]  # longest first, so a full name is replaced before a part of it
    numbers: frozenset[str]  # NISN, NIK and phone digits, compared without leading zeros

    def pattern(self) -> re.Pattern[str] | None:
        if not self.texts:
            return None
        return re.compile("|".join(re.escape(t) for t in self.texts), re.IGNORECASE)

    def mentioned_in(self, text: str) -> bool:
        pattern = self.pattern()
        return bool(pattern and pattern.search(text))

    def names_cell(self, value: Any) -> bool:
        """Whether one spreadsheet cell is one of the person's values (a number Excel
        stored without its leading zeros included)."""
        text = str(value if value is not None else "").strip()
        if not text:
            return False
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        digits = re.sub(r"\D", "", text)
        if len(digits) >= MIN_LENGTH and digits.lstrip("0") in self.numbers:
            return True
        return text.casefold() in {t.casefold() for t in self.texts}


def identifiers(*, alumnus: Any, user: Any = None, earlier: Iterable[str] = ()) -> Identifiers:
    """The person's identifiers: the record's and the login's values, and `earlier` ones
    (a name or number since corrected, from the record's history)."""
    values = {alumnus.name, alumnus.nisn, alumnus.nik, alumnus.email, alumnus.address, *earlier}
    values |= phone_variants(alumnus.phone)
    numbers = {alumnus.nisn, alumnus.nik, *phone_variants(alumnus.phone)}
    if user is not None:
        values |= {user.name, user.email or "", *phone_variants(user.phone or "")}
        numbers |= phone_variants(user.phone or "")
    texts = sorted({v.strip() for v in values if len((v or "").strip()) >= MIN_LENGTH}, key=len)
    digits = {re.sub(r"\D", "", n).lstrip("0") for n in numbers if n}
    return Identifiers(
        texts=tuple(reversed(texts)), numbers=frozenset(d for d in digits if len(d) >= MIN_LENGTH)
    )


def mentioning(queryset: Any, found: Identifiers, *columns: str, also: Any = None) -> Any:
    """The rows of `queryset` where any of `columns` (cast to text, so JSON too) contains
    one of the person's identifiers, or that match `also` (a Q)."""
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast

    query = also if also is not None else Q(pk__in=[])
    for column in columns:
        for text in found.texts:
            query |= Q(**{f"{column}_as_text__icontains": text})
    annotated = queryset.annotate(**{f"{c}_as_text": Cast(c, TextField()) for c in columns})
    return annotated.filter(query)


def scrub(value: Any, found: Identifiers) -> Any:
    """`value` (a string, or JSON made of dicts and lists) with the person's identifiers
    replaced by REDACTED; other values as they were."""
    pattern = found.pattern()
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [scrub(item, found) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item, found) for key, item in value.items()}
    return value
