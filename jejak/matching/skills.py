"""Skills and certificates as words: does a seeker's text cover what a vacancy names?

A vacancy's `skills` field is a list ("SIM B1, pengelasan SMAW; Microsoft Excel"). Each item
is covered when every meaningful word of it appears in the seeker's skills or certificates,
comparing words by their synonym group and their Indonesian stem (Sastrawi), so "las" covers
"pengelasan" and "jaringan" covers "jaring". Stemming alone over-reaches on some words
("pengelasan" stems to "kelas"), hence the synonym groups first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from jejak.reference.lookup import normalise

# Words that say nothing about the skill itself.
STOPWORDS = frozenset({
    "dan", "atau", "yang", "di", "ke", "dari", "untuk", "dengan", "mampu", "bisa", "dapat",
    "menguasai", "memiliki", "punya", "memahami", "paham", "mengerti", "baik", "diutamakan",
    "minimal", "min", "berpengalaman", "the", "and", "of", "in",
})  # fmt: skip
# Synonym groups: every word of a group stands for its first word.
SYNONYM_GROUPS = (
    ("las", "pengelasan", "welding", "welder", "mengelas"),
    ("excel", "spreadsheet"),
    ("word", "pengolah"),
    ("komputer", "computer", "pc"),
    ("jaringan", "network", "networking", "jaring"),
    ("otomotif", "automotive", "mobil"),
    ("listrik", "kelistrikan", "electrical", "elektrik"),
    ("mesin", "machine", "permesinan", "pemesinan"),
    ("akuntansi", "accounting", "pembukuan"),
    ("inggris", "english"),
    ("mengemudi", "menyetir", "driving", "kemudi", "sopir", "supir"),
    ("sertifikat", "sertifikasi", "certificate", "certified"),
    ("cnc", "bubut"),
    ("plc", "otomasi", "automation"),
)
SYNONYMS = {word: group[0] for group in SYNONYM_GROUPS for word in group}
_SPLIT = re.compile(r"[,;\n/]+")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=20_000)
def forms(word: str) -> frozenset[str]:
    """The forms a word is compared by: itself, its synonym group, its stem's group."""
    stem = _stemmer().stem(word) if word.isalpha() and len(word) > 4 else word
    return frozenset({word, SYNONYMS.get(word, word), stem, SYNONYMS.get(stem, stem)})


@lru_cache(maxsize=20_000)
def words(text: str) -> tuple[str, ...]:
    return tuple(w for w in normalise(text).split() if w not in STOPWORDS)


@lru_cache(maxsize=2_000)
def items(text: str) -> tuple[str, ...]:
    """The separate things a vacancy's skills text names, as written (trimmed)."""
    return tuple(part.strip(" .-") for part in _SPLIT.split(text) if words(part))


@dataclass(frozen=True)
class Vocabulary:
    """Every form of every word in a seeker's text, for quick membership tests."""

    forms: frozenset[str]

    @classmethod
    @lru_cache(maxsize=20_000)  # texts repeat across seekers
    def of(cls, text: str) -> Vocabulary:
        found: set[str] = set()
        for word in words(text):
            found |= forms(word)
        return cls(frozenset(found))

    def covers(self, item: str) -> bool:
        return all(forms(word) & self.forms for word in words(item))
