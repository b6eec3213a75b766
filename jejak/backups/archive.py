"""One backup archive: the database snapshot and every uploaded file, with a manifest.

Layout of the .tar.gz: `manifest.json` (format, versions, engine, applied migrations, row
count per table, size and SHA-256 of every file), `database/jejak.sqlite3` or
`database/jejak.pgdump`, and `media/...` (every file of the private storage as it was: the
PRIVATE_MEDIA_ROOT folder, or the S3 bucket of STORAGE_URL, see jejak.files). One archive
holds both, so a restore never brings back rows without their files.

The archive holds personal data (the register, NIK, CVs): it is written readable by its owner
only. It holds no secret key: SECRET_KEY and SURVEY_LINK_KEY live in the environment and must
be kept apart from it (survey links only open again under the same SURVEY_LINK_KEY).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from jejak import files
from jejak.backups import database
from jejak.backups.database import BackupError

FORMAT = "jejak-backup/1"
_DUMP_NAMES = {"sqlite": "database/jejak.sqlite3", "postgresql": "database/jejak.pgdump"}


@dataclass
class Report:
    """What a backup wrote or a restore put back."""

    manifest: dict[str, Any]
    missing_documents: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.manifest["counts"].values())

    @property
    def files(self) -> int:
        return len(self.manifest["media"])


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _jejak_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    for line in pyproject.read_text().splitlines() if pyproject.exists() else []:
        if line.startswith("version"):
            return line.split("=", 1)[1].strip().strip('"')
    return "unknown"


def create(target: Path) -> Report:
    """Write a backup archive to `target` (replaced only once complete)."""
    kind = database.engine()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        dump = Path(scratch) / "dump"
        # The database first, then the files: an upload that lands in between is an extra
        # file in the archive (harmless), never a row whose file is missing.
        counts, migrations = database.snapshot(dump)
        with dump.open("rb") as handle:
            dump_sha = _sha256(handle)
        # Each file is copied once, into the scratch folder, and hashed there: the archive
        # then holds exactly the bytes its checksum names, even from a remote bucket.
        media: list[dict[str, Any]] = []
        copies = Path(scratch) / "media"
        for name in files.walk():
            copy = _inside(copies, name)
            copy.parent.mkdir(parents=True, exist_ok=True)
            with files.storage().open(name, "rb") as source, copy.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
            with copy.open("rb") as handle:
                media.append({"path": name, "size": copy.stat().st_size,
                              "sha256": _sha256(handle)})  # fmt: skip
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "jejak_version": _jejak_version(),
            "django_version": django.get_version(),
            "python_version": platform.python_version(),
            "database": {"engine": kind, "file": _DUMP_NAMES[kind], "sha256": dump_sha},
            "migrations": migrations,
            "counts": counts,
            "media": media,
        }
        partial = Path(scratch) / "archive.tar.gz"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            tar.add(dump, arcname=_DUMP_NAMES[kind], recursive=False)
            for item in media:
                tar.add(_inside(copies, item["path"]), arcname=f"media/{item['path']}",
                        recursive=False)  # fmt: skip
        os.replace(partial, target)
    return Report(manifest, missing_documents=missing_documents())


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o600
    tar.addfile(info, io.BytesIO(data))


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise BackupError("Not a Jejak backup: manifest.json is missing.")
    manifest: dict[str, Any] = json.load(member)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; expected {FORMAT}.")
    return manifest


def restore(source: Path, *, replace: bool = False) -> Report:
    """Restore `source` into the configured database and private storage.

    Both must be empty (a fresh machine) unless `replace`: then the database is replaced
    and files of the same name are overwritten (others stay). Every file is checked against
    its checksum before anything is written, the database is migrated to this version of
    Jejak, and the row counts must match the manifest's.
    """
    with tarfile.open(source, mode="r:gz") as tar:
        manifest = read_manifest(tar)
        kind = database.engine()
        if manifest["database"]["engine"] != kind:
            raise BackupError(
                f"This backup holds a {manifest['database']['engine']} database; the configured "
                f"DATABASE_URL is {kind}. Restore it into the same kind of database."
            )
        if not replace and not database.is_empty():
            raise BackupError(
                "The database is not empty; restore into an empty one or pass --replace."
            )
        if not replace and next(files.walk(), None) is not None:
            raise BackupError(
                f"The file storage ({_storage_label()}) is not empty; restore into an empty "
                "one or pass --replace."
            )
        # Every file is extracted and checked first: a damaged archive must not overwrite a
        # live file with --replace, nor leave a half-filled storage that the next try refuses.
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / "dump"
            _extract_checked(
                tar, manifest["database"]["file"], manifest["database"]["sha256"], dump
            )
            staging = Path(scratch) / "media"
            for item in manifest["media"]:
                _extract_checked(tar, f"media/{item['path']}", item["sha256"],
                                 _inside(staging, item["path"]))  # fmt: skip
            database.load(dump, replace=replace)
            for item in manifest["media"]:
                files.save(item["path"], _inside(staging, item["path"]).read_bytes())
    connection.close()
    _check_counts(manifest["counts"])
    call_command("migrate", interactive=False, verbosity=0)
    return Report(manifest, missing_documents=missing_documents())


def _storage_label() -> str:
    return "STORAGE_URL" if settings.STORAGE_URL else str(settings.PRIVATE_MEDIA_ROOT)


def _inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing any name that would land outside `root`."""
    parts = PurePosixPath(relative).parts
    if PurePosixPath(relative).is_absolute() or ".." in parts or not parts:
        raise BackupError(f"Unsafe file name in the backup: {relative!r}.")
    return root.joinpath(*parts)


def _extract_checked(tar: tarfile.TarFile, name: str, sha256: str, target: Path) -> None:
    try:
        member = tar.getmember(name)
        handle = tar.extractfile(member) if member.isfile() else None
    except KeyError:
        handle = None
    if handle is None:
        raise BackupError(f"The backup is incomplete: {name} is missing.")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as out:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha256:
        raise BackupError(f"The backup is damaged: {name} does not match its checksum.")


def _check_counts(expected: dict[str, int]) -> None:
    found = database.current_counts()
    wrong = {t: (n, found.get(t)) for t, n in expected.items() if found.get(t) != n}
    if wrong:
        listed = ", ".join(
            f"{t}: {n} expected, {got} found" for t, (n, got) in sorted(wrong.items())
        )
        raise BackupError(f"Row counts differ from the manifest: {listed}.")


def missing_documents() -> list[str]:
    """Uploaded documents the database lists whose file is not stored (they would 404)."""
    from jejak.profiles.models import Document
    from jejak.profiles.uploads import document_name

    names = Document.objects.values_list("stored_name", flat=True).iterator()
    return [name for name in names if not files.exists(document_name(name))]
