"""Append-only audit rows: written once, never changed, never deleted.

Status-change rows, referral/cycle/round/idea events, consents and the access log record what
happened. They refuse change at two levels, so that neither a careless line of Python nor a raw
SQL statement can rewrite the past:

- **Model level.** A model inherits ``AppendOnlyModel``: ``save()`` of an existing row, ``delete()``,
  and its ``QuerySet.update()``/``delete()`` (also through related managers and ``bulk_update``)
  raise ``AppendOnlyError``, a subclass of ``django.db.IntegrityError`` (the database raises
  ``IntegrityError`` too, so callers meet one kind of error). Foreign keys from an audit row to what
  it records use ``on_delete=PROTECT``: deleting the case, referral, round... is refused.
- **Database level.** The migration operation ``AppendOnly("model")`` installs a trigger: on
  PostgreSQL ``BEFORE UPDATE OR DELETE ... FOR EACH ROW`` calling ``append_only_guard()``, which
  raises (SQLSTATE 23000); on SQLite two ``BEFORE UPDATE``/``BEFORE DELETE`` triggers doing
  ``RAISE(ABORT, ...)``. On SQLite a table rebuilt by a later migration (Django's ``_remake_table``
  for most ``AlterField``/``AddConstraint``) loses its triggers: add ``AppendOnly(...)`` again after
  such a migration; ``accounts/tests/test_append_only.py`` fails until the triggers are back.

Three deliberate exceptions:

- **Consent withdrawal** (``append_only_once``): a consent is withdrawn on its own row. The fields
  listed in ``append_only_once`` (``withdrawn_at``, ``withdrawn_by``) may go from empty to a value
  once, in an UPDATE that changes nothing else; any other change, and a second withdrawal, is refused.
  We kept the stamp on the row rather than a separate withdrawal row because every reader of consent
  (``Consent.objects.active()``, provider links, the data-quality queue) asks the row itself.
- **Anonymisation** (``anonymising()``): inside this block, UPDATE of audit rows is allowed (to
  overwrite personal free text when a retention period ends or a person asks for erasure); DELETE
  never is. The flag is transaction-local: on PostgreSQL ``set_config('app.anonymising', 'on', true)``
  (``SET LOCAL``), which the trigger reads and which ends with the transaction or the savepoint's
  rollback; on SQLite a flag on the connection that the SQL function ``append_only_allows()`` reads.
  The model-level guard reads the same flag.
- **Flush** (``maintenance()``): ``manage.py flush`` (and so every TransactionTestCase and
  ``live_server`` test) empties all tables. PostgreSQL flushes with TRUNCATE, which row triggers do
  not see; SQLite flushes with DELETE, so the project's ``flush`` command runs inside
  ``maintenance()``, which lets SQLite's triggers allow DELETE for that command only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, router, transaction
from django.db.migrations.operations.base import Operation

ANONYMISING = "anonymising"
MAINTENANCE = "maintenance"
_PG_SETTING = "app.anonymising"
_SQLITE_FUNCTION = "append_only_allows"


class AppendOnlyError(IntegrityError):
    """An attempt to change or delete an append-only audit row."""


# --------------------------------------------------------------------------------------------
# Flags: transaction-local on PostgreSQL, per connection on SQLite, mirrored for the model guard
# --------------------------------------------------------------------------------------------
def _flags(connection) -> set[str]:
    flags = getattr(connection, "_append_only_flags", None)
    if flags is None:
        flags = connection._append_only_flags = set()
    return flags


def flag_active(flag: str, using: str = DEFAULT_DB_ALIAS) -> bool:
    return flag in _flags(connections[using])


def _set_pg_setting(connection, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [_PG_SETTING, value])


@contextmanager
def anonymising(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Allow UPDATE (never DELETE) of append-only rows inside this block, in one transaction.

    For anonymisation only (retention, right to erasure): overwrite personal free text in audit
    rows. On PostgreSQL the permission is ``SET LOCAL app.anonymising = 'on'``: it ends with the
    block, or with the transaction if the block fails.
    """
    connection = connections[using]
    flags = _flags(connection)
    nested = ANONYMISING in flags
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            _set_pg_setting(connection, "on")
        flags.add(ANONYMISING)
        finished = False
        try:
            yield
            finished = True
        finally:
            if not nested:
                flags.discard(ANONYMISING)
                # After an error the rollback of this block's savepoint undoes SET LOCAL itself.
                if finished and connection.vendor == "postgresql":
                    _set_pg_setting(connection, "off")


@contextmanager
def maintenance(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let SQLite's triggers allow DELETE and UPDATE: for ``manage.py flush`` only (see the module doc)."""
    flags = _flags(connections[using])
    nested = MAINTENANCE in flags
    flags.add(MAINTENANCE)
    try:
        yield
    finally:
        if not nested:
            flags.discard(MAINTENANCE)


def _sqlite_allows(connection, operation: str) -> bool:
    flags = _flags(connection)
    if MAINTENANCE in flags:
        return True
    return operation == "update" and ANONYMISING in flags


def install_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: the SQL function SQLite's triggers ask (see ``AppendOnly``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(_SQLITE_FUNCTION, 1, partial(_sqlite_allows, connection))


# --------------------------------------------------------------------------------------------
# Model level
# --------------------------------------------------------------------------------------------
def _refusal(model, what: str) -> AppendOnlyError:
    return AppendOnlyError(
        f"{model._meta.label} rows are append-only: {what} refused. Audit rows are never changed or "
        "deleted; anonymisation runs inside accounts.append_only.anonymising()."
    )


def _only_once_fields(model, names: Iterable[str]) -> bool:
    once = set()
    for name in model.append_only_once:
        field = model._meta.get_field(name)
        once |= {field.name, field.attname}
    names = set(names)
    return bool(names) and names <= once


class AppendOnlyQuerySet(models.QuerySet):
    """``update()`` only inside ``anonymising()`` (or of the once-fields); ``delete()`` never."""

    def update(self, **kwargs):
        if not (flag_active(ANONYMISING, self.db) or _only_once_fields(self.model, kwargs)):
            raise _refusal(self.model, "UPDATE")
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        raise _refusal(self.model, "DELETE")

    delete.alters_data = True
    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """An audit row: created once, never changed, never deleted (see the module docstring)."""

    # Fields that may go from empty to a value once, in an update touching nothing else (a withdrawal).
    append_only_once: tuple[str, ...] = ()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
            update_fields = kwargs.get("update_fields") or ()
            if not (flag_active(ANONYMISING, using) or _only_once_fields(type(self), update_fields)):
                raise _refusal(type(self), "UPDATE")
        super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        raise _refusal(type(self), "DELETE")

    delete.alters_data = True


def append_only_models() -> list[type[models.Model]]:
    return [model for model in global_apps.get_models() if issubclass(model, AppendOnlyModel)]


# --------------------------------------------------------------------------------------------
# Database level: triggers, installed by the migration operation AppendOnly("model")
# --------------------------------------------------------------------------------------------
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    once_column text;
BEGIN
    -- Arguments name the columns that may go from NULL to a value once (a consent's withdrawal).
    IF TG_OP = 'UPDATE' THEN
        IF current_setting('app.anonymising', true) = 'on' THEN
            RETURN NEW;
        END IF;
        IF TG_NARGS > 0 THEN
            old_row := to_jsonb(OLD);
            new_row := to_jsonb(NEW);
            IF (old_row - TG_ARGV) = (new_row - TG_ARGV) THEN
                FOREACH once_column IN ARRAY TG_ARGV LOOP
                    IF old_row -> once_column <> 'null'::jsonb
                       AND old_row -> once_column IS DISTINCT FROM new_row -> once_column THEN
                        RAISE EXCEPTION '%.% is set once and never changed', TG_TABLE_NAME, once_column
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                END LOOP;
                RETURN NEW;
            END IF;
        END IF;
    END IF;
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'Audit rows are never changed or deleted; anonymisation runs inside anonymising().';
END;
$$
"""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def postgresql_sql(table: str, once_columns: Iterable[str] = ()) -> list[str]:
    arguments = ", ".join(_literal(column) for column in once_columns)
    trigger = _quote(f"{table}_append_only")
    return [
        _PG_FUNCTION,
        f"DROP TRIGGER IF EXISTS {trigger} ON {_quote(table)}",
        f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {_quote(table)} "
        f"FOR EACH ROW EXECUTE FUNCTION append_only_guard({arguments})",
    ]


def sqlite_sql(table: str, columns: Iterable[str], once_columns: Iterable[str] = ()) -> list[str]:
    once_columns = list(once_columns)
    condition = f"NOT {_SQLITE_FUNCTION}('update')"
    if once_columns:
        unchanged = [f"NEW.{_quote(c)} IS OLD.{_quote(c)}" for c in columns if c not in once_columns]
        set_once = [f"(OLD.{_quote(c)} IS NULL OR NEW.{_quote(c)} IS OLD.{_quote(c)})" for c in once_columns]
        condition += f" AND NOT ({' AND '.join(unchanged + set_once)})"
    statements = []
    for operation, when in (("update", condition), ("delete", f"NOT {_SQLITE_FUNCTION}('delete')")):
        trigger = _quote(f"{table}_append_only_{operation}")
        message = _literal(f"{table} rows are append-only: {operation.upper()} refused")
        statements += [
            f"DROP TRIGGER IF EXISTS {trigger}",
            f"CREATE TRIGGER {trigger} BEFORE {operation.upper()} ON {_quote(table)} FOR EACH ROW "
            f"WHEN {when} BEGIN SELECT RAISE(ABORT, {message}); END",
        ]
    return statements


def _drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {_quote(f'{table}_append_only')} ON {_quote(table)}"]
    return [f"DROP TRIGGER IF EXISTS {_quote(f'{table}_append_only_{op}')}" for op in ("update", "delete")]


def trigger_sql(vendor: str, model, once: Iterable[str] = ()) -> list[str]:
    """The statements that make ``model``'s table refuse UPDATE and DELETE on this vendor.

    ``once``: field names that may go from NULL to a value once (see ``append_only_once``).
    """
    opts = model._meta
    once = [opts.get_field(name).column for name in once]
    if vendor == "postgresql":
        return postgresql_sql(opts.db_table, once)
    if vendor == "sqlite":
        return sqlite_sql(opts.db_table, [f.column for f in opts.local_concrete_fields], once)
    raise NotImplementedError(f"append-only triggers exist for PostgreSQL and SQLite, not {vendor}")


class AppendOnly(Operation):
    """Migration operation: the table of ``model_name`` refuses UPDATE and DELETE (triggers).

    ``once`` lists the fields that may go from NULL to a value once (a consent's withdrawal), as the
    model's ``append_only_once`` does for the model-level guard. Running it again (after a SQLite
    table rebuild) replaces the triggers.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, once: Iterable[str] = ()):
        self.model_name = model_name
        self.once = tuple(once)

    def deconstruct(self):
        kwargs = {"model_name": self.model_name}
        if self.once:
            kwargs["once"] = self.once
        return "AppendOnly", [], kwargs

    def state_forwards(self, app_label, state):
        pass  # triggers live in the database only

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            for sql in trigger_sql(schema_editor.connection.vendor, model, self.once):
                schema_editor.execute(sql, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            for sql in _drop_sql(schema_editor.connection.vendor, model._meta.db_table):
                schema_editor.execute(sql, params=None)

    def describe(self) -> str:
        return f"Make {self.model_name} append-only (refuse UPDATE and DELETE)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_append_only"


def installed_triggers(connection, table: str) -> set[str]:
    """The names of the append-only triggers on ``table`` (tests check none went missing)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname LIKE %s",
                [table, "%append_only%"],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s AND name LIKE %s",
                [table, "%append_only%"],
            )
        return {row[0] for row in cursor.fetchall()}


def expected_triggers(vendor: str, table: str) -> set[str]:
    if vendor == "postgresql":
        return {f"{table}_append_only"}
    return {f"{table}_append_only_update", f"{table}_append_only_delete"}
