"""The employer (DUDI) satisfaction survey: how a company rates a school's graduates.

The aspects follow the national employer form of the vocational tracer study as far as public
copies show: integrity, skills in the field, foreign language, IT, communication, teamwork and
self-development, each rated on four steps. One definition serves the form, its validation and
the summary a school reads, so the three never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jejak.lib.values import is_digits

EMPLOYER_VERSION = "dudi-2026.1"

ASPECTS: list[tuple[str, Promise]] = [
    ("etika", _("Etika dan integritas")),
    ("keahlian", _("Keahlian sesuai bidang (kompetensi kejuruan)")),
    ("bahasa_asing", _("Kemampuan berbahasa asing")),
    ("teknologi", _("Penggunaan teknologi informasi")),
    ("komunikasi", _("Kemampuan berkomunikasi")),
    ("kerja_sama", _("Kerja sama dalam tim")),
    ("pengembangan_diri", _("Pengembangan diri")),
]
SCALE: list[tuple[int, Promise]] = [
    (1, _("Kurang")),
    (2, _("Cukup")),
    (3, _("Baik")),
    (4, _("Sangat baik")),
]
HIRE_AGAIN = [("ya", _("Ya")), ("mungkin", _("Mungkin")), ("tidak", _("Tidak"))]
TEXT_FIELDS = ("kompetensi_ditingkatkan", "saran")
MAX_TEXT = 1000


@dataclass(frozen=True)
class Checked:
    answers: dict[str, Any]
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def check(raw: Mapping[str, Any]) -> Checked:
    """Validate a submitted form; every aspect and the head-count are required."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, _label in ASPECTS:
        value = str(raw.get(key, "")).strip()
        if value not in {"1", "2", "3", "4"}:
            errors[key] = str(_("Pilih salah satu nilai 1 sampai 4."))
        else:
            answers[key] = int(value)
    count = str(raw.get("jumlah_lulusan", "")).strip()
    if not is_digits(count) or not 1 <= int(count) <= 10000:
        errors["jumlah_lulusan"] = str(_("Tulis jumlah lulusan dengan angka, paling sedikit 1."))
    else:
        answers["jumlah_lulusan"] = int(count)
    again = str(raw.get("bersedia_menerima", "")).strip()
    if again not in dict(HIRE_AGAIN):
        errors["bersedia_menerima"] = str(_("Pilih ya, mungkin atau tidak."))
    else:
        answers["bersedia_menerima"] = again
    for key in ("nama_responden", "jabatan_responden", *TEXT_FIELDS):
        answers[key] = str(raw.get(key, "")).strip()[:MAX_TEXT]
    if not answers["nama_responden"]:
        errors["nama_responden"] = str(_("Tulis nama Anda."))
    return Checked(answers, errors)


@dataclass(frozen=True)
class AspectSummary:
    key: str
    label: Promise
    answered: int
    average: float | None
    good_or_better: int  # rated 3 or 4

    @property
    def good_rate(self) -> float | None:
        return self.good_or_better / self.answered if self.answered else None


def summarise(answer_sets: Iterable[Mapping[str, Any]]) -> list[AspectSummary]:
    """Per aspect: how many rated it, the mean rating and how many said good or very good."""
    rows = list(answer_sets)
    summary = []
    for key, label in ASPECTS:
        ratings = [int(a[key]) for a in rows if a.get(key) in {1, 2, 3, 4}]
        summary.append(
            AspectSummary(
                key=key,
                label=label,
                answered=len(ratings),
                average=round(sum(ratings) / len(ratings), 2) if ratings else None,
                good_or_better=sum(1 for r in ratings if r >= 3),
            )
        )
    return summary
