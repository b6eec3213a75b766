"""Which backup archives to keep: the newest per day, per ISO week and per month.

Works on the archives `manage.py backup` wrote into one folder under names carrying their
UTC time (`jejak-20261202T0130Z.tar.gz`); other files are never touched. The newest archive
is always kept, whatever the counts.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

NAME = re.compile(r"^jejak-(\d{8}T\d{4})Z\.tar\.gz$")


def stamped(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """(time, path) of each archive in `folder`, newest first."""
    found = []
    for path in folder.iterdir():
        match = NAME.match(path.name)
        if match and path.is_file():
            when = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M").replace(tzinfo=dt.UTC)
            found.append((when, path))
    return sorted(found, reverse=True)


def to_delete(folder: Path, *, daily: int, weekly: int, monthly: int) -> list[Path]:
    """The archives outside every kept period (oldest last)."""
    archives = stamped(folder)
    keep: set[Path] = {archives[0][1]} if archives else set()
    for count, period in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for when, path in archives:  # newest first: the first of each period is its newest
            key = period(when)
            if key not in seen and len(seen) < count:
                seen.append(key)
                keep.add(path)
    return [path for _when, path in archives if path not in keep]


def archive_name(now: dt.datetime) -> str:
    return f"jejak-{now.astimezone(dt.UTC):%Y%m%dT%H%M}Z.tar.gz"
