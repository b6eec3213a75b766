"""What each figure means, shown beside it on every page and in the report."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejak.outcomes.models import Activity
from jejak.tracer.instrument import EMPLOYMENT_STATUS

LABELS = {
    "cohort_size": _("Jumlah lulusan"),
    "participation_rate": _("Tingkat partisipasi"),
    "knowledge_rate": _("Tingkat keterlacakan"),
    "bmw_rate": _("Tingkat BMW"),
    "penyerapan_rate": _("Penyerapan lulusan SMK (Rapor Pendidikan)"),
    "working_rate": _("Bekerja"),
    "studying_rate": _("Melanjutkan studi"),
    "selfemployed_rate": _("Wirausaha"),
    "course_rate": _("Kursus/pelatihan"),
    "looking_rate": _("Mencari kerja"),
    "keselarasan_rate": _("Keselarasan"),
    "median_wait_months": _("Median masa tunggu kerja pertama (bulan)"),
    "first_job_wait_months": _("Median masa tunggu kerja pertama (bulan)"),
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
        "Alumni yang bekerja, berwirausaha atau melanjutkan studi pada tanggal acuan, dibagi "
        "alumni yang statusnya diketahui. Yang menjalani dua kegiatan sekaligus dihitung sekali. "
        "Kursus/pelatihan tidak termasuk BMW."
    ),
    "penyerapan_rate": _(
        "Alumni yang bekerja, berwirausaha atau melanjutkan studi pada tanggal acuan (bawaan: "
        "satu tahun setelah lulus), dibagi SEMUA lulusan angkatan ini, termasuk yang statusnya "
        "tidak diketahui. Ini bacaan terdekat yang terdokumentasi dari indikator Rapor "
        "Pendidikan A.4 “Penyerapan lulusan SMK”; rumus resminya belum terbit untuk umum."
    ),
    "working_rate": _(
        "Alumni berstatus bekerja pada tanggal acuan / alumni berstatus diketahui. Termasuk "
        "yang bekerja sambil kuliah atau kursus."
    ),
    "studying_rate": _(
        "Alumni berstatus melanjutkan studi (D1–D4, S1) pada tanggal acuan dan tidak sekaligus "
        "bekerja atau berwirausaha / alumni berstatus diketahui."
    ),
    "selfemployed_rate": _(
        "Alumni berstatus wirausaha pada tanggal acuan dan tidak sekaligus bekerja / alumni "
        "berstatus diketahui."
    ),
    "course_rate": _(
        "Alumni yang mengikuti kursus/pelatihan pada tanggal acuan dan tidak sekaligus bekerja, "
        "berwirausaha atau kuliah / alumni berstatus diketahui. Tidak termasuk BMW."
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
        "acuan: hari dari kelulusan sampai mulai pekerjaan pertama (bukan pekerjaan sekarang) "
        "dibagi 30,4375 (rata-rata panjang bulan); 0 bila mulai sebelum lulus. Nilai tengahnya. "
        "Yang pernah pindah kerja tanpa menyebut kapan pekerjaan pertamanya dimulai tidak "
        "dihitung dan disebut terpisah."
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

DEFINITIONS["first_job_wait_months"] = DEFINITIONS["median_wait_months"]

# Figures where a lower value is better (fewer still looking, shorter waits). Every other
# figure is better higher. Peer positions and ranks read "better/worse" through this.
LOWER_IS_BETTER = frozenset({"looking_rate", "median_wait_months", "first_job_wait_months"})


def higher_is_better(name: str) -> bool:
    return name not in LOWER_IS_BETTER


ABSORPTION_NOTE = _(
    "Dua angka ini menghitung orang yang sama (bekerja, wirausaha atau melanjutkan studi) "
    "dengan penyebut berbeda. BMW Jejak membagi dengan alumni yang statusnya diketahui, jadi "
    "menggambarkan alumni yang terlacak. Penyerapan versi Rapor Pendidikan membagi dengan "
    "semua lulusan, jadi alumni yang tidak terlacak menurunkan angkanya. Jejak memakai bacaan "
    "terdekat yang terdokumentasi; definisi dan jendela resmi indikator A.4 belum bisa "
    "dipastikan dari sumber publik."
)

REFERENCE_NOTE = _(
    "Status pada tanggal acuan: dari laporan yang kegiatannya sudah dimulai pada tanggal itu, "
    "yang paling akhir dibuat, kapan pun dibuat (jawaban kampanye yang masuk setelah tanggal "
    "acuan tetap dihitung). Laporan lama tetap tersimpan beserta sumbernya. Tanggal acuan "
    "bawaan: satu tahun setelah tanggal kelulusan angkatan (31 Mei bila sekolah tidak "
    "mengisinya)."
)
ACTIVITY_NOTE = _(
    "Yang menjalani dua kegiatan sekaligus dihitung sekali, pada kegiatan pertama dalam urutan "
    "ini: bekerja, wirausaha, melanjutkan studi, kursus/pelatihan, mencari kerja, belum "
    "memungkinkan, lainnya. Tabel kegiatan di bawah menghitung setiap kegiatan yang dijalani."
)
PLACEMENT_NOTE = _(
    "Penempatan: alumni berstatus bekerja pada tanggal acuan. AKL = bekerja di provinsi sekolah, "
    "AKAD = di provinsi lain, AKAN = di luar negeri (dihitung terpisah). Formal/informal "
    "menurut status pekerjaan Sakernas atau catatan petugas; yang tidak dicatat tetap terlihat "
    "sebagai tidak diketahui."
)
EMPLOYMENT_LABELS = {**dict(EMPLOYMENT_STATUS), "unknown": _("Tidak diketahui")}
ACTIVITY_LABELS = dict(Activity.choices)
