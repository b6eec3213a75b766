"""The reason and gap codes a match carries, with their words (Indonesian, translatable).

A code is stable (the command-line contract prints it); the text is for people and follows
the active language. Callers build items with `item(code, **facts)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

TEXTS = {
    # Reasons: why a person and a vacancy fit.
    "major_exact": _("Konsentrasi sama: %(major)s"),
    "major_same": _("Jurusan sama: %(major)s"),
    "major_program": _("Program keahlian sesuai: %(major)s"),
    "major_field": _("Bidang keahlian sesuai: %(major)s"),
    "major_any": _("Terbuka untuk semua jurusan"),
    "occupation": _("Jabatan yang dicari sesuai: %(occupation)s"),
    "certificate": _("Sertifikat sesuai: %(item)s"),
    "certificate_bnsp": _("Sertifikat kompetensi BNSP sesuai: %(item)s"),
    "skill": _("Keterampilan sesuai: %(item)s"),
    "same_regency": _("Tinggal di kabupaten yang sama"),
    "same_province": _("Tinggal di provinsi yang sama"),
    "region_sought": _("Lokasi kerja termasuk wilayah yang dicari"),
    "willing_to_move": _("Bersedia pindah domisili"),
    "recent_graduate": _("Lulus tahun %(year)s"),
    "disability_friendly": _("Lowongan ramah disabilitas"),
    "school_history": _("%(count)s alumni sekolah yang sama pernah ditempatkan di jabatan serupa"),
    "school_aligned": _("%(share)s%% penempatan serupa dari sekolah ini selaras dengan jurusan"),
    "school_retention": _(
        "Lulusan sekolah ini bertahan di pekerjaan serupa: %(share)s%% masih bekerja setelah "
        "6 bulan"
    ),
    # Gaps: what the vacancy asks that the person does not (yet) show.
    "skill_missing": _("Belum punya %(item)s"),
    "experience": _("Pengalaman %(years)s tahun diminta"),
    "other_province": _("Lokasi kerja di provinsi lain"),
    # Hard conditions that fail ("why not this one?").
    "not_education": _("Pendidikan yang diminta: %(level)s"),
    "not_major": _("Jurusan yang diterima: %(majors)s"),
    "not_age": _("Usia yang diminta: %(range)s"),
    "not_age_unknown": _("Usia diminta %(range)s, tanggal lahir belum tercatat"),
    "not_sex": _("Hanya untuk %(sex)s"),
    "not_looking": _("Belum terdaftar sebagai pencari kerja"),
    "not_consent": _("Tidak setuju dicocokkan"),
    "not_abroad": _("Lowongan luar negeri (AKAN) tidak dicocokkan"),
    "not_open": _("Lowongan tidak sedang dibuka"),
    "not_reached": _("Lowongan tidak dibagikan ke BKK Anda"),
}


@dataclass(frozen=True)
class Item:
    """One reason or gap: a stable code and the facts its text names."""

    code: str
    facts: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return str(TEXTS[self.code]) % dict(self.facts) if self.facts else str(TEXTS[self.code])

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


def item(code: str, **facts: object) -> Item:
    return _item(code, tuple((k, str(v)) for k, v in sorted(facts.items())))


@lru_cache(maxsize=10_000)
def _item(code: str, facts: tuple[tuple[str, str], ...]) -> Item:
    # Items are immutable and repeat across candidates: one object per distinct item.
    if code not in TEXTS:
        raise KeyError(code)
    return Item(code, facts)
