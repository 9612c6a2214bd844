"""Audit rows of every app are append-only: created, never updated or deleted (model, queryset, SQL),
and what they record cannot be deleted from under them (PROTECT)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.append_only import (
    AppendOnlyError,
    AppendOnlyQuerySet,
    anonymising,
    append_only_models,
    expected_triggers,
    installed_triggers,
)
from tests.rows import bare_row, rolled_back

AUDIT_MODELS = sorted(append_only_models(), key=lambda model: model._meta.label)
IDS = [model._meta.label for model in AUDIT_MODELS]


def _text_field(model):
    """A column to write to: the note, reason or path; else the first text column."""
    fields = [
        f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]
    return next((f for f in fields if f.name in ("note", "reason", "path")), fields[0])


def _sql(statement: str, model, pk, field=None) -> None:
    """Raw SQL naming {table}, {pk} and {column} (of ``field``), for the row ``pk``."""
    quote = connection.ops.quote_name
    names = {"table": quote(model._meta.db_table), "pk": quote(model._meta.pk.column)}
    if field is not None:
        names["column"] = quote(field.column)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(**names), [pk])


def test_the_audit_models_of_every_app_are_append_only():
    assert set(IDS) >= {
        "accounts.AccessLog",
        "hubs.HubStatusChange",
        "reintegration.CaseStatusChange",
        "reintegration.Consent",
        "referrals.ReferralEvent",
        "grants.CycleEvent",
        "surveys.RoundEvent",
        "community.IdeaEvent",
        "community.IdeaReferralEvent",
        "coordination.MeetingStatusChange",
        "coordination.ActionItemStatusChange",
        "coordination.RecommendationStatusChange",
    }


@pytest.mark.parametrize("model", AUDIT_MODELS, ids=IDS)
def test_an_audit_row_protects_what_it_records(model):
    loose = [
        f.name for f in model._meta.concrete_fields if f.is_relation and f.remote_field.on_delete is not models.PROTECT
    ]
    assert loose == []
    assert isinstance(model._default_manager.all(), AppendOnlyQuerySet)


@pytest.mark.django_db
@pytest.mark.parametrize("model", AUDIT_MODELS, ids=IDS)
def test_the_database_holds_the_triggers_of_every_audit_table(model):
    table = model._meta.db_table
    assert installed_triggers(connection, table) == expected_triggers(connection.vendor, table)


@pytest.mark.django_db
@pytest.mark.parametrize("model", AUDIT_MODELS, ids=IDS)
def test_an_audit_row_is_created_but_never_updated_or_deleted(model):
    field = _text_field(model)
    with rolled_back():
        row = bare_row(model)
        assert model._default_manager.filter(pk=row.pk).exists()  # creating works
        row = model._default_manager.get(pk=row.pk)

        setattr(row, field.attname, "changed")
        with pytest.raises(AppendOnlyError, match="append-only: UPDATE refused"):
            row.save()
        with pytest.raises(AppendOnlyError, match="append-only: DELETE refused"):
            row.delete()
        with pytest.raises(AppendOnlyError):
            model._default_manager.filter(pk=row.pk).update(**{field.name: "changed"})
        with pytest.raises(AppendOnlyError):
            model._default_manager.filter(pk=row.pk).delete()

        with pytest.raises(IntegrityError, match="append-only"):
            _sql("UPDATE {table} SET {column} = 'changed' WHERE {pk} = %s", model, row.pk, field)
        with pytest.raises(IntegrityError, match="append-only"):
            _sql("DELETE FROM {table} WHERE {pk} = %s", model, row.pk)
        assert getattr(model._default_manager.get(pk=row.pk), field.attname) != "changed"


@pytest.mark.django_db
@pytest.mark.parametrize("model", AUDIT_MODELS, ids=IDS)
def test_what_an_audit_row_records_cannot_be_deleted(model):
    relations = [f for f in model._meta.concrete_fields if f.is_relation]
    assert relations
    for field in relations:
        with rolled_back():
            parent_model = field.related_model
            parent = bare_row(parent_model)
            row = bare_row(model, **{field.attname: parent.pk})
            with pytest.raises(ProtectedError) as refused:
                parent_model._base_manager.filter(pk=parent.pk).delete()
            assert row in refused.value.protected_objects


@pytest.mark.django_db
@pytest.mark.parametrize("model", AUDIT_MODELS, ids=IDS)
def test_anonymisation_may_overwrite_an_audit_row_but_not_delete_it(model):
    field = _text_field(model)
    with rolled_back():
        row = bare_row(model)
        with anonymising():
            model._default_manager.filter(pk=row.pk).update(**{field.name: "anonymised"})
            _sql("UPDATE {table} SET {column} = 'anonymised' WHERE {pk} = %s", model, row.pk, field)
            with pytest.raises(AppendOnlyError):
                model._default_manager.filter(pk=row.pk).delete()
        with pytest.raises(IntegrityError, match="append-only"), anonymising():
            _sql("DELETE FROM {table} WHERE {pk} = %s", model, row.pk)
        assert getattr(model._default_manager.get(pk=row.pk), field.attname) == "anonymised"
        with pytest.raises(IntegrityError, match="append-only"):  # the permission ended with the block
            _sql("UPDATE {table} SET {column} = 'again' WHERE {pk} = %s", model, row.pk, field)


@pytest.mark.django_db
def test_a_consent_is_withdrawn_once_on_its_own_row_and_nothing_else_changes():
    from accounts.tests.factories import UserFactory
    from reintegration.models import Consent

    with rolled_back():
        officer = UserFactory()
        consent = bare_row(Consent)
        consent.withdrawn_at, consent.withdrawn_by = timezone.now(), officer
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        consent.refresh_from_db()
        assert consent.withdrawn_by == officer and not consent.is_active

        consent.withdrawn_at = timezone.now() + timedelta(days=1)
        # A second withdrawal: the model lets it through (it would need a query to know), the database not.
        with pytest.raises(IntegrityError, match="set once|append-only"), transaction.atomic():
            consent.save(update_fields=["withdrawn_at"])
        with pytest.raises(IntegrityError, match="set once|append-only"):
            _sql("UPDATE {table} SET withdrawn_at = NULL WHERE {pk} = %s", Consent, consent.pk)
        with pytest.raises(AppendOnlyError):
            Consent.objects.filter(pk=consent.pk).update(provider_name="other", withdrawn_at=timezone.now())

        other = bare_row(Consent)
        change = "UPDATE {table} SET withdrawn_at = CURRENT_TIMESTAMP, witness = 'other' WHERE {pk} = %s"
        with pytest.raises(IntegrityError, match="append-only"):  # a withdrawal that changes something else
            _sql(change, Consent, other.pk)
        Consent.objects.filter(pk=other.pk).update(withdrawn_at=timezone.now())  # a withdrawal alone
        assert not Consent.objects.get(pk=other.pk).is_active
