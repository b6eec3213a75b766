"""Backup retention: the newest archive of each day, ISO week and month is kept, up to the
counts; other files in the folder are never touched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jejak.backups import retention


def _archives(folder: Path, days: int) -> None:
    start = dt.datetime(2026, 1, 1, 1, 30, tzinfo=dt.UTC)
    for day in range(days):
        for hour in (0, 12):  # two a day: only the later one is the day's newest
            when = start + dt.timedelta(days=day, hours=hour)
            (folder / retention.archive_name(when)).write_bytes(b"x")


def test_keeps_the_newest_per_day_week_and_month(tmp_path: Path) -> None:
    _archives(tmp_path, days=120)
    (tmp_path / "notes.txt").write_text("operator's notes")
    doomed = retention.to_delete(tmp_path, daily=7, weekly=4, monthly=3)
    for path in doomed:
        path.unlink()
    kept = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("jejak-"))
    # 7 days; the weeks and months add the newest of earlier periods not already kept.
    assert kept[-7:] == [f"jejak-202604{d:02d}T1330Z.tar.gz" for d in range(24, 31)]
    # Sundays, the newest of their ISO weeks: four weeks back from the week of 30 April.
    assert {"jejak-20260419T1330Z.tar.gz", "jejak-20260412T1330Z.tar.gz"} <= set(kept)
    assert "jejak-20260405T1330Z.tar.gz" not in kept
    assert "jejak-20260331T1330Z.tar.gz" in kept  # newest of March
    assert "jejak-20260228T1330Z.tar.gz" in kept  # newest of February
    assert "jejak-20260131T1330Z.tar.gz" not in kept  # January is the fourth month back
    assert len(kept) < 7 + 4 + 3 and (tmp_path / "notes.txt").exists()
    assert not any(name.endswith("T0130Z.tar.gz") for name in kept)


def test_the_newest_archive_is_kept_even_with_zero_counts(tmp_path: Path) -> None:
    _archives(tmp_path, days=3)
    doomed = retention.to_delete(tmp_path, daily=0, weekly=0, monthly=0)
    left = set(tmp_path.iterdir()) - set(doomed)
    assert [p.name for p in left] == ["jejak-20260103T1330Z.tar.gz"]
