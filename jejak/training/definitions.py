"""What each BLK figure means, shown beside it on the pages and in the batch report.

The one-line English definitions in training/indicators.py (DEFINITION) travel in the JSON;
these are the translated texts for people. Both say the same thing.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from jejak.lib.rounding import decimal_text

_NOT_DUE = _(
    " Hanya gelombang yang hari ke-%(months)s bulannya sudah lewat pada tanggal acuan yang "
    "dihitung; lulusan gelombang yang belum sampai di situ tidak masuk pembilang maupun "
    "penyebut."
)

LABELS = {
    "trainees": _("Peserta"),
    "graduates": _("Lulusan"),
    "completion_rate": _("Tingkat penyelesaian"),
    "graduation_rate": _("Tingkat kelulusan"),
    "certification_rate": _("Tingkat sertifikasi"),
    "placement_3m_rate": _("Bekerja 3 bulan setelah pelatihan"),
    "placement_6m_rate": _("Bekerja 6 bulan setelah pelatihan"),
    "traced_6m_rate": _("Terlacak pada 6 bulan"),
    "formal_6m_rate": _("Bekerja formal pada 6 bulan"),
    "informal_6m_rate": _("Bekerja informal pada 6 bulan"),
    "selfemployed_6m_rate": _("Berwirausaha pada 6 bulan"),
    "median_months_to_work": _("Median waktu sampai bekerja (bulan)"),
}

DEFINITIONS = {
    "trainees": _("Peserta terdaftar dari gelombang yang sudah selesai pada tanggal acuan."),
    "graduates": _("Peserta yang dinyatakan lulus."),
    "completion_rate": _("Peserta yang menyelesaikan pelatihan (kehadiran) dibagi peserta."),
    "graduation_rate": _("Lulusan dibagi peserta."),
    "certification_rate": _(
        "Lulusan yang dinyatakan kompeten dalam uji kompetensi dibagi lulusan."
    ),
    "placement_3m_rate": _(
        "Lulusan yang bekerja (formal, informal atau berwirausaha) pada hari 3 bulan setelah "
        "tanggal selesai gelombang, dibagi lulusan. Pekerjaan yang mulai sebelum gelombang "
        "selesai dihitung sejak tanggal selesai; lulusan yang tidak pernah terlacak dihitung "
        "sebagai tidak diketahui bekerja."
    ),
    "placement_6m_rate": _(
        "Lulusan yang bekerja (formal, informal atau berwirausaha) pada hari 6 bulan setelah "
        "tanggal selesai gelombang, dibagi lulusan; yang tidak pernah terlacak tetap di "
        "penyebut."
    ),
    "traced_6m_rate": _("Lulusan yang statusnya diketahui pada hari 6 bulan dibagi lulusan."),
    "formal_6m_rate": _(
        "Lulusan yang bekerja sebagai buruh/karyawan dengan kontrak pada hari "
        "6 bulan, dibagi lulusan."
    ),
    "informal_6m_rate": _(
        "Lulusan dengan pekerjaan informal (berusaha sendiri tanpa usaha "
        "baru, pekerja lepas, pekerja keluarga) pada hari 6 bulan, dibagi "
        "lulusan."
    ),
    "selfemployed_6m_rate": _(
        "Lulusan yang berwirausaha (usaha baru) pada hari 6 bulan, dibagi lulusan."
    ),
    "median_months_to_work": _(
        "Median hari dari tanggal selesai gelombang sampai mulai pekerjaan atau usaha "
        "pertama (0 bila mulai sebelum selesai) dibagi 30,4375, atas lulusan yang bekerja "
        "dalam 6 bulan."
    ),
}
_DUE_MONTHS = {"placement_3m_rate": 3, "placement_6m_rate": 6, "traced_6m_rate": 6,
               "formal_6m_rate": 6, "informal_6m_rate": 6, "selfemployed_6m_rate": 6,
               "median_months_to_work": 6}  # fmt: skip


def definition(name: str) -> str:
    text = str(DEFINITIONS[name])
    if name in _DUE_MONTHS:
        text += str(_NOT_DUE) % {"months": _DUE_MONTHS[name]}
    return text


def figure_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows for indicators/figure_table.html: label, value, numerator/denominator, meaning."""
    rows = []
    for name in LABELS:
        item = figures[name]
        is_rate = isinstance(item, dict)
        plain = decimal_text(item) if name == "median_months_to_work" else item
        rows.append({"name": name, "label": LABELS[name], "rate": item if is_rate else None,
                     "plain": "–" if item is None else plain,
                     "definition": definition(name)})  # fmt: skip
    return rows


# Figures shown side by side (per programme, per BLK); their definitions follow the table.
SIDE_BY_SIDE = ("graduation_rate", "certification_rate", "placement_3m_rate",
                "placement_6m_rate", "formal_6m_rate", "informal_6m_rate",
                "selfemployed_6m_rate", "traced_6m_rate")  # fmt: skip


def side_by_side_context() -> dict[str, Any]:
    """What training/side_by_side.html needs besides its items."""
    return {"columns": SIDE_BY_SIDE, "labels": LABELS,
            "definitions": {name: definition(name) for name in LABELS}}  # fmt: skip
