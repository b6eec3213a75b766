"""Suggest reference codes from what people type: a KBJI 2014 group for a job title, a KBLI
2020 code for a company.

Suggestions are for a person to confirm (a BKK officer coding a vacancy, an import filling a
blank column); nothing here stores anything.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from jejak.reference.kbli import kbli_section
from jejak.reference.loading import read_data_file
from jejak.reference.lookup import normalise

if TYPE_CHECKING:
    from jejak.organisations.models import Organisation
    from jejak.reference.models import Occupation

JOB_TITLES_FILE = "kbji_2014_job_titles.csv"

# Short forms seen in job titles, each a whole word after normalise() ("Op. Produksi" -> "op
# produksi"). Kept small: a wrong expansion costs more than a missed one.
ABBREVIATIONS = {
    "adm": "administrasi",
    "admin": "administrasi",
    "op": "operator",
    "opr": "operator",
    "optr": "operator",
    "tek": "teknisi",
    "tkns": "teknisi",
    "mek": "mekanik",
    "spv": "supervisor",
    "staff": "staf",
    "prod": "produksi",
    "gdg": "gudang",
    "cs": "customer service",
    "qc": "quality control",
    "ob": "office boy",
    "spg": "sales promotion girl",
    "mktg": "marketing",
    "supir": "sopir",
    "programer": "programmer",
    "ojol": "ojek online",
    "smk": "kejuruan",
}
# Words that say nothing about the job ("karyawan bagian produksi"), and KBJI's own fillers
# (YBDI = yang berhubungan dengan itu, YTDL = yang tidak diklasifikasikan di tempat lain).
NOISE_WORDS = frozenset({"bagian", "karyawan", "pegawai", "ybdi", "ytdl", "di", "pt", "cv"})
MIN_SCORE = 60.0


def normalise_title(text: str) -> str:
    """'Op. Produksi (PT ABC)' -> 'operator produksi abc': lowercase, no punctuation, short
    forms written out, filler words dropped."""
    words = []
    for word in normalise(text).split():
        if word in NOISE_WORDS:
            continue
        words.extend(ABBREVIATIONS.get(word, word).split())
    return " ".join(words)


@functools.cache
def _choices() -> dict[str, str]:
    """Normalised text -> KBJI code: every group's names, then the compiled job titles
    (which win, being what people actually type)."""
    from jejak.reference.models import Occupation

    choices: dict[str, str] = {}
    for code, name, name_en in Occupation.objects.values_list("code", "name", "name_en"):
        for text in (name_en, name):
            key = normalise_title(text)
            # The same title at two levels ("Perakit"): keep the most specific group.
            if key and len(code) >= len(choices.get(key, "")):
                choices[key] = code
    for row in read_data_file(JOB_TITLES_FILE):
        choices[normalise_title(row["title"])] = row["unit_group"] or row["kbji"]
    return choices


def clear_cache() -> None:
    """Occupations were reloaded (tests, a new edition): forget the matching table."""
    _choices.cache_clear()


def suggest_kbji(title: str, limit: int = 5) -> list[tuple[Occupation, float]]:
    """The KBJI 2014 groups a job title most likely is, best first, with a 0-100 score.

    Matches the title (normalised, see `normalise_title`) against every group's Indonesian
    and English name and the compiled job titles with rapidfuzz; each group appears once, with
    its best score; scores under 60 are left out, so an unknown title gives []. A group may be
    of any level: a title like "guru" maps to a major group only.
    """
    from jejak.reference.models import Occupation

    query = normalise_title(title)
    if not query or limit < 1:
        return []
    choices = _choices()
    best: dict[str, float] = {}
    for key, score, _index in process.extract(
        query, list(choices), scorer=fuzz.WRatio, limit=None, score_cutoff=MIN_SCORE
    ):
        code = choices[key]
        best[code] = max(score, best.get(code, 0.0))
    ranked = sorted(best.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[:limit]
    found = Occupation.objects.in_bulk([code for code, _score in ranked])
    return [(found[code], round(score, 1)) for code, score in ranked if code in found]


_STORED_KBLI_FIELDS = ("kbli", "kbli_code")
_DIGITS = re.compile(r"\D")


def suggest_kbli(company: Organisation) -> str | None:
    """A KBLI 2020 code for a company, or None when nothing recorded tells.

    First the KBLI stored on the company's details (as OSS/NIB gives it, e.g. '47111'), when
    the company app keeps one; else the section letter of the placement most recently recorded
    at one of its vacancies. Either way the answer is accepted by `kbli.kbli_section`.
    """
    from jejak.jobs.models import Placement

    info = getattr(company, "company_info", None)
    for field in _STORED_KBLI_FIELDS:
        stored = str(getattr(info, field, "") or "").strip()
        if stored and kbli_section(stored):
            return stored if stored.isalpha() else _DIGITS.sub("", stored)
    return (
        Placement.objects.filter(vacancy__company=company, industry__isnull=False)
        .order_by("-start_date", "-created_at")
        .values_list("industry_id", flat=True)
        .first()
    )
