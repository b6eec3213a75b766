"""The SMK tracer questionnaire: Jejak's core (locked, versioned) and its validation.

The core follows the national Tracer Study Vokasi form for SMK graduates item by item where
public copies show the item (`jejak/tracer/data/README.md` says which, and from where), and
asks more where Jejak needs it (exact income, hours, dates, employer, region). It is not the
national form: `jejak/tracer/national.py` maps its answers one-way onto the national answers.

One definition serves the survey page, a teacher's phone or paper entry and the bulk import
of paper answers, so every path accepts and rejects the same things. A campaign records the
`CORE_VERSION` it was opened with. Versions only add questions or stop asking one: every key
an older version asked stays here (as `asked=False` when retired), so answers stored under
any version stay readable, and imports of old paper forms still validate.

Versions: smk-2026.1 first core; smk-2026.2 adds the national form's feedback items (reason
for choosing an SMK, PKL place quality and task fit, certificate names) and retires the
PKL usefulness scale (`mutu_pkl`, no national counterpart).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejak.lib.values import ValueProblem, clean_text, is_digits, parse_date, parse_rupiah
from jejak.outcomes.models import Activity

CORE_VERSION = "smk-2026.2"

WORKING, STUDYING, SELF_EMPLOYED = Activity.WORKING, Activity.STUDYING, Activity.SELF_EMPLOYED
LOOKING, NOT_YET, OTHER = Activity.LOOKING, Activity.NOT_YET, Activity.OTHER
COURSE = Activity.COURSE
EARNING = {WORKING, SELF_EMPLOYED}

# BPS Sakernas employment status, asked of the working and the self-employed alike;
# formal work = employer with paid workers, or employee.
EMPLOYMENT_STATUS = [
    ("berusaha_sendiri", _("Berusaha sendiri")),
    ("dibantu_tidak_tetap", _("Berusaha dibantu buruh tidak tetap/tidak dibayar")),
    ("dibantu_tetap", _("Berusaha dibantu buruh tetap/dibayar")),
    ("buruh", _("Buruh/karyawan/pegawai")),
    ("pekerja_bebas", _("Pekerja bebas (lepas)")),
    ("pekerja_keluarga", _("Pekerja keluarga/tidak dibayar")),
]
FORMAL_STATUSES = {"dibantu_tetap", "buruh"}
JOB_FOUND_VIA = [
    ("mitra_sekolah", _("Perusahaan mitra sekolah")),
    ("bkk", _("BKK sekolah")),
    ("tempat_pkl", _("Tempat PKL/magang")),
    ("jaringan_alumni", _("Jaringan alumni")),
    ("iklan", _("Iklan lowongan (daring atau cetak)")),
    ("bursa_kerja", _("Bursa kerja (job fair)")),
    ("disnaker", _("Dinas tenaga kerja / Karirhub")),
    ("keluarga_teman", _("Keluarga atau teman")),
    ("lainnya", _("Lainnya")),
]
# A course is not a level of study but an activity of its own (Activity.COURSE), outside
# BMW as in the national tracer study; old answers "kursus" are read as that activity.
STUDY_LEVEL = [("d1", "D1"), ("d2", "D2"), ("d3", "D3"), ("d4", "D4/Sarjana Terapan"),
               ("s1", "S1")]  # fmt: skip
LEGACY_COURSE_LEVEL = "kursus"
STUDY_FUNDING = [
    ("sendiri", _("Biaya sendiri/keluarga")),
    ("kip_kuliah", _("KIP-Kuliah")),
    ("beasiswa_penuh", _("Beasiswa penuh")),
    ("beasiswa_sebagian", _("Beasiswa sebagian")),
    ("ikatan_dinas", _("Ikatan dinas")),
]
BUSINESS_SCALE = [
    ("mikro", _("Mikro (omzet < Rp300 juta setahun)")),
    ("kecil", _("Kecil (Rp300 juta – Rp2,5 miliar)")),
    ("menengah", _("Menengah (> Rp2,5 miliar)")),
]
ALIGNMENT = [
    ("1", _("Sangat tidak selaras")),
    ("2", _("Tidak selaras")),
    ("3", _("Selaras")),
    ("4", _("Sangat selaras")),
]
USEFULNESS = [
    ("1", _("Tidak bermanfaat")),
    ("2", _("Kurang bermanfaat")),
    ("3", _("Bermanfaat")),
    ("4", _("Sangat bermanfaat")),
]
NOT_YET_REASONS = [
    ("keluarga", _("Mengurus keluarga")),
    ("kesehatan", _("Alasan kesehatan")),
    ("menikah", _("Menikah/hamil")),
    ("persiapan", _("Mempersiapkan diri (tes, kursus)")),
    ("lainnya", _("Lainnya")),
]
YES_NO = [("ya", _("Ya")), ("tidak", _("Tidak"))]
# The national form's reasons for choosing an SMK (it allows several; Jejak asks the main one).
SMK_REASONS = [
    ("cepat_kerja", _("Ingin cepat mendapatkan pekerjaan")),
    ("keinginan_sendiri", _("Keinginan sendiri")),
    ("diajak_teman", _("Diajak teman")),
    ("keinginan_keluarga", _("Keinginan orang tua/keluarga")),
    ("tidak_diterima", _("Tidak diterima di sekolah lain")),
    ("lainnya", _("Lainnya")),
]
# The national form's four-point rating of the PKL (place quality, fit of the tasks).
PKL_RATING = [
    ("1", _("Sangat tidak baik")),
    ("2", _("Tidak baik")),
    ("3", _("Baik")),
    ("4", _("Sangat baik")),
]


@dataclass(frozen=True)
class Question:
    key: str
    label: str | Promise
    kind: str  # choice, text, number, rupiah, month, region, kbli, kbji, scale, textarea
    activities: frozenset[str] = frozenset()  # empty: asked of everyone
    options: tuple[tuple[str, Any], ...] = ()
    required: bool = True
    help: str | Promise = ""
    minimum: int | None = None
    maximum: int | None = None
    # False: not shown on the survey page (derived there), but accepted from paper imports.
    asked: bool = True

    def applies(self, activity: str) -> bool:
        return not self.activities or activity in self.activities


def _q(key: str, label: Any, kind: str, on: set[str] | None = None, **extra: Any) -> Question:
    options = tuple(extra.pop("options", ()))
    return Question(key, label, kind, frozenset(on or ()), options, **extra)


ACTIVITY = _q("kegiatan", _("Apa kegiatan utama Anda saat ini?"), "choice",
              options=Activity.choices)  # fmt: skip

# The core after the activity question, in page order. `on` says which activities see it.
CORE: list[Question] = [
    _q("tanggal_mulai", _("Sejak kapan (bulan dan tahun) Anda menjalani kegiatan ini?"), "month",
       {WORKING, STUDYING, SELF_EMPLOYED, COURSE, LOOKING, OTHER},
       help=_("Untuk pekerjaan: bulan pertama bekerja di tempat kerja sekarang.")),
    _q("kegiatan_lain", _("Apakah ada kegiatan lain yang Anda jalani bersamaan?"), "choice",
       options=[("", _("Tidak ada")), *Activity.choices], required=False,
       help=_("Misalnya kuliah sambil bekerja paruh waktu. Kosongkan bila tidak ada.")),
    _q("nama_instansi", _("Nama tempat kerja, usaha, kampus, atau lembaga kursus"), "text",
       {WORKING, STUDYING, SELF_EMPLOYED, COURSE}),
    _q("status_pekerjaan", _("Status pekerjaan Anda"), "choice", {WORKING, SELF_EMPLOYED},
       options=EMPLOYMENT_STATUS),
    _q("formal", _("Pekerjaan formal?"), "choice", {WORKING, SELF_EMPLOYED}, options=YES_NO,
       required=False, asked=False),
    _q("jabatan", _("Pekerjaan atau jabatan Anda"), "kbji", {WORKING},
       help=_("Ketik nama pekerjaan, misalnya operator produksi, kasir, teknisi jaringan.")),
    _q("kbli", _("Bidang usaha tempat kerja atau usaha Anda"), "kbli", {WORKING, SELF_EMPLOYED}),
    _q("wilayah_kerja", _("Kabupaten/kota tempat kerja atau usaha"), "region",
       {WORKING, SELF_EMPLOYED},
       help=_("Ketik nama kabupaten/kota, atau 'luar negeri' lalu nama negaranya.")),
    _q("penghasilan", _("Penghasilan rata-rata per bulan (Rupiah)"), "rupiah",
       {WORKING, SELF_EMPLOYED}, minimum=0, maximum=1_000_000_000,
       help=_("Misalnya 2.500.000, 2,5 juta atau 2500rb.")),
    _q("jam_per_minggu", _("Jam kerja rata-rata per minggu"), "number",
       {WORKING, SELF_EMPLOYED}, minimum=1, maximum=112),
    _q("keselarasan", _("Seberapa selaras pekerjaan/usaha/studi Anda dengan jurusan di SMK?"),
       "scale", {WORKING, SELF_EMPLOYED, STUDYING}, options=ALIGNMENT),
    _q("cara_dapat_kerja", _("Bagaimana Anda mendapatkan pekerjaan ini?"), "choice", {WORKING},
       options=JOB_FOUND_VIA),
    _q("jumlah_pindah_kerja", _("Berapa kali Anda berganti pekerjaan sejak lulus?"), "number",
       {WORKING, SELF_EMPLOYED}, minimum=0, maximum=50, required=False),
    _q("tanggal_kerja_pertama", _("Bulan dan tahun mulai pekerjaan pertama Anda setelah lulus"),
       "month", {WORKING, SELF_EMPLOYED}, required=False,
       help=_("Isi bila pekerjaan pertama setelah lulus berbeda dari pekerjaan sekarang.")),
    _q("skala_usaha", _("Skala usaha Anda"), "choice", {SELF_EMPLOYED}, options=BUSINESS_SCALE),
    _q("jenjang_studi", _("Jenjang pendidikan yang ditempuh"), "choice", {STUDYING},
       options=STUDY_LEVEL),
    _q("program_studi", _("Program studi atau nama kursus"), "text", {STUDYING, COURSE}),
    _q("biaya_studi", _("Sumber biaya studi"), "choice", {STUDYING}, options=STUDY_FUNDING),
    _q("alasan_belum", _("Apa alasan utama Anda belum bekerja atau melanjutkan studi?"),
       "choice", {NOT_YET}, options=NOT_YET_REASONS),
    _q("keterangan_lainnya", _("Jelaskan kegiatan Anda"),
       "text", {OTHER}),
    # Feedback for the school, asked of everyone, optional (the national form's last part).
    _q("alasan_smk", _("Apa alasan utama Anda memilih sekolah di SMK?"), "choice",
       options=SMK_REASONS, required=False),
    _q("sertifikat_kompetensi", _("Apakah Anda memiliki sertifikat kompetensi dari industri "
                                  "atau Lembaga Sertifikasi Profesi (LSP) saat di SMK?"),
       "choice", options=YES_NO, required=False),
    _q("nama_sertifikat", _("Nama sertifikat kompetensi yang Anda miliki"), "text",
       required=False, help=_("Misalnya Sertifikat Kompetensi Teknik Komputer dan Jaringan.")),
    _q("lama_pkl_bulan", _("Berapa bulan PKL (praktik kerja lapangan) Anda?"), "number",
       minimum=0, maximum=24, required=False),
    _q("kualitas_pkl", _("Bagaimana kualitas tempat PKL Anda?"), "scale",
       options=PKL_RATING, required=False),
    _q("kesesuaian_pkl", _("Bagaimana kesesuaian tugas PKL dengan program keahlian Anda?"),
       "scale", options=PKL_RATING, required=False),
    # Asked until smk-2026.2; kept so older answers and paper forms stay readable.
    _q("mutu_pkl", _("Seberapa bermanfaat PKL untuk pekerjaan atau studi Anda?"), "scale",
       options=USEFULNESS, required=False, asked=False),
    _q("saran", _("Saran untuk sekolah"), "textarea", required=False),
]  # fmt: skip
CORE_KEYS = {ACTIVITY.key} | {q.key for q in CORE}


@dataclass
class Checked:
    """Validated answers ready to store, and each problem by question key."""

    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def questions_for(
    activity: str, extra: list[dict[str, Any]] | None = None, *, shown_only: bool = True
) -> list[Question]:
    """The questions after the activity question, for that activity, custom ones last."""
    asked = [q for q in CORE if q.applies(activity) and (q.asked or not shown_only)]
    return asked + [custom_question(item) for item in extra or []]


def custom_question(item: dict[str, Any]) -> Question:
    options = tuple((o, o) for o in item.get("options", []))
    return Question(
        key=item["key"],
        label=item["label"],
        kind="choice" if options else "text",
        options=options,
        required=bool(item.get("required")),
    )


def check_answers(
    raw: dict[str, Any],
    *,
    extra: list[dict[str, Any]] | None = None,
    resolvers: Resolvers,
    partial: bool = False,
    required: set[str] | None = None,
) -> Checked:
    """Validate a full or partial answer set. With `partial`, missing answers are fine (the
    person is saving to finish later), but what is there must still be valid. `required`
    overrides which questions must be answered (paper forms ask less than the web)."""
    result = Checked()
    raw = _course_as_activity(raw)
    activity = clean_text(raw.get(ACTIVITY.key))
    if activity not in Activity.values:
        if activity or not partial:
            result.errors[ACTIVITY.key] = str(_("Pilih kegiatan utama Anda."))
        return result
    result.answers[ACTIVITY.key] = activity
    for question in questions_for(activity, extra, shown_only=False):
        value = raw.get(question.key)
        if value is None or clean_text(value) == "":
            must = question.required if required is None else question.key in required
            if must and not partial:
                result.errors[question.key] = str(_("Pertanyaan ini wajib dijawab."))
            continue
        try:
            result.answers[question.key] = _parse(question, value, resolvers)
        except ValueProblem as problem:
            result.errors[question.key] = str(problem)
    _check_together(result, web=required is None and not partial)
    return result


def _course_as_activity(raw: dict[str, Any]) -> dict[str, Any]:
    """An old-style answer 'melanjutkan, level kursus' is the course activity."""
    level = clean_text(raw.get("jenjang_studi")).lower()
    if clean_text(raw.get(ACTIVITY.key)) != STUDYING or level != LEGACY_COURSE_LEVEL:
        return raw
    moved = {k: v for k, v in raw.items() if k not in {"jenjang_studi", "biaya_studi"}}
    return {**moved, ACTIVITY.key: COURSE.value}


def _check_together(result: Checked, *, web: bool) -> None:
    """Checks across answers: the second activity, and the first job for masa tunggu."""
    answers, errors = result.answers, result.errors
    if answers.get("kegiatan_lain") == answers[ACTIVITY.key]:
        errors["kegiatan_lain"] = gettext("Kegiatan lain harus berbeda dari kegiatan utama.")
    first, current = answers.get("tanggal_kerja_pertama"), answers.get("tanggal_mulai")
    if first and current and first > current:
        errors["tanggal_kerja_pertama"] = gettext(
            "Pekerjaan pertama tidak bisa dimulai setelah pekerjaan sekarang."
        )
    # The web form asks the first job's start of everyone who changed jobs; paper forms
    # may lack it, and masa tunggu then stays unknown for that person (never the current
    # job's start, which would make the wait grow with every change).
    if web and answers.get("jumlah_pindah_kerja") and not first:
        applies = any(
            q.key == "tanggal_kerja_pertama" for q in questions_for(answers[ACTIVITY.key])
        )
        if applies:
            errors["tanggal_kerja_pertama"] = gettext(
                "Anda pernah berganti pekerjaan: isi kapan pekerjaan pertama Anda dimulai."
            )


@dataclass(frozen=True)
class Resolvers:
    """Lookups that need the database, passed in so this module stays easy to test."""

    region: Callable[[str], dict[str, str]]  # text -> {"code": ..} or {"country": ..}
    kbji: Callable[[str], str]  # job title -> major group digit
    kbli: Callable[[str], str]  # section letter or name -> letter


def _parse(question: Question, value: Any, resolvers: Resolvers) -> Any:
    text = clean_text(value)
    if question.kind in {"choice", "scale"}:
        allowed = {str(code) for code, _ in question.options}
        if text.lower() in allowed:
            return text.lower()
        if text in allowed:
            return text
        raise ValueProblem(gettext("“%(text)s” bukan pilihan yang tersedia.") % {"text": text})
    if question.kind == "number":
        return _in_range(_number(text), question)
    if question.kind == "rupiah":
        amount = parse_rupiah(text, gettext("Jumlah"))
        return None if amount is None else _in_range(amount, question)
    if question.kind == "month":
        return _month(value)
    if question.kind == "region":
        return resolvers.region(text)
    if question.kind == "kbji":
        return {"title": text[:100], "kbji": resolvers.kbji(text)}
    if question.kind == "kbli":
        return resolvers.kbli(text)
    return text[:1000] if question.kind == "textarea" else text[:200]


def _number(text: str) -> int:
    """A whole count (hours, months, job changes): digits only, so "1,5" is never read as 1."""
    if not is_digits(text):
        raise ValueProblem(
            gettext("Isi dengan angka bulat saja, bukan “%(text)s”.") % {"text": text}
        )
    return int(text)


def _in_range(number: int, question: Question) -> int:
    low, high = question.minimum, question.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueProblem(
            gettext("Angka %(n)s di luar rentang yang masuk akal (%(low)s–%(high)s).")
            % {"n": number, "low": low, "high": high}
        )
    return number


def _month(value: Any) -> str:
    """A month from a month input ('2025-08'), '08/2025', 'Agustus 2025' or a full date;
    stored as the first of the month."""
    text = clean_text(value)
    if isinstance(value, str):
        if len(text) == 7 and text[4] in "-/":
            text = f"{text[:4]}-{text[5:]}-01"
        elif len(text) in (6, 7) and text[-5] in "-/." and is_digits(text[-4:]):
            text = f"01-{text}"  # 08/2025 or 8-2025
        elif len(text.split()) == 2 and is_digits(text.split()[1]):
            text = f"1 {text}"  # Agustus 2025
    date = parse_date(value if not isinstance(value, str) else text, gettext("Tanggal mulai"))
    if date is None:
        raise ValueProblem(gettext("Tanggal mulai wajib diisi."))
    if date > dt.date.today() + dt.timedelta(days=31):
        raise ValueProblem(gettext("Tanggal mulai tidak boleh di masa depan."))
    if date.year < 2000:
        raise ValueProblem(gettext("Tanggal mulai terlalu lama."))
    return date.replace(day=1).isoformat()


def is_formal(answers: dict[str, Any]) -> bool | None:
    """Formal work by the BPS definition, from the employment status; None when unknown.
    A paper form may say it directly."""
    if answers.get("formal") in {"ya", "tidak"}:
        return answers["formal"] == "ya"
    status = answers.get("status_pekerjaan")
    return status in FORMAL_STATUSES if status else None
