"""A restore from a damaged or hostile archive writes no file before everything is checked,
and never outside the uploads folder."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from jejak.backups import archive, database
from jejak.backups.database import BackupError


def _archive(path: Path, media: dict[str, tuple[bytes, str | None]]) -> Path:
    """A backup whose media entries are name -> (content, checksum in the manifest; None
    for the right one). The database dump is one that restore never gets to load."""
    dump = b"not reached"
    manifest = {
        "format": archive.FORMAT,
        "created_at": "2026-12-01T00:00:00+00:00",
        "database": {"engine": database.engine(), "file": "database/dump",
                     "sha256": hashlib.sha256(dump).hexdigest()},
        "migrations": {}, "counts": {},
        "media": [{"path": name, "size": len(data),
                   "sha256": sha or hashlib.sha256(data).hexdigest()}
                  for name, (data, sha) in media.items()],
    }  # fmt: skip
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()),
                           ("database/dump", dump),
                           *((f"media/{n}", d) for n, (d, _) in media.items())]:  # fmt: skip
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def media_root(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "private"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "cv.pdf").write_bytes(b"LIVE")
    settings.PRIVATE_MEDIA_ROOT = str(root)
    return root


def test_a_damaged_archive_overwrites_no_live_file(tmp_path: Path, media_root: Path) -> None:
    source = _archive(tmp_path / "rusak.tar.gz", {
        "documents/cv.pdf": (b"OLD", None),
        "documents/zz.pdf": (b"damaged", "0" * 64),
    })  # fmt: skip
    with pytest.raises(BackupError, match=r"damaged: media/documents/zz\.pdf"):
        archive.restore(source, replace=True)
    assert (media_root / "documents" / "cv.pdf").read_bytes() == b"LIVE"
    assert sorted(p.name for p in media_root.rglob("*")) == ["cv.pdf", "documents"]
    assert sorted(p.name for p in media_root.parent.iterdir()) == ["private", "rusak.tar.gz"]


@pytest.mark.parametrize("name", ["../escaped.txt", "/var/escaped.txt", "a/../../escaped.txt"])
def test_a_file_name_that_climbs_out_is_refused(
    tmp_path: Path, media_root: Path, name: str
) -> None:
    source = _archive(tmp_path / "jahat.tar.gz", {name: (b"x", None)})
    with pytest.raises(BackupError, match="Unsafe file name"):
        archive.restore(source, replace=True)
    assert not (tmp_path / "escaped.txt").exists()
    assert (media_root / "documents" / "cv.pdf").read_bytes() == b"LIVE"
