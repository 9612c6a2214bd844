"""The append-only machinery itself, on the access log (tests/test_audit_rows.py covers every app)."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from accounts.append_only import ANONYMISING, AppendOnly, anonymising, flag_active
from accounts.models import AccessLog


def _raw_update(pk) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_accesslog SET reason = 'changed' WHERE id = %s", [pk])


@pytest.mark.django_db
def test_the_anonymising_permission_ends_with_its_block_even_when_the_block_fails():
    row = AccessLog.objects.create(action=AccessLog.Action.VIEW, reason="ნინო ბერიძე")
    with pytest.raises(RuntimeError), anonymising():
        AccessLog.objects.filter(pk=row.pk).update(reason="")
        raise RuntimeError("the anonymisation failed half-way")
    assert not flag_active(ANONYMISING)
    assert AccessLog.objects.get(pk=row.pk).reason == "ნინო ბერიძე"  # the block was rolled back
    with pytest.raises(IntegrityError, match="append-only"):
        _raw_update(row.pk)


@pytest.mark.django_db
def test_a_nested_anonymising_block_keeps_the_outer_permission():
    row = AccessLog.objects.create(action=AccessLog.Action.VIEW, reason="ნინო")
    with anonymising():
        with anonymising():
            row.reason = "—"
            row.save(update_fields=["reason"])
        assert flag_active(ANONYMISING)
        _raw_update(row.pk)
    assert not flag_active(ANONYMISING)
    assert AccessLog.objects.get(pk=row.pk).reason == "changed"


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_tables_on_every_database():
    AccessLog.objects.create(action=AccessLog.Action.VIEW)
    call_command("flush", interactive=False, verbosity=0)
    assert not AccessLog.objects.exists()
    with connection.cursor() as cursor:  # and the triggers are still there
        row = AccessLog.objects.create(action=AccessLog.Action.VIEW)
        with pytest.raises(IntegrityError, match="append-only"):
            cursor.execute("DELETE FROM accounts_accesslog WHERE id = %s", [row.pk])


def test_the_migration_operation_names_itself_and_its_once_fields():
    operation = AppendOnly("consent", once=("withdrawn_at", "withdrawn_by"))
    once = ("withdrawn_at", "withdrawn_by")
    assert operation.deconstruct() == ("AppendOnly", [], {"model_name": "consent", "once": once})
    assert operation.describe() == "Make consent append-only (refuse UPDATE and DELETE)"
