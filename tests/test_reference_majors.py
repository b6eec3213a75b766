"""The Spektrum Keahlian SMK (Kepka BSKAP 024/H/KR/2022) as loaded, and the names schools use."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from jejak.alumni.models import Alumnus, SchoolClass
from jejak.reference import loading
from jejak.reference.lookup import find_major_id, major_lookup_table, normalise
from jejak.reference.models import Major, MajorAlias

pytestmark = pytest.mark.django_db

# The first file shipped (a partial, partly wrong stand-in) numbered majors differently:
# code 1.1.1 was TKJ there and is Teknik Perawatan Gedung in the Kepka.
OLD_EDITION = """level,code,name,parent_code,abbreviations,kk2018
bidang,1,Teknologi Informasi,,,
program,1.1,Teknik Jaringan Komputer dan Telekomunikasi,1,,
konsentrasi,1.1.1,Teknik Komputer dan Jaringan,1.1,TKJ,Teknik Komputer dan Jaringan
bidang,2,Bisnis dan Manajemen,,,
program,2.1,Akuntansi dan Keuangan Lembaga,2,,
konsentrasi,2.1.1,Akuntansi,2.1,AKL;AK,Akuntansi dan Keuangan Lembaga
konsentrasi,2.3.1,Pemasaran,2.1,BDP;PM,Bisnis Daring dan Pemasaran
bidang,6,Kesehatan,,,
konsentrasi,6.2.1,Asisten Keperawatan,6,KEP;KEPERAWATAN,Asisten Keperawatan
konsentrasi,6.3.1,Kuliner,6,KUL;KULINER;TB,Tata Boga
"""


def file_rows() -> list[dict[str, str]]:
    return list(loading.read_data_file("spektrum_keahlian_2022.csv"))


def konsentrasi(name: str) -> Major:
    return Major.objects.get(level=Major.Level.CONCENTRATION, name=name)


def test_counts_per_level_match_the_kepka() -> None:
    counts = {level: Major.objects.filter(level=level).count() for level in Major.Level.values}
    assert counts == {"bidang": 10, "program": 50, "konsentrasi": 128}


def test_every_program_sits_in_a_bidang_and_every_konsentrasi_in_a_program() -> None:
    for major in Major.objects.select_related("parent"):
        expected_parent = {"bidang": None, "program": "bidang", "konsentrasi": "program"}
        parent_level = major.parent.level if major.parent else None
        assert parent_level == expected_parent[major.level], major.code
        if major.parent:
            assert major.code.rsplit(".", 1)[0] == major.parent.code


def test_file_lists_parents_before_children_in_the_kepka_order() -> None:
    seen: set[str] = set()
    previous: tuple[int, ...] = ()
    for row in file_rows():
        assert row["parent_code"] == "" or row["parent_code"] in seen, row["code"]
        seen.add(row["code"])
        position = tuple(int(part) for part in row["code"].split("."))
        assert position > previous, row["code"]
        previous = position


def test_bidang_are_the_ten_of_the_kepka() -> None:
    names = list(Major.objects.filter(level="bidang").order_by("pk").values_list("name", flat=True))
    assert sorted(names) == sorted(
        [
            "Teknologi Konstruksi dan Properti",
            "Teknologi Manufaktur dan Rekayasa",
            "Energi dan Pertambangan",
            "Teknologi Informasi",
            "Kesehatan dan Pekerjaan Sosial",
            "Agribisnis dan Agriteknologi",
            "Kemaritiman",
            "Bisnis dan Manajemen",
            "Pariwisata",
            "Seni dan Ekonomi Kreatif",
        ]
    )


@pytest.mark.parametrize(
    ("text", "name", "program"),
    [
        ("TKJ", "Teknik Komputer dan Jaringan", "Teknik Jaringan Komputer dan Telekomunikasi"),
        ("RPL", "Rekayasa Perangkat Lunak", "Pengembangan Perangkat Lunak dan Gim"),
        ("AKL", "Akuntansi", "Akuntansi dan Keuangan Lembaga"),
        ("TKR", "Teknik Kendaraan Ringan", "Teknik Otomotif"),
        ("TBSM", "Teknik Sepeda Motor", "Teknik Otomotif"),
        ("TITL", "Teknik Instalasi Tenaga Listrik", "Teknik Ketenagalistrikan"),
        ("DKV", "Desain Komunikasi Visual", "Desain Komunikasi Visual"),
        ("MM", "Desain Komunikasi Visual", "Desain Komunikasi Visual"),
        ("MPLB", "Manajemen Perkantoran", "Manajemen Perkantoran dan Layanan Bisnis"),
        ("OTKP", "Manajemen Perkantoran", "Manajemen Perkantoran dan Layanan Bisnis"),
        ("BDP", "Bisnis Digital", "Pemasaran"),
        ("ATPH", "Agribisnis Tanaman Pangan dan Hortikultura", "Agribisnis Tanaman"),
        ("Farmasi", "Layanan Penunjang Kefarmasian Klinis dan Komunitas", "Teknologi Farmasi"),
        ("Keperawatan", "Layanan Penunjang Keperawatan dan Caregiving", "Layanan Kesehatan"),
        ("Kuliner", "Kuliner", "Kuliner"),
        ("TB", "Kuliner", "Kuliner"),
        ("Teknik Komputer & Jaringan", "Teknik Komputer dan Jaringan", None),
        ("Otomatisasi dan Tata Kelola Perkantoran", "Manajemen Perkantoran", None),
        ("Multimedia", "Desain Komunikasi Visual", None),
        ("Tata Boga", "Kuliner", None),
        ("Teknik Kendaraan Ringan Otomotif", "Teknik Kendaraan Ringan", None),
        ("Teknik dan Bisnis Sepeda Motor", "Teknik Sepeda Motor", None),
        ("Bisnis Daring dan Pemasaran", "Bisnis Digital", None),
        ("Teknik Pendinginan dan Tata Udara", "Teknik Pemanasan, Tata Udara, dan Pendinginan "
         "(Heating, Ventilation, and Air Conditioning)", None),
        ("Teknik Perancangan dan Gambar Mesin", "Desain Gambar Mesin", None),
        ("Bisnis Konstruksi dan Properti", "Teknik Konstruksi dan Perumahan", None),
        ("Akomodasi Perhotelan", "Perhotelan", None),
        ("Farmasi Klinis dan Komunitas", "Layanan Penunjang Kefarmasian Klinis dan Komunitas",
         None),
    ],
)  # fmt: skip
def test_names_schools_use_resolve_to_the_right_konsentrasi(
    text: str, name: str, program: str | None
) -> None:
    major = Major.objects.select_related("parent").get(pk=find_major_id(text, major_lookup_table()))
    assert (major.level, major.name) == ("konsentrasi", name)
    if program:
        assert major.parent is not None and major.parent.name == program


def test_every_konsentrasi_name_and_2018_name_resolves_to_its_row() -> None:
    table = major_lookup_table()
    for row in file_rows():
        major_id = Major.objects.get(code=row["code"]).pk
        texts = [t for t in row["kk2018"].split(";") if t]
        if row["level"] == "konsentrasi":
            texts.append(row["name"])
        for text in texts:
            assert find_major_id(text, table) == major_id, text


def test_program_abbreviations_name_the_program() -> None:
    table = major_lookup_table()
    for text, name in [("PPLG", "Pengembangan Perangkat Lunak dan Gim"),
                       ("TJKT", "Teknik Jaringan Komputer dan Telekomunikasi")]:  # fmt: skip
        major = Major.objects.get(pk=find_major_id(text, table))
        assert (major.level, major.name) == ("program", name)


def test_no_alias_names_two_majors() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in file_rows():
        for _kind, text in loading._alias_texts(row):
            owners[normalise(text)].add(row["code"])
    shared = {key: codes for key, codes in owners.items() if len(codes) > 1}
    assert shared == {}
    # find_major_id also matches with the spaces taken out, so those must not collide either
    compact: dict[str, set[str]] = defaultdict(set)
    for key, codes in owners.items():
        compact[key.replace(" ", "")] |= codes
    assert {k: c for k, c in compact.items() if len(c) > 1} == {}
    assert MajorAlias.objects.count() == len(owners)


def test_display_abbreviation_is_the_first_listed() -> None:
    assert konsentrasi("Teknik Komputer dan Jaringan").abbreviation == "TKJ"
    assert konsentrasi("Manajemen Perkantoran").abbreviation == "MPLB"
    assert konsentrasi("Teknik Sepeda Motor").abbreviation == "TSM"


def test_loading_again_changes_nothing() -> None:
    before = list(Major.objects.order_by("pk").values_list("pk", "code", "name", "parent_id"))
    aliases = set(MajorAlias.objects.values_list("key", "major_id"))
    call_command("load_reference", stdout=StringIO())
    assert list(Major.objects.order_by("pk").values_list("pk", "code", "name", "parent_id")) == (
        before
    )
    assert set(MajorAlias.objects.values_list("key", "major_id")) == aliases


def test_loading_over_the_old_edition_keeps_alumni_on_their_major(
    tmp_path: Path, monkeypatch: Any, jember: Any
) -> None:
    MajorAlias.objects.all().delete()
    Alumnus.objects.update(major=None)
    SchoolClass.objects.update(major=None)
    jember.school.majors.clear()
    for level in ("konsentrasi", "program", "bidang"):
        Major.objects.filter(level=level).delete()
    (tmp_path / "spektrum_keahlian_2022.csv").write_text(OLD_EDITION, encoding="utf-8")
    monkeypatch.setattr(loading, "DATA_DIR", tmp_path)
    loading.load_majors(Major, MajorAlias)
    old = {m.name: m.pk for m in Major.objects.all()}
    alumnus = Alumnus.objects.filter(organisation=jember.school).first()
    assert alumnus is not None
    alumnus.major_id = old["Teknik Komputer dan Jaringan"]
    alumnus.save()
    monkeypatch.undo()

    loading.load_majors(Major, MajorAlias)

    alumnus.refresh_from_db()
    assert (alumnus.major.code, alumnus.major.name) == ("4.2.1", "Teknik Komputer dan Jaringan")
    assert Major.objects.get(code="1.1.1").name == "Teknik Perawatan Gedung"
    assert Major.objects.get(pk=old["Akuntansi"]).code == "8.3.3"
    assert Major.objects.get(pk=old["Pemasaran"]).name == "Bisnis Digital"
    assert Major.objects.get(pk=old["Asisten Keperawatan"]).code == "5.1.1"
    assert Major.objects.get(pk=old["Kuliner"]).code == "9.3.1"
    stale = set(Major.objects.filter(code__startswith="old-").values_list("name", flat=True))
    assert stale == {"Kesehatan"}  # no 2022 bidang has that name; kept, not deleted
    assert Major.objects.exclude(code__startswith="old-").count() == 188
    assert find_major_id("TKJ", major_lookup_table()) == old["Teknik Komputer dan Jaringan"]
