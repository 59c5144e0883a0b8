"""Hot-path queries whose SQL is compiled once per process.

Django builds and compiles a queryset's SQL on every evaluation; for a narrow lookup of a wide row
(an API token with its user and agency, an incident by id) that is most of the query's cost, more
than running it. `Prepared` keeps the compiled SQL, the column converters and the row-to-model
mapping of one queryset shape, and runs it again with new values for its parameters: the same
SQL, the same models and the same conversions as the queryset itself, without the compile.

    TOKEN = Prepared(ApiToken, lambda slot: ApiToken.objects.select_related("user").filter(prefix=slot("prefix")))
    token = TOKEN.first(prefix="a1b2c3")

`build` receives `slot(name)`, a placeholder value to put where each parameter goes (a string,
integer, float or aware datetime filter value); the queryset it returns is
evaluated as model instances (no annotations) or, for a `values_list()` queryset, as its tuples
(or values, with flat=True). The shape must not depend on the values: that is what makes it safe
to compile once. A key passed to `first` or `all` (`key=`) separates shapes that differ by
something else (a user's partnership ids), each compiled once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import DatabaseError, connections, router
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ValuesListIterable, get_related_populators
from django.db.transaction import TransactionManagementError

# Placeholders: values no real lookup uses, recognised in the compiled parameters and replaced.
_INT_BASE = 2_000_000_000  # inside a 32-bit IntegerField, so Django keeps the lookup as written
_STR_MARK = "\x00watchkeeper-slot:"
_FLOAT_BASE = 1.0e300  # far outside any coordinate or measure
_DATETIME_BASE_YEAR = 1001  # no real lookup asks about the eleventh century


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: dict[str, tuple[tuple[int, ...], Callable | None]]  # slot name -> (positions in params, adapt)
    converters: tuple  # (position, converters, expression)
    model: type | None  # None: a values_list() query, its rows returned as tuples
    flat: bool
    init_list: tuple[str, ...]
    start: int
    end: int
    related: tuple
    locks: bool  # select_for_update: only inside a transaction, as Django insists when compiling


class Prepared:
    def __init__(self, model: type, build: Callable[[Callable[[str], object]], QuerySet]):
        self.model = model
        self.build = build
        self._compiled: dict[Hashable, _Compiled] = {}
        self._lock = threading.Lock()

    def first(self, key: Hashable = None, **values):
        """The first row (as the queryset orders them) for these parameter values, or None."""
        rows = self.all(key, **values)
        return rows[0] if rows else None

    def all(self, key: Hashable = None, **values) -> list:
        alias = router.db_for_read(self.model)
        compiled = self._compiled.get((alias, key)) or self._compile(alias, key, values)
        connection = connections[alias]
        if compiled.locks and connection.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        params = list(compiled.params)
        for name, (positions, adapt) in compiled.slots.items():
            value = adapt(values[name]) if adapt else values[name]
            for position in positions:
                params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        found = []
        for raw in rows:
            row = list(raw)
            for position, converters, expression in compiled.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
            if compiled.model is None:
                found.append(row[0] if compiled.flat else tuple(row[: compiled.end]))
                continue
            obj = compiled.model.from_db(alias, compiled.init_list, row[compiled.start : compiled.end])
            for populator in compiled.related:
                populator.populate(row, obj)
            found.append(obj)
        return found

    def _compile(self, alias: str, key: Hashable, values: dict) -> _Compiled:
        names = sorted(values)
        connection = connections[alias]
        marks = {}  # slot name -> (the placeholder as it appears in the parameters, how to adapt a value)

        def slot(name: str):
            if name not in values:
                raise KeyError(f"no value given for slot {name!r}")
            value, index = values[name], names.index(name)
            if isinstance(value, bool):
                raise TypeError(f"slot {name!r}: booleans have too few values to mark a placeholder")
            if isinstance(value, int):
                mark, adapt = _INT_BASE + index, None
            elif isinstance(value, float):
                mark, adapt = _FLOAT_BASE * (1 + index / 64), None
            elif isinstance(value, datetime):
                if value.tzinfo is None:
                    raise ValueError(f"slot {name!r}: an aware datetime, as the ORM is given")
                # As DateTimeField prepares a value for this database (SQLite: text in UTC).
                mark = datetime(_DATETIME_BASE_YEAR + index, 1, 1, tzinfo=UTC)
                adapt = connection.ops.adapt_datetimefield_value
            elif isinstance(value, str):
                mark, adapt = f"{_STR_MARK}{name}", None
            else:
                raise TypeError(f"slot {name!r}: {type(value).__name__} values are not supported")
            marks[name] = (adapt(mark) if adapt else mark, adapt)
            return mark

        qs = self.build(slot)
        if qs.model is not self.model or qs.db != alias:
            raise ValueError(f"a prepared query of {self.model.__name__} reads {qs.model.__name__} from {qs.db}")
        compiler = qs.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = {}
        for name, (mark, adapt) in marks.items():
            positions = tuple(i for i, p in enumerate(params) if p == mark and type(p) is type(mark))
            if not positions:
                raise ValueError(f"slot {name!r} does not appear in the query's parameters")
            slots[name] = (positions, adapt)
        select, klass_info = compiler.select, compiler.klass_info
        values_rows = qs._iterable_class in (ValuesListIterable, FlatValuesListIterable)
        if not values_rows and (klass_info is None or compiler.annotation_col_map):
            raise ValueError("a prepared query returns model instances or values_list() rows only")
        if values_rows and (qs.query.extra_select or qs.query.annotation_select):
            raise ValueError("a prepared values_list() query names model fields only")
        converters = tuple(
            (position, tuple(convs), expression)
            for position, (convs, expression) in compiler.get_converters([s[0] for s in select]).items()
        )
        if values_rows:
            # Only the columns asked for (the compiler may add ordering columns after them).
            model, init_list, start, end, related = None, (), 0, len(qs.query.values_select) or len(select), ()
        else:
            model = klass_info["model"]
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            init_list = tuple(f[0].target.attname for f in select[start:end])
            related = tuple(get_related_populators(klass_info, select, alias))
        compiled = _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
            converters=converters,
            model=model,
            flat=qs._iterable_class is FlatValuesListIterable,
            init_list=init_list,
            start=start,
            end=end,
            related=related,
            locks=bool(qs.query.select_for_update and connection.features.has_select_for_update),
        )
        with self._lock:
            self._compiled[(alias, key)] = compiled
        return compiled


def viewer_key(user) -> tuple:
    """Everything about a user that a visibility rule (core/visibility.py) reads: the rules put the
    user's partnership ids and district into the SQL as values, so a query compiled for one viewer
    is reused only for a viewer identical in all of these."""
    from watchkeeper.core.visibility import undistricted_visible, user_district

    return (
        user.pk,
        user.agency_id,
        user.is_active,
        user.role,
        tuple(sorted(user.partnership_ids())),
        user_district(user),
        undistricted_visible(),
    )


class VisibleByPk(Prepared):
    """`visible_get(model.objects.select_related(*related), user, pk=pk)` compiled once per viewer."""

    def __init__(self, model: type, *related: str):
        self.viewer = threading.local()
        super().__init__(model, self._build)
        self.related = related

    def _build(self, slot):
        from watchkeeper.core.visibility import visible

        qs = self.model._default_manager.select_related(*self.related) if self.related else self.model._default_manager
        return visible(qs.all(), self.viewer.user).filter(pk=slot("pk"))

    def get(self, user, pk: int):
        from watchkeeper.core.visibility import is_staff_user, visible_get

        if not is_staff_user(user) or not user.agency_id:  # the rules answer nothing: no SQL to compile
            return visible_get(self.model._default_manager.all(), user, pk=pk)
        self.viewer.user = user
        try:
            found = self.first(key=viewer_key(user), pk=pk)
        finally:
            self.viewer.user = None
        if found is not None:
            found._visible_to = user  # as visible_get: checking it again for this user asks nothing
        return found


class Insert:
    """`obj.save()` for a new row of an append-only hot-path model, with the INSERT built once per
    database instead of compiled on every save (about half of an ORM insert's cost, more than
    running it). Values go through each field's own `pre_save` and `get_db_prep_save`, as
    Django's insert does; the new primary key is set on the object. For plain models only: no
    parents, no custom placeholders (geometry), no save() logic it would skip (callers keep their
    model's rule: entries that may not be changed are only ever inserted here)."""

    def __init__(self, model: type):
        meta = model._meta
        if meta.parents:
            raise ValueError(f"{model.__name__} has parent models: save it through the ORM")
        self.model = model
        self.fields = tuple(f for f in meta.local_concrete_fields if f is not meta.auto_field and not f.generated)
        if any(hasattr(f, "get_placeholder") for f in self.fields):
            raise ValueError(f"{model.__name__} has a field with its own SQL placeholder: save it through the ORM")
        self._sql: dict[str, tuple[str, bool]] = {}

    def save(self, obj):
        if not obj._state.adding or (obj.pk is not None and self.model._meta.auto_field):
            raise ValueError("Insert.save writes new rows only")
        alias = router.db_for_write(self.model)
        connection = connections[alias]
        sql, returning = self._sql.get(alias) or self._build(alias)
        params = [f.get_db_prep_save(f.pre_save(obj, True), connection=connection) for f in self.fields]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            pk = cursor.fetchone()[0] if returning else cursor.lastrowid
        if self.model._meta.auto_field is not None:
            obj.pk = pk
        obj._state.adding = False
        obj._state.db = alias
        return obj

    def _build(self, alias: str) -> tuple[str, bool]:
        connection = connections[alias]
        quote = connection.ops.quote_name
        meta = self.model._meta
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"
        returning = meta.auto_field is not None and connection.features.can_return_columns_from_insert
        if returning:
            sql += f" RETURNING {quote(meta.pk.column)}"
        self._sql[alias] = (sql, returning)  # the same text from any thread that builds it
        return sql, returning


class Update:
    """`obj.save(update_fields=...)` and `Model.objects.filter(pk=..., f=...).update(...)` on a
    hot path, with the UPDATE built once per database and set of columns instead of compiled per
    call. New values go through each field's `get_db_prep_save` (and, from an object, its
    `pre_save`, so `auto_now` stamps as the ORM does); conditions through `get_db_prep_value`, as
    an exact lookup does. For plain columns only (no expressions, no parents)."""

    def __init__(self, model: type):
        if model._meta.parents:
            raise ValueError(f"{model.__name__} has parent models: save it through the ORM")
        self.model = model
        self._sql: dict[tuple, str] = {}

    def save(self, obj, fields: Iterable[str]) -> None:
        """As `obj.save(update_fields=fields)`: a stored row, changed in these columns only."""
        if obj._state.adding or obj.pk is None:
            raise ValueError("Update.save changes stored rows only")
        meta = self.model._meta
        values = {}
        for name in fields:
            field = meta.get_field(name)
            values[name] = field.pre_save(obj, False)
        if not self.run(values, pk=obj.pk):
            raise DatabaseError("Save with update_fields did not affect any rows.")

    def run(self, values: dict, **where) -> int:
        """UPDATE the rows matching every `where` (field=value, exact) with `values`; the count."""
        if not where or any(value is None for value in where.values()):
            raise ValueError("Update.run needs conditions, none of them None (= NULL matches nothing)")
        alias = router.db_for_write(self.model)
        connection = connections[alias]
        meta = self.model._meta
        key = (alias, tuple(values), tuple(where))
        sql = self._sql.get(key) or self._build(key, connection)
        params = [meta.get_field(name).get_db_prep_save(value, connection=connection) for name, value in values.items()]
        params += [self._field(name).get_db_prep_value(value, connection) for name, value in where.items()]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def _field(self, name: str):
        return self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)

    def _build(self, key: tuple, connection) -> str:
        _, names, conditions = key
        quote = connection.ops.quote_name
        for name in names:
            field = self.model._meta.get_field(name)
            if not field.concrete or field.primary_key or getattr(field, "generated", False):
                raise ValueError(f"{self.model.__name__}.{name} is not a column Update can set")
        assignments = ", ".join(f"{quote(self.model._meta.get_field(n).column)} = %s" for n in names)
        matches = " AND ".join(f"{quote(self._field(n).column)} = %s" for n in conditions)
        sql = f"UPDATE {quote(self.model._meta.db_table)} SET {assignments} WHERE {matches}"
        self._sql[key] = sql  # the same text from any thread that builds it
        return sql


class ForViewer(Prepared):
    """A query whose shape depends on the viewer (it applies a visibility rule), compiled once per
    viewer (`viewer_key`): `build(slot, user)` returns the queryset. For users the rules answer
    nothing about (no staff role or no agency) it runs through the ORM, uncompiled."""

    def __init__(self, model: type, build: Callable[[Callable[[str], object], object], QuerySet]):
        self.viewer = threading.local()
        self.build_for = build
        super().__init__(model, lambda slot: build(slot, self.viewer.user))

    def rows(self, user, **values) -> list:
        from watchkeeper.core.visibility import is_staff_user

        if not is_staff_user(user) or not user.agency_id:
            return list(self.build_for(values.__getitem__, user))
        self.viewer.user = user
        try:
            return self.all(key=viewer_key(user), **values)
        finally:
            self.viewer.user = None
