"""Database helpers for the few hot paths that Django's ORM makes slow.

`insert_rows` inserts plain dicts with one `executemany`. For a 12,000-row import,
`bulk_create` spends most of its time building model instances and compiling SQL value by
value; this prepares each field's conversion once. It works the same on SQLite and
PostgreSQL because it goes through Django's own cursor and each field's own conversion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

# Field types whose Python value is already what the database driver wants.
_AS_IS = {
    "CharField", "TextField", "EmailField", "SlugField", "IntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "ForeignKey", "OneToOneField", "BooleanField",
}  # fmt: skip


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    if field.get_internal_type() in _AS_IS:
        return None
    prep, db = field.get_db_prep_save, connections[DEFAULT_DB_ALIAS]
    return lambda value: prep(value, db)


def _missing_value(field: models.Field, now: Any) -> Any:
    """The value of a field the rows do not give, the same for every row."""
    stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    if stamped or field.default is timezone.now:
        value = now
    elif field.has_default() and callable(field.default):
        raise ValueError(f"insert_rows needs {field.attname} in every row (its default varies)")
    else:
        value = field.get_default()
    convert = _converter(field)
    return value if convert is None else convert(value)


def insert_rows(
    model: type[models.Model], rows: Sequence[dict[str, Any]], *, batch_size: int = 2000
) -> None:
    """INSERT `rows` into `model`'s table, in batches.

    Every row has the same keys (field attnames). Fields no row gives take their constant
    default or the batch's timestamp; a field whose default is computed per row (a random
    code) must be given. No model methods or signals run, so callers pass every derived
    value (such as `province_code`) themselves.
    """
    if not rows:
        return
    given = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    rest = [f for f in model._meta.concrete_fields if not f.primary_key and f not in given]
    now = timezone.now()
    constants = tuple(_missing_value(f, now) for f in rest)
    pick = itemgetter(*[f.attname for f in given])
    conversions = [(i, c) for i, f in enumerate(given) if (c := _converter(f)) is not None]
    quote = connection.ops.quote_name
    columns = [quote(str(f.column)) for f in given + rest]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model metadata
        quote(str(model._meta.db_table)), ", ".join(columns), ", ".join(["%s"] * len(columns))
    )
    params = []
    for row in rows:
        values = list(pick(row)) if len(given) > 1 else [pick(row)]
        for index, convert in conversions:
            values[index] = convert(values[index])
        params.append((*values, *constants))
    with connection.cursor() as cursor:
        for start in range(0, len(params), batch_size):
            cursor.executemany(sql, params[start : start + batch_size])
