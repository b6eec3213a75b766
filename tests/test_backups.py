"""`manage.py backup` and `restore`: a backup restored on a fresh machine (a new database and
an empty uploads folder, in new processes) gives back every row, a login, a survey link that
opens and a CV document that downloads. On SQLite with the backup API; on PostgreSQL (when
DATABASE_URL is one) with pg_dump/pg_restore."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from bench.server import fresh_database

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _machine(workdir: Path, database_url: str) -> dict[str, str]:
    workdir.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ, "DATABASE_URL": database_url, "JEJAK_VAR_DIR": str(workdir),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"), "DJANGO_DEBUG": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "LOG_LEVEL": "ERROR",
    }  # fmt: skip


def _manage(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=600, check=False,
    )  # fmt: skip
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _shell(env: dict[str, str], code: str) -> dict:
    out = _manage(env, "shell", "--no-imports", "-c", code).stdout
    return json.loads(out.strip().splitlines()[-1])


def _needs_pg_tools() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres") and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("pg_dump/pg_restore not found: install Debian's postgresql-client")


def test_a_backup_restored_on_a_fresh_machine_gives_everything_back(tmp_path: Path) -> None:
    _needs_pg_tools()
    archive = tmp_path / "cadangan.tar.gz"
    with fresh_database(tmp_path) as source_url:
        source = _machine(tmp_path / "source", source_url)
        _manage(source, "migrate", "--noinput")
        made = _shell(source, "from tests.backup_scenario import make; make()")
        backed_up = _manage(source, "backup", str(archive)).stdout
    assert "Backup written" in backed_up
    assert archive.stat().st_mode & 0o077 == 0  # personal data: the owner only
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        blob = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())  # type: ignore[union-attr]
    assert "manifest.json" in names and any(n.startswith("media/") for n in names)
    assert os.environ["SECRET_KEY"].encode() not in blob  # keys stay out of backups

    with fresh_database(tmp_path) as target_url:
        target = _machine(tmp_path / "fresh", target_url)
        restored = _manage(target, "restore", str(archive)).stdout
        assert "checksums and row counts match" in restored
        found = _shell(target, "import json; from tests.backup_scenario import check; "
                               f"check(json.loads({json.dumps(json.dumps(made))}))")  # fmt: skip
        again = _manage(target, "restore", str(archive), ok=False)
    assert found["counts"] == made["counts"]
    assert found["staff_login"] is True
    assert found["survey_status"] == 200 and found["survey_names_alumnus"]
    assert found["document_status"] == 200
    assert found["document_sha256"] == made["document_sha256"]
    assert again.returncode != 0 and "not empty" in again.stderr

    # An archive without its uploads is refused before anything is written, naming the file
    # (restoring the database alone would list CV documents that answer 404).
    partial = tmp_path / "tanpa-berkas.tar.gz"
    with tarfile.open(archive) as tar, tarfile.open(partial, "w:gz") as out:
        for member in tar.getmembers():
            if not member.name.startswith("media/"):
                out.addfile(member, tar.extractfile(member))
    with fresh_database(tmp_path) as empty_url:
        refused = _manage(
            _machine(tmp_path / "third", empty_url), "restore", str(partial), ok=False
        )
    assert refused.returncode != 0 and "incomplete: media/" in refused.stderr
