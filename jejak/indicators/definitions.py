"""What each figure means, shown beside it on every page and in the report."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "cohort_size": _("Jumlah lulusan"),
    "participation_rate": _("Tingkat partisipasi"),
    "knowledge_rate": _("Tingkat keterlacakan"),
    "bmw_rate": _("Tingkat BMW"),
    "working_rate": _("Bekerja"),
    "studying_rate": _("Melanjutkan studi"),
    "selfemployed_rate": _("Wirausaha"),
    "looking_rate": _("Mencari kerja"),
    "keselarasan_rate": _("Keselarasan"),
    "median_wait_months": _("Median masa tunggu (bulan)"),
    "job_within_6m_rate": _("Bekerja dalam 6 bulan"),
    "job_within_12m_rate": _("Bekerja dalam 12 bulan"),
    "income_at_or_above_umk_rate": _("Penghasilan ≥ UMK"),
}

DEFINITIONS = {
    "cohort_size": _("Alumni angkatan ini di register sekolah."),
    "participation_rate": _(
        "Alumni yang mengirim jawaban inti dalam kampanye penelusuran untuk angkatan ini, "
        "dibagi jumlah lulusan."
    ),
    "knowledge_rate": _(
        "Alumni yang status kegiatannya diketahui pada tanggal acuan, dari sumber apa pun "
        "(jawaban survei, catatan wali kelas, penempatan BKK, impor), dibagi jumlah lulusan."
    ),
    "bmw_rate": _(
        "Alumni yang bekerja, melanjutkan studi atau berwirausaha pada tanggal acuan, dibagi "
        "alumni yang statusnya diketahui."
    ),
    "working_rate": _("Alumni berstatus bekerja pada tanggal acuan / alumni berstatus diketahui."),
    "studying_rate": _(
        "Alumni berstatus melanjutkan studi pada tanggal acuan / alumni berstatus diketahui."
    ),
    "selfemployed_rate": _(
        "Alumni berstatus wirausaha pada tanggal acuan / alumni berstatus diketahui."
    ),
    "looking_rate": _(
        "Alumni berstatus mencari kerja pada tanggal acuan / alumni berstatus diketahui."
    ),
    "keselarasan_rate": _(
        "Alumni yang bekerja atau berwirausaha dengan keselarasan 3 atau 4 (selaras, sangat "
        "selaras), dibagi alumni bekerja atau berwirausaha yang menjawab keselarasan."
    ),
    "median_wait_months": _(
        "Untuk alumni yang pekerjaan atau usaha pertamanya dimulai paling lambat tanggal "
        "acuan: hari dari kelulusan sampai mulai bekerja dibagi 30,4375 (rata-rata panjang "
        "bulan); 0 bila mulai sebelum lulus. Nilai tengahnya."
    ),
    "job_within_6m_rate": _(
        "Alumni yang pekerjaan atau usaha pertamanya dimulai paling lama 6 bulan (182 hari) "
        "setelah lulus dan paling lambat tanggal acuan, dibagi alumni berstatus diketahui."
    ),
    "job_within_12m_rate": _(
        "Alumni yang pekerjaan atau usaha pertamanya dimulai paling lama 12 bulan (365 hari) "
        "setelah lulus dan paling lambat tanggal acuan, dibagi alumni berstatus diketahui."
    ),
    "income_at_or_above_umk_rate": _(
        "Alumni bekerja dengan penghasilan per bulan sama dengan atau di atas upah minimum "
        "yang berlaku di tempat kerja pada tahun tanggal acuan: UMK terakhir yang ditetapkan "
        "untuk kabupaten/kota itu pada tahun tersebut atau sebelumnya, atau UMP provinsinya "
        "bila kabupaten/kota itu tidak punya UMK; dibagi alumni bekerja yang menjawab "
        "penghasilan. Yang bekerja di luar negeri, tanpa wilayah kerja, atau di wilayah tanpa "
        "UMK/UMP tercatat tidak dihitung dan ditampilkan terpisah."
    ),
}

# Figures where a lower value is better (fewer still looking, shorter waits). Every other
# figure is better higher. Peer positions and ranks read "better/worse" through this.
LOWER_IS_BETTER = frozenset({"looking_rate", "median_wait_months", "first_job_wait_months"})


def higher_is_better(name: str) -> bool:
    return name not in LOWER_IS_BETTER


REFERENCE_NOTE = _(
    "Status pada tanggal acuan adalah kejadian terakhir yang dimulai pada atau sebelum tanggal "
    "itu (bila sama, yang dicatat terakhir). Tanggal acuan bawaan: satu tahun setelah tanggal "
    "kelulusan angkatan (31 Mei bila sekolah tidak mengisinya)."
)
PLACEMENT_NOTE = _(
    "Penempatan: alumni berstatus bekerja pada tanggal acuan. AKL = bekerja di provinsi sekolah, "
    "AKAD = di provinsi lain, AKAN = di luar negeri (dihitung terpisah)."
)
