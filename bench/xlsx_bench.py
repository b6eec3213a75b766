"""xlsx_export_peak_mb: peak memory of a 1,000,000-row export through jejak.lib.xlsx_stream,
the helper behind the labour office's list of placed alumni and the report workbooks.

Measured in a fresh subprocess as the rise of its resident set (peak VmHWM minus VmRSS once
everything is imported), so the figure is what the export itself costs a worker. Goal <= 200.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROWS = 1_000_000

CHILD = r"""
import json, sys, time
from jejak.lib.xlsx_stream import write_table_stream

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB -> MB

rows_wanted, target = int(sys.argv[1]), sys.argv[2]
headers = ["sekolah", "npsn", "nama", "nisn", "jenis_kelamin", "jurusan", "alamat",
           "tempat_kerja", "kbli", "kbji", "wilayah_kerja", "akl_akad_akan", "tanggal_mulai",
           "upah"]

def rows():
    for n in range(rows_wanted):
        yield ["SMK Negeri %d Jember" % (n % 300), "2052%04d" % (n % 9999),
               "Alumni Nomor %d" % n, "%010d" % n, "LP"[n % 2], "Teknik Komputer dan Jaringan",
               "Jl. Mawar %d, RT 01/RW 02, Kel. Patrang" % n, "=PT Maju %d" % (n % 500),
               "C", "7", "Kabupaten Jember", "AKL", "2026-03-%02d" % (1 + n % 28),
               2_800_000 + n % 1000]

baseline = status("VmRSS")
start = time.perf_counter()
count = write_table_stream(target, headers, rows(), sheet="Penempatan",
                           text_columns=("npsn", "nisn", "kbli", "kbji"))
seconds = time.perf_counter() - start
print(json.dumps({"rows": count, "seconds": seconds, "baseline_mb": baseline,
                  "peak_mb": status("VmHWM")}))
"""


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    target = work / "placements-1m.xlsx"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROWS), str(target)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    rise = measured["peak_mb"] - measured["baseline_mb"]
    details = {
        "rows": measured["rows"],
        "export_seconds": round(measured["seconds"], 1),
        "wall_seconds": round(time.perf_counter() - started, 1),
        "process_peak_mb": round(measured["peak_mb"], 1),
        "baseline_mb": round(measured["baseline_mb"], 1),
        "file_mb": round(target.stat().st_size / 2**20, 1),
        "goal": "xlsx_export_peak_mb <= 200",
    }
    target.unlink()
    return {"xlsx_export_peak_mb": round(rise, 1)}, details
