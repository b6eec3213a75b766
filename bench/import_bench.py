"""import_ratio: importing a 12,000-row Dapodik export, over the floor of merely reading it
with python-calamine and inserting the raw rows into a bare SQLite table."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

ROWS = 12_000
REPEATS = 3


def make_file(path: Path) -> bytes:
    from jejak.demo.dapodik import person_row, write_dapodik_xlsx
    from jejak.demo.people import make_person

    rng = random.Random(12_000)
    majors = ["TKJ", "RPL", "AKL", "TKR", "TBSM", "DKV", "MPLB", "TITL"]
    rows = [
        person_row(n, make_person(rng, 2025, n), f"XII {majors[n % 8]} {1 + n % 3}")
        for n in range(1, ROWS + 1)
    ]
    data = write_dapodik_xlsx(rows, school_name="SEMUA SMK KABUPATEN JEMBER")
    path.write_bytes(data)
    return data


def floor(path: Path, work: Path, index: int) -> float:
    import python_calamine

    start = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    width = max(len(r) for r in rows)
    db = sqlite3.connect(work / f"floor-{index}.sqlite3")
    columns = ", ".join(f"c{i}" for i in range(width))
    db.execute(f"CREATE TABLE raw ({columns})")
    marks = ", ".join("?" for _ in range(width))
    padded = [[str(c) for c in r] + [""] * (width - len(r)) for r in rows]
    db.executemany(f"INSERT INTO raw VALUES ({marks})", padded)
    db.commit()
    db.close()
    return time.perf_counter() - start


def jejak_import(data: bytes, index: int) -> tuple[float, dict[str, Any]]:
    from jejak.alumni.importing import import_alumni
    from jejak.organisations.models import Organisation

    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name=f"Bench {index}", region_id="35.09",
        npsn=f"9{index:07d}",
    )  # fmt: skip
    start = time.perf_counter()
    result = import_alumni(organisation=school, cohort=2025, data=data, filename="dapodik.xlsx")
    return time.perf_counter() - start, result.as_dict()


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    path = work / "dapodik-12000.xlsx"
    data = make_file(path)
    floors, imports = [], []
    summary: dict[str, Any] = {}
    for index in range(REPEATS):
        floors.append(floor(path, work, index))
        seconds, summary = jejak_import(data, index)
        imports.append(seconds)
    ratio = statistics.median(imports) / statistics.median(floors)
    details = {
        "rows": ROWS,
        "floor_seconds": [round(s, 3) for s in floors],
        "import_seconds": [round(s, 3) for s in imports],
        "created": summary["created"],
        "rejected": summary["rejected"],
        "goal": "import_ratio <= 3",
    }
    return {"import_ratio": round(ratio, 2)}, details
