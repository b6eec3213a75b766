"""make bench: time Jejak's hot paths as ratios against floors measured in the same run.

Absolute seconds on these shared machines swing with load; a ratio against a floor measured
moments earlier on the same data does not. Results go to bench/results.json: metric names
to numbers, with the raw timings under "details".
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
RESULTS = HERE / "results.json"


def setup_django() -> None:
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir()
    sys.path.insert(0, str(HERE.parent))
    # BENCH_DATABASE_URL=postgres://... runs the benchmarks on PostgreSQL instead: name an
    # empty database (dropped and created anew before each run), as the SQLite file is.
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{WORK / 'bench.sqlite3'}"
    )
    os.environ["JEJAK_VAR_DIR"] = str(WORK)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jejak.settings")
    # Production-like (DEBUG off), so the settings need a key and hosts: bench-only values.
    os.environ.setdefault("SECRET_KEY", "bench-only-key-not-for-production-7c2e9a4f1b3d5e6a8c0b")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> None:
    setup_django()
    from bench import (
        blk_bench,
        cluster_bench,
        import_bench,
        indicators_bench,
        ipk_bench,
        jobs_bench,
        match_bench,
        province_bench,
        survey_bench,
        xlsx_bench,
    )

    figures: dict[str, float] = {}
    details: dict[str, object] = {}
    modules = (
        import_bench,
        survey_bench,
        jobs_bench,
        xlsx_bench,
        indicators_bench,
        province_bench,
        ipk_bench,
        match_bench,
        blk_bench,
        cluster_bench,  # last: starts its own cluster (skipped when its programs are missing)
    )
    chosen = sys.argv[1:]  # `python bench/run.py survey jobs`: only those, for quick rechecks
    for module in modules:
        if chosen and not any(module.__name__.endswith(f".{name}_bench") for name in chosen):
            continue
        metrics, extra = module.run(WORK)
        if not metrics and not extra:  # skipped (it said why): keep any earlier figures
            continue
        figures.update(metrics)
        details[module.__name__.rsplit(".", 1)[-1]] = extra
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    previous.update(figures)
    previous.setdefault("details", {}).update(details)
    RESULTS.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")
    for name, value in figures.items():
        print(f"{name}: {value}")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
