"""Jejak's answers in the national Tracer Study Vokasi form's terms, one table per item.

The mapping is one-way: Jejak asks as much as the national form or more (an exact income, a
count of job changes, months of PKL), and each richer answer lands on exactly one national
answer. What the national form asks and how it words its answers is recorded, with the
public copies it was read from, in `jejak/tracer/data/README.md`; an item or a band no public
copy confirms is not invented here. The platform's internal answer codes are not published,
so the export writes each answer as the form words it (what a school ticks or transcribes).

Pure: answers in, strings out; no database. Unknown or unanswered stays "".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

WORKING, STUDYING, SELF_EMPLOYED = "bekerja", "melanjutkan", "wirausaha"
# The order a person with two activities is counted under (as in the indicators).
PRIORITY = ("bekerja", "wirausaha", "melanjutkan", "kursus", "mencari_kerja",
            "belum_memungkinkan", "lainnya")  # fmt: skip

# Main activity: the national form has four; a course, looking for work, not yet able and
# other are all "not yet working or studying" there.
ACTIVITY = {
    WORKING: "Bekerja",
    STUDYING: "Kuliah",
    SELF_EMPLOYED: "Wirausaha",
    "kursus": "Belum Bekerja / Belum Melanjutkan Studi",
    "mencari_kerja": "Belum Bekerja / Belum Melanjutkan Studi",
    "belum_memungkinkan": "Belum Bekerja / Belum Melanjutkan Studi",
    "lainnya": "Belum Bekerja / Belum Melanjutkan Studi",
}
# Kind of work, by the Sakernas category number both lists follow.
EMPLOYMENT_STATUS = {
    "berusaha_sendiri": "Berwirausaha sendiri tanpa dibantu orang lain",
    "dibantu_tidak_tetap": "Berwirausaha dengan dibantu buruh/pekerja tak dibayar",
    "dibantu_tetap": "Berwirausaha dengan dibantu buruh/pekerja dibayar",
    "pekerja_keluarga": "Membantu menjalankan usaha/wirausaha keluarga",
    "buruh": "Buruh/karyawan/pegawai",
    "pekerja_bebas": "Pekerja bebas (tidak punya majikan tetap)",
}
JOB_FOUND_VIA = {
    "mitra_sekolah": "Melalui industri yang menjadi mitra SMK",
    "bkk": "Melalui layanan pusat karir/bursa kerja di SMK",
    "tempat_pkl": "Melalui tempat magang (Prakerin/PKL) selama di SMK",
    "jaringan_alumni": "Melalui ikatan alumni",
    "iklan": "Melalui iklan di media cetak/online",
    "bursa_kerja": "Melalui bursa kerja/pameran kerja/job fair",
    "disnaker": "Melalui dinas ketenagakerjaan setempat",
    "keluarga_teman": "Melalui bantuan orang tua/famili/teman",
    "lainnya": "Lainnya",
}
ALIGNMENT = {"1": "Sangat tidak selaras", "2": "Tidak selaras", "3": "Selaras",
             "4": "Sangat selaras"}  # fmt: skip
STUDY_LEVEL = {"d1": "D1", "d2": "D2", "d3": "D3", "d4": "D4/Sarjana Terapan", "s1": "S1"}
STUDY_FUNDING = {
    "sendiri": "Biaya Sendiri / Keluarga",
    "kip_kuliah": "Beasiswa KIP-Kuliah",
    "beasiswa_penuh": "Beasiswa Penuh (selain KIP-K)",
    "beasiswa_sebagian": "Beasiswa Sebagian (selain KIP-K)",
    "ikatan_dinas": "Ikatan Dinas",
}
SMK_REASON = {
    "cepat_kerja": "Ingin cepat mendapatkan pekerjaan",
    "keinginan_sendiri": "Keinginan sendiri",
    "diajak_teman": "Diajak teman",
    "keinginan_keluarga": "Keinginan orang tua/keluarga",
    "tidak_diterima": "Tidak diterima di sekolah lain",
    "lainnya": "Lainnya",
}
PKL_RATING = {"1": "Sangat tidak baik", "2": "Tidak baik", "3": "Baik", "4": "Sangat baik"}
YES_NO = {"ya": "Ya", "tidak": "Tidak"}
# Bands of counts: (upper bound inclusive, answer); the last band has no upper bound.
JOB_CHANGE_BANDS = ((0, "Belum pernah"), (1, "Satu kali"), (2, "Dua kali"),
                    (None, "Tiga kali atau lebih"))  # fmt: skip
PKL_LENGTH_BANDS = ((5, "Kurang dari 6 bulan"), (6, "6 bulan"), (None, "Lebih dari 6 bulan"))


def band(value: Any, bands: tuple[tuple[int | None, str], ...]) -> str:
    """The band a whole number falls in; "" for no answer."""
    if value is None or value == "":
        return ""
    number = int(value)
    for upper, label in bands:
        if upper is None or number <= upper:
            return label
    return ""


def main_activity(answers: dict[str, Any]) -> str:
    """The activity a person is counted under: of the main and the concurrent one, the first
    in `PRIORITY` (working while studying answers "Bekerja")."""
    held = [a for a in (answers.get("kegiatan"), answers.get("kegiatan_lain")) if a]
    held.sort(key=lambda a: PRIORITY.index(a) if a in PRIORITY else len(PRIORITY))
    return held[0] if held else ""


def _pkl_length(answers: dict[str, Any]) -> str:
    months = answers.get("lama_pkl_bulan")
    # Zero months is "no PKL", which the national bands do not offer.
    return "" if months in (None, "", 0) else band(months, PKL_LENGTH_BANDS)


def _when(activities: set[str], key: str, table: dict[str, str]) -> Callable[[dict], str]:
    """An item the national form asks only of some activities (work, study, business)."""

    def read(answers: dict[str, Any]) -> str:
        if answers.get("kegiatan") not in activities:  # what the person was asked
            return ""
        return table.get(str(answers.get(key, "")), "")

    return read


def _plain(key: str, activities: set[str] | None = None) -> Callable[[dict], str]:
    def read(answers: dict[str, Any]) -> str:
        if activities and answers.get("kegiatan") not in activities:
            return ""
        value = answers.get(key)
        return "" if value is None else str(value)

    return read


@dataclass(frozen=True)
class Item:
    """One national item: the export's column, the form's question, and how to read it."""

    column: str
    question: str
    read: Callable[[dict[str, Any]], str]


EARNING = {WORKING, SELF_EMPLOYED}
ITEMS: tuple[Item, ...] = (
    Item("kegiatan_utama", "Kegiatan utama saat ini",
         lambda a: ACTIVITY.get(main_activity(a), "")),
    Item("bentuk_pekerjaan", "Bentuk pekerjaan (status pekerjaan)",
         _when(EARNING, "status_pekerjaan", EMPLOYMENT_STATUS)),
    Item("jam_kerja_per_minggu", "Rata-rata jam kerja per minggu",
         _plain("jam_per_minggu", EARNING)),
    # Income bands: public copies disagree (see the data README), so the amount goes out
    # as answered, for the school to tick the band the platform shows.
    Item("penghasilan_per_bulan_rupiah", "Gaji/upah atau pendapatan per bulan (Rupiah)",
         _plain("penghasilan", EARNING)),
    Item("frekuensi_ganti_pekerjaan", "Berapa kali ganti pekerjaan sejak lulus",
         lambda a: band(a.get("jumlah_pindah_kerja"), JOB_CHANGE_BANDS)
         if a.get("kegiatan") in EARNING else ""),
    Item("cara_mendapat_pekerjaan", "Cara mendapatkan pekerjaan pertama",
         _when({WORKING}, "cara_dapat_kerja", JOB_FOUND_VIA)),
    Item("keselarasan", "Keselarasan pekerjaan/usaha/studi dengan program keahlian",
         _when({WORKING, SELF_EMPLOYED, STUDYING}, "keselarasan", ALIGNMENT)),
    Item("nama_tempat_kerja_usaha_kampus", "Nama tempat kerja, usaha atau perguruan tinggi",
         _plain("nama_instansi", {WORKING, SELF_EMPLOYED, STUDYING})),
    Item("jenjang_studi", "Jenjang pendidikan", _when({STUDYING}, "jenjang_studi", STUDY_LEVEL)),
    Item("program_studi", "Program studi", _plain("program_studi", {STUDYING})),
    Item("sumber_biaya_studi", "Sumber biaya studi",
         _when({STUDYING}, "biaya_studi", STUDY_FUNDING)),
    Item("alasan_memilih_smk", "Alasan memilih SMK",
         lambda a: SMK_REASON.get(str(a.get("alasan_smk", "")), "")),
    Item("lama_pkl", "Lama PKL", _pkl_length),
    Item("kualitas_tempat_pkl", "Kualitas tempat PKL",
         lambda a: PKL_RATING.get(str(a.get("kualitas_pkl", "")), "")),
    Item("kesesuaian_tugas_pkl", "Kesesuaian tugas PKL dengan program keahlian",
         lambda a: PKL_RATING.get(str(a.get("kesesuaian_pkl", "")), "")),
    Item("sertifikat_kompetensi", "Memiliki sertifikat kompetensi (industri/LSP)",
         lambda a: YES_NO.get(str(a.get("sertifikat_kompetensi", "")), "")),
    Item("nama_sertifikat", "Nama sertifikat kompetensi",
         lambda a: str(a.get("nama_sertifikat") or "")
         if a.get("sertifikat_kompetensi") == "ya" else ""),
)  # fmt: skip


def national_answers(answers: dict[str, Any] | None) -> dict[str, str]:
    """Every national item's answer for one person's Jejak answers; "" where unknown."""
    answers = answers or {}
    return {item.column: item.read(answers) for item in ITEMS}
