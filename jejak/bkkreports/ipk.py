"""IPK III/1-III/8, defined once: what each table counts, on which dates, in which rows. Every
page, workbook, stored figure, command and test reads these definitions from here.

Everything a flow table counts is a *unit*: a registered job seeker (one AK/1 registration) or
a number of vacancy positions, each with the sex column it is counted in, the day it entered
the register and the day it left it (exclusive, as `Registration.ended_on`), and how it left
(placed/filled or removed). Over a period [start, end]:

- sisa_awal: units in the register on the day before `start`;
- terdaftar: units registered on a day in the period;
- ditempatkan (vacancies: dipenuhi): units that left by placement on a day in the period;
- dihapus: units that left otherwise on a day in the period;
- sisa_akhir: units in the register on `end` (entered on or before it, not yet left).

So sisa_awal + terdaftar - ditempatkan - dihapus = sisa_akhir holds in every row and column by
construction, for a month, a quarter or a year alike. A chained period (see `chain`) opens with
the closing balance of the previous submitted period instead, and counts the difference as
corrections within its own flows, so the identity still holds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy

SEXES = ("L", "P")
SEEKER_MEASURES = ("sisa_awal", "terdaftar", "ditempatkan", "dihapus", "sisa_akhir")
VACANCY_MEASURES = ("sisa_awal", "terdaftar", "dipenuhi", "dihapus", "sisa_akhir")
KINDS = ("AKL", "AKAD", "AKAN")
UNKNOWN = "?"
TOTAL = "JUMLAH"
VACANCY_ROW = "lowongan"
SMK = "SMK"

AGE_GROUPS = ("15-19", "20-29", "30-44", "45-54", "55+")
EDUCATION_LEVELS = ("SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4/S1", "S2", "S3")
KBJI_GROUPS = tuple(str(digit) for digit in range(10))
KBLI_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")
TABLES = ("III/1", "III/2", "III/3", "III/4", "III/5", "III/6", "III/7", "III/8")
SEEKER_TABLES = ("III/1", "III/2", "III/3", "III/7")
VACANCY_TABLES = ("III/4", "III/5", "III/6")

TITLES = {
    "III/1": gettext_lazy("Ikhtisar statistik"),
    "III/2": gettext_lazy(
        "Pencari kerja yang terdaftar menurut jenis pendidikan dan jenis kelamin"
    ),
    "III/3": gettext_lazy(
        "Pencari kerja yang terdaftar menurut golongan pokok jabatan dan jenis kelamin"
    ),
    "III/4": gettext_lazy(
        "Lowongan kerja yang terdaftar menurut jenis pendidikan dan jenis kelamin"
    ),
    "III/5": gettext_lazy(
        "Lowongan kerja yang terdaftar menurut golongan pokok jabatan dan jenis kelamin"
    ),
    "III/6": gettext_lazy(
        "Lowongan kerja yang terdaftar menurut golongan pokok lapangan usaha dan jenis kelamin"
    ),
    "III/7": gettext_lazy("Pencari kerja yang terdaftar, ditempatkan dan dihapuskan"),
    "III/8": gettext_lazy(
        "Penempatan pencari kerja menurut jenis antar kerja dan tingkat pendidikan"
    ),
}

DEFINITIONS = [
    gettext_lazy(
        "Pencari kerja: setiap pendaftaran pencari kerja (AK/1) di BKK, dari tanggal "
        "pendaftaran sampai tanggal berakhirnya (ditempatkan atau dihapus; pada tanggal itu ia "
        "tidak lagi terdaftar). Jenis kelamin dan tanggal lahir dari data alumni; kelompok umur "
        "menurut umur pada tanggal pendaftaran."
    ),
    gettext_lazy(
        "Sisa akhir bulan lalu: terdaftar pada hari sebelum periode. Pendaftaran: tanggal "
        "pendaftaran dalam periode. Penempatan: pendaftaran yang berakhir karena ditempatkan "
        "dalam periode. Penghapusan: pendaftaran yang berakhir karena alasan lain (kedaluwarsa, "
        "tidak melapor, melanjutkan, wirausaha, pindah, permintaan sendiri, lainnya). Sisa "
        "akhir = sisa awal + pendaftaran - penempatan - penghapusan. Untuk triwulan atau tahun, "
        "“bulan” dibaca sebagai periode itu."
    ),
    gettext_lazy(
        "III/2 dan III/4: tingkat pendidikan pendaftaran atau lowongan; baris SMK dirinci per "
        "bidang keahlian (Spektrum Keahlian 2022) dari jurusan yang tercatat; “?” bila bidang "
        "tidak tercatat atau lowongan menerima jurusan dari beberapa bidang."
    ),
    gettext_lazy(
        "III/3: golongan pokok KBJI 2014 (angka pertama kode) dari jabatan yang dicari. Orang "
        "yang mencari beberapa jabatan dihitung sekali, pada jabatan yang pertama dicatat; “?” "
        "bila tidak ada jabatan dicari yang tercatat."
    ),
    gettext_lazy(
        "Lowongan (III/1 baris lowongan, III/4-III/6): dihitung per formasi (jumlah orang yang "
        "dibutuhkan), terdaftar pada tanggal pendaftaran lowongan. Dipenuhi: penempatan melalui "
        "lowongan itu, pada tanggal mulai kerja (paling lambat tanggal tutup). Dihapus: formasi "
        "yang belum terisi pada tanggal lowongan ditutup (tanggal ditutup, atau batas akhir "
        "lamaran bila lebih dulu); lowongan yang ditutup dalam periode tidak termasuk sisa akhir."
    ),
    gettext_lazy(
        "Formasi untuk laki-laki atau perempuan: formulir hanya punya kolom L dan P. Jejak "
        "membaginya dua, separuh di kolom L dan separuh di kolom P (bila ganjil, satu lebih di "
        "L), dan tidak menghitungnya dua kali, agar jumlah L+P sama dengan jumlah formasi. "
        "Penempatan mengisi formasi pada kolom jenis kelamin orang yang ditempatkan, bila penuh "
        "pada kolom lainnya."
    ),
    gettext_lazy(
        "III/5: golongan pokok KBJI 2014 jabatan lowongan. III/6: kategori KBLI 2020 (A-U) "
        "pemberi kerja, dari kode KBLI lowongan."
    ),
    gettext_lazy(
        "III/7: pencari kerja menurut kategori KBLI 2020 lapangan usaha tempat ia ditempatkan; "
        "yang belum atau tidak ditempatkan dihitung pada baris “?”. Tiap ukuran dirinci L, P "
        "dan L+P."
    ),
    gettext_lazy(
        "III/8: pencari kerja yang ditempatkan dalam periode (sama dengan kolom penempatan "
        "III/7) menurut tingkat pendidikan dan jenis antar kerja: AKL di provinsi BKK, AKAD di "
        "provinsi lain, AKAN di luar negeri (BKK tidak boleh menempatkan AKAN, jadi selalu 0). "
        "Pendaftaran yang berakhir ditempatkan tanpa catatan penempatan dihitung AKL dan masuk "
        "daftar perbaikan."
    ),
    gettext_lazy(
        "Periode berantai: bila laporan periode sebelumnya sudah dikirim, sisa awal diambil "
        "dari sisa akhir yang dikirim itu. Perubahan data yang berlaku surut ke periode yang "
        "sudah dikirim tidak mengubah laporan itu; selisihnya dihitung sebagai koreksi pada "
        "pendaftaran (bila bertambah) atau penghapusan (bila berkurang) periode ini, dan "
        "dicantumkan dalam daftar koreksi."
    ),
]


@dataclass(frozen=True)
class Unit:
    """Something a flow table counts: `count` units of one sex column, in the register from
    `entered` to `left` (exclusive; None while still in it), leaving `placed` or removed.
    `keys` maps a table number to the unit's leaf row; `kind` (AKL/AKAD/AKAN) and `education`
    feed III/8 for placed seekers."""

    sex: str
    entered: dt.date
    left: dt.date | None
    placed: bool
    keys: Mapping[str, str]
    count: int = 1
    kind: str = ""
    education: str = ""


def measures_of(number: str, group: str = "") -> tuple[str, ...]:
    if number in VACANCY_TABLES or group == VACANCY_ROW:
        return VACANCY_MEASURES
    return SEEKER_MEASURES


def unit_flow(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int, int, int, int]:
    """(sisa_awal, terdaftar, keluar-ditempatkan, keluar-dihapus, sisa_akhir) of one unit."""
    left = unit.left
    opening = unit.entered < start and (left is None or left >= start)
    registered = start <= unit.entered <= end
    out = left is not None and start <= left <= end
    closing = unit.entered <= end and (left is None or left > end)
    n = unit.count
    return (n * opening, n * registered, n * (out and unit.placed),
            n * (out and not unit.placed), n * closing)  # fmt: skip


@dataclass
class Tally:
    """Leaf counts of one table: (row, "<measure>_<sex>") -> n."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, row: str, measures: Sequence[str], sex: str, values: Iterable[int]) -> None:
        for measure, value in zip(measures, values, strict=True):
            if value:
                self.counts[(row, f"{measure}_{sex}")] += value


def row_order(number: str, bidang: Sequence[str]) -> list[str]:
    """Every leaf and aggregate row of a table, in the form's order."""
    smk = [SMK, *(f"{SMK}:{b}" for b in bidang), f"{SMK}:{UNKNOWN}"]
    education = [row for level in EDUCATION_LEVELS for row in (smk if level == SMK else [level])]
    return {
        "III/1": [*AGE_GROUPS, UNKNOWN, TOTAL, VACANCY_ROW],
        "III/2": [*education, TOTAL],
        "III/3": [*KBJI_GROUPS, UNKNOWN, TOTAL],
        "III/4": [*education, TOTAL],
        "III/5": [*KBJI_GROUPS, UNKNOWN, TOTAL],
        "III/6": [*KBLI_SECTIONS, UNKNOWN, TOTAL],
        "III/7": [*KBLI_SECTIONS, UNKNOWN, TOTAL],
        "III/8": [*EDUCATION_LEVELS, UNKNOWN, TOTAL],
    }[number]


def is_aggregate(number: str, group: str) -> bool:
    """JUMLAH, and the SMK row that sums its bidang rows (III/8 has no bidang rows)."""
    return group == TOTAL or (group == SMK and number != "III/8")


def value_keys(number: str, group: str = "") -> list[str]:
    if number == "III/8":
        return [f"{kind}_{sex}" for kind in KINDS for sex in SEXES]
    return [f"{m}_{sex}" for m in measures_of(number, group) for sex in SEXES]


def build_rows(number: str, counts: Counter[tuple[str, str]], bidang: Sequence[str]) -> list[dict]:
    """The contract's rows: {"group": key, "<measure>_L": n, ...}, with the SMK row summing
    its bidang rows and JUMLAH summing the leaf rows (III/1: the job seekers only)."""
    rows = []
    for group in row_order(number, bidang):
        keys = value_keys(number, group)
        if group == TOTAL:
            members = [g for g in row_order(number, bidang)
                       if not is_aggregate(number, g) and g != VACANCY_ROW]  # fmt: skip
        elif group == SMK and number != "III/8":
            members = [g for g in row_order(number, bidang) if g.startswith("SMK:")]
        else:
            members = [group]
        values = {k: sum(counts[(m, k)] for m in members) for k in keys}
        rows.append({"group": group, **values})
    return rows


def tables_from_units(
    seekers: Iterable[Unit], vacancies: Iterable[Unit], start: dt.date, end: dt.date,
    bidang: Sequence[str],
) -> dict[str, list[dict]]:  # fmt: skip
    """The eight tables for the period [start, end], computed from the units (live). A key
    that is no row of its table (a code outside the classification) counts under "?", so
    nothing falls out of JUMLAH."""
    tallies = {number: Tally() for number in TABLES}
    rows = {n: set(row_order(n, bidang)) - {TOTAL, VACANCY_ROW} for n in TABLES}

    def row(number: str, key: str) -> str:
        return key if key in rows[number] and not is_aggregate(number, key) else UNKNOWN

    for unit in seekers:
        flow = unit_flow(unit, start, end)
        if not any(flow):
            continue
        for number in SEEKER_TABLES:
            tallies[number].add(row(number, unit.keys[number]), SEEKER_MEASURES, unit.sex, flow)
        if flow[2]:  # placed in the period: III/8 (a placement without a record counts AKL)
            kind = unit.kind if unit.kind in KINDS else "AKL"
            tallies["III/8"].counts[(row("III/8", unit.education), f"{kind}_{unit.sex}")] += flow[2]
    for unit in vacancies:
        flow = unit_flow(unit, start, end)
        if not any(flow):
            continue
        tallies["III/1"].add(VACANCY_ROW, VACANCY_MEASURES, unit.sex, flow)
        for number in VACANCY_TABLES:
            tallies[number].add(row(number, unit.keys[number]), VACANCY_MEASURES, unit.sex, flow)
    return {n: build_rows(n, tallies[n].counts, bidang) for n in TABLES}


def leaf_counts(number: str, rows: Iterable[dict]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        if is_aggregate(number, row["group"]):
            continue
        for key, value in row.items():
            if key != "group":
                counts[(row["group"], key)] += value
    return counts


def balance_problems(tables: Mapping[str, list[dict]]) -> list[str]:
    """Every (table, row, sex) where sisa_awal + terdaftar - keluar != sisa_akhir."""
    problems = []
    for number, rows in tables.items():
        if number == "III/8":
            continue
        for row in rows:
            measures = measures_of(number, row["group"])
            for sex in SEXES:
                start, registered, placed, removed, end = (row[f"{m}_{sex}"] for m in measures)
                if start + registered - placed - removed != end:
                    problems.append(f"{number} {row['group']} {sex}")
    return problems


def chain(
    live: dict[str, list[dict]], submitted: Mapping[str, list[dict]], bidang: Sequence[str]
) -> tuple[dict[str, list[dict]], list[dict[str, Any]]]:
    """Open the live tables with the submitted closing balance of the previous period.

    Where the live opening balance differs from what was submitted (a change back-dated into
    the submitted period), the submitted figure stands as sisa_awal and the difference is
    counted in this period's flows: an increase as terdaftar, a decrease as dihapus. Returns
    the chained tables and the corrections, one per table, row and sex that moved."""
    chained: dict[str, list[dict]] = {}
    corrections: list[dict[str, Any]] = []
    for number, rows in live.items():
        if number == "III/8" or number not in submitted:
            chained[number] = rows
            continue
        counts = leaf_counts(number, rows)
        before = {row["group"]: row for row in submitted[number]}
        for row in rows:
            group = row["group"]
            if is_aggregate(number, group):
                continue
            measures = measures_of(number, group)
            for sex in SEXES:
                frozen = int(before.get(group, {}).get(f"sisa_akhir_{sex}", 0))
                now = row[f"sisa_awal_{sex}"]
                if frozen == now:
                    continue
                counts[(group, f"sisa_awal_{sex}")] += frozen - now
                flow = measures[1] if now > frozen else measures[3]
                counts[(group, f"{flow}_{sex}")] += abs(now - frozen)
                corrections.append({"table": number, "group": group, "sex": sex,
                                    "submitted": frozen, "now": now})  # fmt: skip
        chained[number] = build_rows(number, counts, bidang)
    return chained, corrections


def sum_tables(figures: Iterable[Mapping[str, list[dict]]], bidang: Sequence[str]) -> dict:
    """Several BKKs' stored tables added up row by row (a regency's or province's sum)."""
    totals: dict[str, Counter[tuple[str, str]]] = {n: Counter() for n in TABLES}
    for tables in figures:
        for number in TABLES:
            totals[number].update(leaf_counts(number, tables.get(number, [])))
    return {n: build_rows(n, totals[n], bidang) for n in TABLES}


def akl_kind(school_province: str, work_region: str | None, work_country: str) -> str:
    """AKL within the school's province, AKAD in another, AKAN abroad; "" when unknown."""
    country = work_country.strip().lower()
    if country and country not in {"indonesia", "id", "idn", "ri"}:
        return "AKAN"
    if not work_region:
        return ""
    return "AKL" if work_region[:2] == school_province else "AKAD"
