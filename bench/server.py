"""A real Jejak server in a subprocess, on a fresh database, for load and concurrency checks.

Used by the benchmark (submit_ratio) and by the concurrency test: both need what a
production server does (separate processes and connections, a real WSGI server), which
Django's test client and in-memory SQLite cannot show.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    env: dict[str, str]
    pid: int = 0  # gunicorn's master process

    def cpu_seconds(self) -> float:
        """CPU time the server's worker processes have used so far (Linux /proc): a cost
        that, unlike seconds on the clock, other load on the machine does not inflate."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for child in children:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
            capture_output=True, text=True, timeout=1200,
        )  # fmt: skip
        return done.stdout


@contextlib.contextmanager
def fresh_database(workdir: Path, base: str | None = None) -> Iterator[str]:
    """A new empty database: an SQLite file, or (when `base`, by default DATABASE_URL, is
    PostgreSQL) a new PostgreSQL database beside it, dropped afterwards."""
    base = os.environ.get("DATABASE_URL", "") if base is None else base
    if not base.startswith("postgres"):
        yield f"sqlite:///{workdir / f'jejak-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    import psycopg

    name = f"jejak_check_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_server(
    workdir: Path, database_url: str, *, threads: int = 1, app: str = "jejak.wsgi"
) -> Iterator[Server]:
    """Migrate `database_url`, then serve it with gunicorn (one worker) until the block ends.
    `app` "bench.wsgi" adds the bench-only URLs (bench/urls.py) to Jejak's."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "JEJAK_VAR_DIR": str(workdir),
        "DJANGO_DEBUG": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # As in production: background work (rollup refreshes, emails) is queued for the
        # worker, which does not run here, so the figures are the web process's own.
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "SURVEY_LOOKUPS_PER_MINUTE": "100000",
        "LOG_LEVEL": "ERROR",
    }
    port = _free_port()
    server = Server(url=f"http://127.0.0.1:{port}", env=env)
    server.manage("migrate", "--noinput")
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", app, "--workers", "1", "--threads", str(threads),
         "--bind", f"127.0.0.1:{port}", "--log-level", "error", "--timeout", "60"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    server.pid = process.pid
    try:
        _wait_until_up(server.url + "/accounts/login/")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not start at {url}")
