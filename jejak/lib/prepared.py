"""ORM queries compiled once per process and database, run many times with a new value.

Turning a QuerySet into SQL (joins, `only()`, select_related, a FilteredRelation) costs far
more CPU than running it: the survey's link lookup took about 2.5 ms to compile and 0.1 ms to
run on SQLite, on every request of every alumnus. `Prepared` keeps what the ORM compiled (its
SQL, the columns and how rows become model instances with their related objects) and swaps
in the one value that changes. The SQL is still the ORM's own; nothing here is hand-written,
and a change to the QuerySet changes the SQL at the next process start.

Only for queries whose shape never changes: one value (a str) may vary, nothing else may
(no dates of today, no per-request filters; check those in Python on the row). It leans on
the compiler's documented-in-code parts that ModelIterable uses (`select`, `klass_info`,
`results_iter`); tests/test_prepared.py holds it to the plain QuerySet on both engines.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

M = TypeVar("M", bound=Model)

# Stands for the varying value while the query is compiled; found again among the params.
_PLACEHOLDER = "\x1fjejak-prepared-value\x1f"


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int, ...]  # where the value goes in params
    compiler: Any
    converters: dict[int, Any]
    model: type[Model]
    init_list: list[str]
    fields: slice
    populators: list[Any]
    annotations: dict[str, int]


class Prepared(Generic[M]):
    """`Prepared(Model, lambda value: Model.objects....filter(field=value)[:1])`, then
    `prepared.first(value)`: what `build(value).first()` would return, compiled once per
    database alias (the router picks the alias for `model` as a QuerySet would)."""

    def __init__(self, model: type[M], build: Callable[[str], QuerySet[M]]) -> None:
        self.model = model
        self._build = build
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compile(self, alias: str) -> _Compiled:
        queryset = self._build(_PLACEHOLDER)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = tuple(i for i, param in enumerate(params) if param == _PLACEHOLDER)
        if not slots:
            raise ValueError("the prepared query does not use its value")
        klass_info, select = compiler.klass_info, compiler.select
        fields = slice(klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1)
        columns = [column for column, _sql, _alias in select[: compiler.col_count]]
        return _Compiled(
            sql=sql, params=tuple(params), slots=slots, compiler=compiler,
            converters=compiler.get_converters(columns), model=klass_info["model"],
            init_list=[column.target.attname for column, _sql, _alias in select[fields]],
            fields=fields,
            # django-stubs describe a later Django's signature (with fetch_mode); 5.2 has three.
            populators=get_related_populators(klass_info, select, alias),  # type: ignore[call-arg]
            annotations=dict(compiler.annotation_col_map or {}),
        )  # fmt: skip

    # One compiled query per alias, shared by the process's threads: what is shared is only
    # read (the SQL, the column list, the converters and populators, which keep no state
    # between rows); each call runs on its own thread's connection.
    def _for(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = compiled
        return compiled

    def first(self, value: str) -> M | None:
        """The first row for `value` as a model instance (with its select_related objects),
        or None."""
        alias = router.db_for_read(self.model)
        compiled = self._for(alias)
        params = list(compiled.params)
        for slot in compiled.slots:
            params[slot] = value
        with connections[alias].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if compiled.converters:
            row = next(iter(compiled.compiler.apply_converters([list(row)], compiled.converters)))
        obj = compiled.model.from_db(alias, compiled.init_list, row[compiled.fields])
        for populator in compiled.populators:
            populator.populate(row, obj)
        for name, position in compiled.annotations.items():
            setattr(obj, name, row[position])
        return obj  # type: ignore[return-value]
