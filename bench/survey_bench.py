"""survey_page_bytes and submit_ratio: the survey on a real server (gunicorn, one worker).

survey_page_bytes: the gzip-compressed size of the heaviest survey page (the questions
for "working", with its inline CSS; the page loads no other asset). Goal <= 20,000.
submit_ratio: full valid submissions per second (each a distinct alumnus's complete answer
set, consent included, in one POST) over the same server's requests per second on a trivial
view, measured in the same run with the same client. Goal >= 0.5. p99 latency and errors
are reported; errors must be 0.
"""

from __future__ import annotations

import gzip
import http.client
import json
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.server import running_server

ANSWER = {
    "persetujuan": "setuju", "kegiatan": "bekerja", "tanggal_mulai": "2025-08",
    "nama_instansi": "PT Sinar Jaya", "status_pekerjaan": "buruh", "jabatan": "operator produksi",
    "kbli": "C", "wilayah_kerja": "Kabupaten Jember", "penghasilan": "2800000",
    "jam_per_minggu": "40", "keselarasan": "3", "cara_dapat_kerja": "bkk", "aksi": "kirim",
}  # fmt: skip
CLIENTS = 4
TRIVIAL_REQUESTS = 1500


def _request(base: str, method: str, path: str, body: bytes | None = None) -> tuple[int, float]:
    parts = urllib.parse.urlsplit(base)
    start = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    finally:
        connection.close()


def _load(base: str, calls: list[tuple[str, str, bytes | None]]) -> dict[str, Any]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda call: _request(base, *call), calls))
    elapsed = time.perf_counter() - start
    latencies = sorted(seconds for _, seconds in results)
    errors = sum(1 for status, _ in results if status >= 400)
    return {
        "requests": len(calls),
        "per_second": round(len(calls) / elapsed, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
        "errors": errors,
        "statuses": sorted({status for status, _ in results}),
    }


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from bench.server import fresh_database

    with fresh_database(work) as url, running_server(work, url, threads=1) as server:
        server.manage("seed_demo", "--schools", "6", "--cohorts", "2", "--seed", "9", "--force")
        year = json.loads(server.manage("shell", "--no-imports", "-c", _COHORTS))[0]
        codes = [
            server.manage("campaign_open", "--school", npsn, "--cohort", str(year)).strip()
            for npsn in json.loads(server.manage("shell", "--no-imports", "-c", _SCHOOLS))
        ]
        paths = []
        for code in codes:
            for row in server.manage("campaign_links", "--campaign", code).splitlines()[1:]:
                paths.append(urllib.parse.urlsplit(row.split(",")[4]).path)
        page_bytes = _page_bytes(server.url, paths[0])
        body = urllib.parse.urlencode(ANSWER).encode()
        for path in paths[1:20]:  # warm up: imports, lookup caches, first queries
            _request(server.url, "GET", "/livez")
            _request(server.url, "POST", path, body)
        trivial = _load(server.url, [("GET", "/livez", None)] * TRIVIAL_REQUESTS)
        submits = _load(server.url, [("POST", path, body) for path in paths[20:]])
        counted = json.loads(server.manage("shell", "--no-imports", "-c", _COUNT))
    ratio = submits["per_second"] / trivial["per_second"]
    details = {
        "survey_pages_gzip_bytes": page_bytes, "trivial": trivial, "submit": submits,
        "responses_stored": counted, "server": "gunicorn, 1 worker, 1 thread, SQLite file",
        "clients": CLIENTS, "goal": "survey_page_bytes <= 20000, submit_ratio >= 0.5",
    }  # fmt: skip
    metrics = {
        "survey_page_bytes": max(page_bytes.values()),
        "submit_ratio": round(ratio, 3),
        "submit_p99_ms": submits["p99_ms"],
        "submit_errors": submits["errors"],
    }
    return metrics, details


def _page_bytes(base: str, path: str) -> dict[str, int]:
    """The first page (consent and activity) and the heaviest (questions for working)."""
    sizes = {}
    sizes["start"] = _gzip_size(base, path)
    consent = urllib.parse.urlencode({"persetujuan": "setuju", "kegiatan": "bekerja",
                                      "aksi": "simpan"}).encode()  # fmt: skip
    _request(base, "POST", path, consent)
    sizes["questions_working"] = _gzip_size(base, path)
    return sizes


def _gzip_size(base: str, path: str) -> int:
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.getheader("Content-Encoding") != "gzip":
        body = gzip.compress(body)
    return len(body)


_COHORTS = (
    "import json; from jejak.alumni.models import Alumnus; "
    "print(json.dumps(sorted(set(Alumnus.objects.values_list('cohort', flat=True)))))"
)
_SCHOOLS = (
    "import json; from jejak.organisations.models import Organisation; "
    "print(json.dumps(list(Organisation.objects.filter(kind='school')"
    ".values_list('npsn', flat=True))))"
)
_COUNT = (
    "import json; from jejak.tracer.models import Response; "
    "print(json.dumps(Response.objects.filter(state='submitted').count()))"
)
