"""A consistent snapshot of the database, with the row count of every table as of that
snapshot, and its restore into an empty database.

SQLite: the online backup API (a live site keeps running; WAL readers and the writer are not
stopped). PostgreSQL: `pg_dump --format=custom` under a snapshot exported by a repeatable-read
transaction that also counts the rows, so counts and dump agree; needs the PostgreSQL client
programs (`pg_dump`, `pg_restore`: Debian package postgresql-client) at least as new as the
server.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, in one sentence."""


def engine() -> str:
    """'sqlite' or 'postgresql'."""
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def tables() -> list[str]:
    """Every table Jejak's models (and Django's) own, sorted."""
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    return sorted(names | {"django_migrations"})


def _counts(cursor: Any, names: Iterable[str], quote: Any) -> dict[str, int]:
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # noqa: S608 - our own table names, quoted
        counts[name] = int(cursor.fetchone()[0])
    return counts


def _applied_migrations(cursor: Any) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def snapshot(target: Path) -> tuple[dict[str, int], list[str]]:
    """Write the snapshot to `target`; the row count of every table in it, and its
    applied migrations."""
    if engine() == "sqlite":
        return _sqlite_snapshot(target)
    return _postgres_snapshot(target)


def _sqlite_snapshot(target: Path) -> tuple[dict[str, int], list[str]]:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        cursor = destination.cursor()
        present = _sqlite_tables(cursor)
        counts = _counts(cursor, [t for t in tables() if t in present], _sqlite_quote)
        return counts, _applied_migrations(cursor)
    finally:
        destination.close()


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(cursor: Any) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in cursor.fetchall()}


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client programs "
            "(Debian: apt-get install postgresql-client), as new as the server."
        )
    return found


def _pg_env() -> dict[str, str]:
    """Connection settings for the PostgreSQL programs, as libpq environment variables."""
    conf = connection.settings_dict
    values = {"PGHOST": conf.get("HOST"), "PGPORT": conf.get("PORT"),
              "PGUSER": conf.get("USER"), "PGPASSWORD": conf.get("PASSWORD"),
              "PGDATABASE": conf.get("NAME")}  # fmt: skip
    return {**os.environ, **{k: str(v) for k, v in values.items() if v}}


def _postgres_snapshot(target: Path) -> tuple[dict[str, int], list[str]]:
    pg_dump = _program("pg_dump")
    quote = connection.ops.quote_name
    # One repeatable-read transaction: it exports its snapshot for pg_dump and counts the
    # rows of that same snapshot, so the manifest's counts match the dump exactly.
    with connection.cursor() as cursor:
        was_autocommit = connection.get_autocommit()
        connection.set_autocommit(True)
        try:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            counts = _counts(cursor, tables(), quote)
            migrations = _applied_migrations(cursor)
            done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
                [pg_dump, "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot_id}", f"--file={target}"],
                env=_pg_env(), capture_output=True, text=True, check=False,
            )  # fmt: skip
            cursor.execute("COMMIT")
        finally:
            connection.set_autocommit(was_autocommit)
    if done.returncode != 0:
        raise BackupError("pg_dump failed: " + done.stderr.strip())
    return counts, migrations


def is_empty() -> bool:
    """Does the configured database hold no tables yet (a fresh machine)?"""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def load(source: Path, *, replace: bool) -> None:
    """Put the snapshot in place of the configured database. `replace` drops what is there."""
    if engine() == "sqlite":
        _sqlite_load(source)
    else:
        _postgres_load(source, replace=replace)


def _sqlite_load(source: Path) -> None:
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    # The backup API again, into the target's own file: works whether or not it exists.
    origin = sqlite3.connect(source)
    destination = sqlite3.connect(target)
    try:
        origin.backup(destination)
    finally:
        origin.close()
        destination.close()


def _postgres_load(source: Path, *, replace: bool) -> None:
    pg_restore = _program("pg_restore")
    connection.close()
    options = ["--clean", "--if-exists"] if replace else []
    done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", *options,
         f"--dbname={connection.settings_dict['NAME']}", str(source)],
        env=_pg_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError("pg_restore failed: " + done.stderr.strip())


def current_counts() -> dict[str, int]:
    """Row counts of the configured database, for the tables it has."""
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        return _counts(cursor, [t for t in tables() if t in present], connection.ops.quote_name)
