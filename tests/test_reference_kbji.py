"""KBJI 2014 down to its unit groups, as loaded from `kbji_2014.csv`."""

from __future__ import annotations

import importlib
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from jejak.reference import loading
from jejak.reference.classify import normalise_title
from jejak.reference.models import Occupation

pytestmark = pytest.mark.django_db


def file_rows() -> list[dict[str, str]]:
    return list(loading.read_data_file(loading.KBJI_FILE))


def test_every_level_is_loaded_with_the_isco_08_counts() -> None:
    counts = Counter(Occupation.objects.values_list("level", flat=True))
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}


def test_each_group_sits_under_the_group_its_code_starts_with() -> None:
    for occupation in Occupation.objects.select_related("parent"):
        assert occupation.level == len(occupation.code), occupation.code
        if occupation.level == 1:
            assert occupation.parent is None
        else:
            assert occupation.parent is not None, occupation.code
            assert occupation.parent.code == occupation.code[:-1]
            assert occupation.parent.level == occupation.level - 1


def test_file_lists_parents_first_with_unique_codes_and_both_names() -> None:
    seen: set[str] = set()
    for row in file_rows():
        assert row["code"] not in seen
        assert not row["parent_code"] or row["parent_code"] in seen, row["code"]
        assert row["name"].strip() and row["name_en"].strip(), row["code"]
        assert "  " not in row["name_en"], row["code"]  # the transcription's double spaces
        seen.add(row["code"])


def test_unit_groups_carry_the_ilo_titles() -> None:
    english = dict(Occupation.objects.values_list("code", "name_en"))
    assert english["2512"] == "Software Developers"
    assert english["7212"] == "Welders and Flame Cutters"
    assert english["522"] == "Shop Salespersons"  # "Shop Aalespersons" in the transcription
    assert english["3331"] == "Clearing and Forwarding Agents"


def test_group_zero_is_tni_and_polri_with_its_ranks() -> None:
    assert "Kepolisian" in Occupation.objects.get(code="0").name
    ranks = Occupation.objects.filter(parent_id="0").values_list("name", flat=True)
    assert sorted(ranks) == ["Bintara TNI dan Polri", "Perwira TNI dan Polri",
                             "Tamtama TNI dan Polri"]  # fmt: skip
    assert Occupation.objects.filter(code__startswith="0", level=4).count() == 3


def test_reloading_keeps_existing_codes_and_repairs_levels_and_names() -> None:
    major = Occupation.objects.get(code="7")
    Occupation.objects.filter(code="7212").update(name="diubah", level=1)
    count = Occupation.objects.count()
    call_command("load_reference", stdout=StringIO())
    assert Occupation.objects.count() == count
    welder = Occupation.objects.get(code="7212")
    assert (welder.level, welder.name) == (4, "Tukang Las dan Pemotong Logam dengan Api")
    assert Occupation.objects.get(code="7").pk == major.pk


def test_job_titles_map_to_existing_unit_groups_inside_their_major_group() -> None:
    codes = set(Occupation.objects.values_list("code", flat=True))
    keys: set[str] = set()
    rows = list(loading.read_data_file("kbji_2014_job_titles.csv"))
    assert len(rows) >= 150
    for row in rows:
        assert row["kbji"] in codes and len(row["kbji"]) == 1, row["title"]
        if row["unit_group"]:
            assert row["unit_group"] in codes and len(row["unit_group"]) == 4, row["title"]
            assert row["unit_group"].startswith(row["kbji"]), row["title"]
        key = normalise_title(row["title"])
        assert key not in keys, row["title"]
        keys.add(key)


def test_reference_check_prints_the_counts_per_level() -> None:
    out = StringIO()
    call_command("reference_check", stdout=out)
    text = out.getvalue()
    for line in ("1 Golongan pokok: 10", "2 Sub golongan pokok: 43", "3 Golongan: 130",
                 "4 Sub golongan: 436", "golongan pokok (data file): 88",
                 "kategori (database): 21", "Konsentrasi Keahlian: 128"):  # fmt: skip
        assert line in text, text
    Occupation.objects.filter(level=4, code__startswith="9").delete()
    out = StringIO()
    call_command("reference_check", stdout=out)
    assert "4 Sub golongan: 403" in out.getvalue()


def test_data_migration_upgrades_a_database_holding_only_major_groups() -> None:
    """A database loaded before this edition has the 10 golongan pokok, all at level 1."""
    from django.apps import apps

    migration = importlib.import_module(
        "jejak.reference.migrations.0006_load_kbji_2014_unit_groups"
    )
    for level in (4, 3, 2):  # children first: `parent` protects
        Occupation.objects.filter(level=level).delete()
    Occupation.objects.filter(code="7").update(name="Pekerja Pengolahan (lama)")
    migration.load(apps, None)
    migration.load(apps, None)  # idempotent
    counts = Counter(Occupation.objects.values_list("level", flat=True))
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}
    assert Occupation.objects.get(code="7").name == "Pekerja Pengolahan, Kerajinan dan YBDI"
