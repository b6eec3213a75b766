"""A double tap, a retry over a bad connection, or 20 concurrent POSTs of the same link leave
exactly one response and no 5xx. Proved against a real server (gunicorn, one worker, eight
threads) on a fresh SQLite file, or on a fresh PostgreSQL database in the PostgreSQL pass."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.server import fresh_database, running_server

FULL_ANSWER = {
    "persetujuan": "setuju", "kegiatan": "bekerja", "tanggal_mulai": "2025-08",
    "nama_instansi": "PT Sinar Jaya", "status_pekerjaan": "buruh", "jabatan": "kasir",
    "kbli": "G", "wilayah_kerja": "Kabupaten Jember", "penghasilan": "2500000",
    "jam_per_minggu": "40", "keselarasan": "3", "cara_dapat_kerja": "bkk", "aksi": "kirim",
}  # fmt: skip


def _post(url: str, body: bytes) -> int:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", parts.path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.slow
def test_twenty_concurrent_submissions_leave_one_response(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url, running_server(tmp_path, url, threads=8) as server:
        server.manage("seed_demo", "--schools", "1", "--cohorts", "2", "--seed", "5", "--force")
        npsn = "20523100"
        year = json.loads(server.manage("shell", "--no-imports", "-c", _PRINT_COHORTS))[0]
        code = server.manage("campaign_open", "--school", npsn, "--cohort", str(year)).strip()
        first = server.manage("campaign_links", "--campaign", code).splitlines()[1].split(",")
        link = first[4]
        target = server.url + urllib.parse.urlsplit(link).path
        body = urllib.parse.urlencode(FULL_ANSWER).encode()
        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(lambda _: _post(target, body), range(20)))
        assert all(status < 500 for status in statuses), statuses
        assert statuses.count(302) >= 1
        counts = json.loads(server.manage("shell", "--no-imports", "-c", _COUNT % code))
        assert counts == {"responses": 1, "events": 1, "submitted": 1}


_PRINT_COHORTS = (
    "import json; from jejak.alumni.models import Alumnus; "
    "print(json.dumps(sorted(set(Alumnus.objects.values_list('cohort', flat=True)))))"
)
_COUNT = (
    "import json; from jejak.tracer.models import Response; "
    "from jejak.outcomes.models import OutcomeEvent; "
    "r = Response.objects.filter(campaign__code='%s'); "
    "print(json.dumps({'responses': r.count(), 'submitted': r.filter(state='submitted').count(), "
    "'events': OutcomeEvent.objects.filter(response__in=r).count()}))"
)
