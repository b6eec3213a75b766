"""Database helpers for the few hot paths that Django's ORM makes slow.

The ORM compiles every query anew: for a survey answer, that compiling costs more than the
database work. These helpers prepare a statement once per model and column set, then run
it through Django's own cursor with each field's own conversions, so they behave the same
on SQLite and PostgreSQL. No model methods or signals run: callers pass every derived
value (such as `province_code`) themselves.

- `insert_rows`: many plain dicts in one `executemany` (imports).
- `insert_row`: one row, returning its new id.
- `update_where`: an UPDATE of some columns on rows matching equalities; the row count.
- `Columns`: some of a model's columns in a hand-written SELECT, read back into a model
  instance (the other fields load on first use, as with `.only()`); `fetch_one` reads one
  row by equalities, `read_joined` splits a joined row into one instance per model.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

# Field types whose Python value is already what the database driver wants.
_AS_IS = {
    "CharField", "TextField", "EmailField", "SlugField", "IntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "ForeignKey", "OneToOneField", "BooleanField",
    "BigAutoField", "AutoField",
}  # fmt: skip


def _needs_conversion(field: models.Field) -> bool:
    return field.get_internal_type() not in _AS_IS


def _is_stamped(field: models.Field) -> bool:
    """Takes the time of the write when not given (auto_now, auto_now_add, default=now)."""
    automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    return bool(automatic or field.default is timezone.now)


def _db() -> Any:
    """The default connection itself: `django.db.connection` is a proxy that looks it up
    on every attribute, which adds up over a row's conversions."""
    return connections[DEFAULT_DB_ALIAS]


def _quote(name: str) -> str:
    return str(connection.ops.quote_name(name))


@dataclass(frozen=True)
class _Insert:
    sql: str
    pick: Callable[[dict[str, Any]], list[Any]]  # the given values, in the columns' order
    conversions: tuple[tuple[int, models.Field], ...]  # given values the driver cannot take
    defaults: tuple[Any, ...]  # the other fields' values, ready for the driver...
    stamped: tuple[tuple[int, models.Field], ...]  # ...but these take the time of the call

    def params(self, row: dict[str, Any], constants: tuple[Any, ...], db: Any) -> tuple[Any, ...]:
        values = self.pick(row)
        for index, model_field in self.conversions:
            values[index] = model_field.get_db_prep_save(values[index], db)
        return (*values, *constants)

    def constants(self, db: Any) -> tuple[Any, ...]:
        if not self.stamped:
            return self.defaults
        now, values = timezone.now(), list(self.defaults)
        for index, model_field in self.stamped:
            values[index] = model_field.get_db_prep_save(now, db)
        return tuple(values)


def _default(field: models.Field, db: Any) -> Any:
    if _is_stamped(field):
        return None  # filled per call
    if field.has_default() and callable(field.default):
        raise ValueError(f"insert needs {field.attname} in every row (its default varies)")
    value = field.get_default()
    return field.get_db_prep_save(value, db) if _needs_conversion(field) else value


def _picker(names: tuple[str, ...]) -> Callable[[dict[str, Any]], list[Any]]:
    get = itemgetter(*names)  # C speed, which counts over an import's thousands of rows
    if len(names) == 1:
        return lambda row: [get(row)]
    return lambda row: list(get(row))


@functools.cache
def _insert(model: type[models.Model], names: tuple[str, ...], returning: bool) -> _Insert:
    given = [f for f in model._meta.concrete_fields if f.attname in names]
    missing = set(names) - {f.attname for f in given}
    if missing:
        raise ValueError(f"{model.__name__} has no field {sorted(missing)}")
    rest = [f for f in model._meta.concrete_fields if not f.primary_key and f not in given]
    columns = [_quote(str(f.column)) for f in [*given, *rest]]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model metadata
        _quote(str(model._meta.db_table)), ", ".join(columns), ", ".join(["%s"] * len(columns))
    )
    if returning:
        sql += f" RETURNING {_quote(str(model._meta.pk.column))}"
    db = _db()
    return _Insert(
        sql,
        pick=_picker(tuple(f.attname for f in given)),
        conversions=tuple((i, f) for i, f in enumerate(given) if _needs_conversion(f)),
        defaults=tuple(_default(f, db) for f in rest),
        stamped=tuple((i, f) for i, f in enumerate(rest) if _is_stamped(f)),
    )


def insert_rows(
    model: type[models.Model], rows: Sequence[dict[str, Any]], *, batch_size: int = 2000
) -> None:
    """INSERT `rows` (dicts with the same keys, field attnames) into `model`'s table.

    Fields no row gives take their constant default or the batch's timestamp; a field whose
    default is computed per row (a random code) must be given.
    """
    if not rows:
        return
    plan, db = _insert(model, tuple(sorted(rows[0])), returning=False), _db()
    constants = plan.constants(db)
    params = [plan.params(row, constants, db) for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(params), batch_size):
            cursor.executemany(plan.sql, params[start : start + batch_size])


def insert_row(model: type[models.Model], row: dict[str, Any]) -> int:
    """INSERT one row; its new primary key."""
    plan, db = _insert(model, tuple(sorted(row)), returning=True), _db()
    with db.cursor() as cursor:
        cursor.execute(plan.sql, plan.params(row, plan.constants(db), db))
        return int(cursor.fetchone()[0])


@dataclass(frozen=True)
class _Update:
    sql: str
    fields: tuple[models.Field, ...]  # the fields set, given ones first, then stamped ones
    stamped: int  # how many of `fields`, at the end, take the time of the call


@functools.cache
def _update(
    model: type[models.Model], names: tuple[str, ...], where: tuple[str, ...], add: tuple[str, ...]
) -> _Update:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    stamped = tuple(
        f for f in fields.values() if getattr(f, "auto_now", False) and f.attname not in names
    )
    set_names = (*names, *(f.attname for f in stamped))

    def column(name: str) -> str:
        return _quote(str(fields[name].column))

    sets = [f"{column(n)} = %s" for n in set_names]
    sets += [f"{column(n)} = {column(n)} + %s" for n in add]
    sql = "UPDATE {} SET {} WHERE {}".format(  # noqa: S608 - names from model metadata
        _quote(str(model._meta.db_table)),
        ", ".join(sets),
        " AND ".join(f"{column(n)} = %s" for n in where),
    )
    return _Update(sql, tuple(fields[n] for n in set_names), len(stamped))


def update_where(
    model: type[models.Model],
    where: dict[str, Any],
    values: dict[str, Any],
    *,
    add: dict[str, int] | None = None,
) -> int:
    """UPDATE `model` SET `values` (and `column += n` for `add`) WHERE every `where` equality
    holds; `auto_now` fields not given are stamped. The number of rows changed."""
    add = add or {}
    plan, db = _update(model, tuple(values), tuple(where), tuple(add)), _db()
    given = [*values.values(), *[timezone.now()] * plan.stamped]
    params = [
        f.get_db_prep_save(v, db) if _needs_conversion(f) else v
        for f, v in zip(plan.fields, given, strict=True)
    ]
    with db.cursor() as cursor:
        cursor.execute(plan.sql, [*params, *add.values(), *where.values()])
        return int(cursor.rowcount)


@dataclass(frozen=True)
class Columns:
    """Some of `model`'s columns in a hand-written SELECT, read back as a model instance.

    Values go through the same converters the ORM applies (dates stored as text on SQLite,
    JSON), so a row reads alike on both databases. Fields not listed are deferred.
    """

    model: type[models.Model]
    names: tuple[str, ...]
    _fields: tuple[models.Field, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        wanted = set(self.names)
        fields = tuple(f for f in self.model._meta.concrete_fields if f.attname in wanted)
        if len(fields) != len(wanted):
            raise ValueError(f"{self.model.__name__}: unknown fields in {self.names}")
        object.__setattr__(self, "_fields", fields)  # in the model's order, as from_db needs

    def __len__(self) -> int:
        return len(self._fields)

    def select(self, alias: str) -> str:
        return ", ".join(f"{alias}.{_quote(str(f.column))}" for f in self._fields)

    def read(self, values: Sequence[Any]) -> models.Model:
        converted, db = [], _db()
        for (column, converters), value in zip(self._converters, values, strict=True):
            for convert in converters:
                value = convert(value, column, db)
            converted.append(value)
        return self.model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in self._fields], converted)

    @functools.cached_property
    def _converters(self) -> list[tuple[Any, list[Any]]]:
        pairs = []
        for f in self._fields:
            column = f.get_col(str(self.model._meta.db_table))
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            pairs.append((column, found))
        return pairs


def read_joined(row: Sequence[Any], *parts: Columns) -> list[Any]:
    """One instance per `Columns`, in order, from a row that selected them one after the
    other; None for a part whose first column (its key) is NULL, as after a LEFT JOIN."""
    found, start = [], 0
    for columns in parts:
        values = row[start : start + len(columns)]
        found.append(None if values[0] is None else columns.read(values))
        start += len(columns)
    return found


@functools.cache
def _select(columns: Columns, where: tuple[str, ...], for_update: bool) -> str:
    fields = {f.attname: f for f in columns.model._meta.concrete_fields}
    table = _quote(str(columns.model._meta.db_table))
    conditions = " AND ".join(f"t.{_quote(str(fields[n].column))} = %s" for n in where)
    sql = f"SELECT {columns.select('t')} FROM {table} t WHERE {conditions}"  # noqa: S608
    return sql + (" FOR UPDATE" if for_update else "")


def fetch_one(columns: Columns, where: dict[str, Any], *, for_update: bool = False) -> Any:
    """The instance whose fields equal `where`, or None; `for_update` locks the row where
    the database can (PostgreSQL; SQLite's IMMEDIATE transactions lock the whole file)."""
    db = _db()
    lock = for_update and db.features.has_select_for_update
    with db.cursor() as cursor:
        cursor.execute(_select(columns, tuple(where), lock), list(where.values()))
        row = cursor.fetchone()
    return None if row is None else columns.read(row)
