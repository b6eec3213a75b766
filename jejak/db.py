"""Database helpers for the few hot paths that Django's ORM makes slow.

`insert_rows` inserts plain dicts with one `executemany`. For a 12,000-row import,
`bulk_create` spends most of its time building model instances and compiling SQL value by
value; this prepares each field's conversion once. It works the same on SQLite and
PostgreSQL because it goes through Django's own cursor and each field's own conversion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

# Field types whose Python value is already what the database driver wants.
_AS_IS = {
    "CharField", "TextField", "EmailField", "SlugField", "IntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "ForeignKey", "OneToOneField", "BooleanField",
}  # fmt: skip


def _plan(field: models.Field, now: Any) -> tuple[str, Callable[[Any], Any] | None, Any]:
    """(attname, conversion for a given value, the converted value to use when missing).

    A missing value that is the same for every row (a constant default, the batch's
    timestamp) is converted once here, not once per row.
    """
    convert = None
    if field.get_internal_type() not in _AS_IS:
        prep, db = field.get_db_prep_save, connections[DEFAULT_DB_ALIAS]

        def convert(value: Any) -> Any:
            return prep(value, db)

    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        missing: Any = now if convert is None else convert(now)
    elif field.has_default() and callable(field.default):
        missing = _PER_ROW
    else:
        constant = field.get_default()
        missing = constant if convert is None else convert(constant)
    return field.attname, convert, missing


_PER_ROW = object()  # the default must be called for every row (codes, say)


def insert_rows(
    model: type[models.Model], rows: Sequence[dict[str, Any]], *, batch_size: int = 1000
) -> None:
    """INSERT `rows` (dicts keyed by field attname) into `model`'s table, in batches.

    Missing fields take their default; no model methods or signals run, so callers pass
    every derived value (such as `province_code`) themselves.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    plan = [_plan(f, now) for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model metadata
        quote(str(model._meta.db_table)),
        ", ".join(quote(str(f.column)) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = []
    for row in rows:
        values = []
        for (attname, convert, missing), field in zip(plan, fields, strict=True):
            if attname in row:
                value = row[attname]
                values.append(value if convert is None else convert(value))
            elif missing is _PER_ROW:
                value = field.get_default()
                values.append(value if convert is None else convert(value))
            else:
                values.append(missing)
        params.append(values)
    with connection.cursor() as cursor:
        for start in range(0, len(params), batch_size):
            cursor.executemany(sql, params[start : start + batch_size])
