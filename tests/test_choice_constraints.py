"""Every field with choices has a database CHECK constraint, and the database refuses other values."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models

from accounts.append_only import AppendOnlyError, AppendOnlyModel, anonymising
from accounts.constraints import ChoicesConstraint, checked_fields
from tests.rows import bare_row, rolled_back


def _project_models():
    """The project's own models, without django-simple-history's history tables (they keep old values)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in settings.LOCAL_APPS and not hasattr(model, "instance_type")
    ]


CONSTRAINTS = sorted(
    (
        (model, constraint)
        for model in _project_models()
        for constraint in model._meta.constraints
        if isinstance(constraint, ChoicesConstraint)
    ),
    key=lambda pair: pair[1].name,
)


def _database_has_check(table: str, name: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM pg_constraint WHERE contype = 'c' AND conname = %s AND conrelid = %s::regclass",
                [name, table],
            )
            return cursor.fetchone() is not None
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        return f'CONSTRAINT "{name}" CHECK' in cursor.fetchone()[0]


def _invalid_value(field):
    return 99 if isinstance(field, models.IntegerField) else "~"


def test_every_field_with_choices_has_a_check_constraint():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in _project_models()
        for field in model._meta.local_concrete_fields
        if field.choices and field.name not in checked_fields(model)
    ]
    assert missing == []


def test_every_status_field_has_a_check_constraint():
    status_fields = [
        (model, field)
        for model in _project_models()
        for field in model._meta.local_concrete_fields
        if field.name == "status"
    ]
    assert len(status_fields) >= 15  # the issue counted 15; more apps have come since
    assert [f"{m._meta.label}" for m, field in status_fields if field.name not in checked_fields(m)] == []


def test_a_constraint_allows_exactly_the_choices_and_blank_where_the_field_may_be_blank():
    from reintegration.models import Case

    (constraint,) = [c for c in Case._meta.constraints if getattr(c, "field", None) == "closure_reason"]
    assert constraint.values == [*Case.ClosureReason.values, ""]
    (status,) = [c for c in Case._meta.constraints if getattr(c, "field", None) == "status"]
    assert status.values == Case.Status.values


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "constraint"), CONSTRAINTS, ids=[f"{m._meta.label}.{c.field}" for m, c in CONSTRAINTS]
)
def test_the_database_refuses_a_value_outside_the_choices(model, constraint):
    field = model._meta.get_field(constraint.field)
    with rolled_back():
        # Every choice field holds its first choice: the constraints let the row in.
        row = bare_row(model)
        with pytest.raises(IntegrityError) as refused:
            if issubclass(model, AppendOnlyModel):
                with anonymising():  # lets the UPDATE through the audit guards, to the CHECK
                    model._default_manager.filter(pk=row.pk).update(**{field.name: _invalid_value(field)})
            else:
                model._default_manager.filter(pk=row.pk).update(**{field.name: _invalid_value(field)})
        assert not isinstance(refused.value, AppendOnlyError)
    # The database holds the constraint by its name (SQLite may report another CHECK on the same row first).
    assert _database_has_check(model._meta.db_table, constraint.name)
    assert connection.vendor == "sqlite" or constraint.name in str(refused.value)


@pytest.mark.django_db
def test_a_choices_constraint_validates_in_python_without_a_query(django_assert_num_queries):
    from reintegration.models import CaseTransfer

    (constraint,) = [c for c in CaseTransfer._meta.constraints if getattr(c, "field", None) == "status"]
    with django_assert_num_queries(0):
        constraint.validate(CaseTransfer, CaseTransfer(status=CaseTransfer.Status.PENDING))
        with pytest.raises(ValidationError):
            constraint.validate(CaseTransfer, CaseTransfer(status="~"))
        constraint.validate(CaseTransfer, CaseTransfer(status="~"), exclude={"status"})  # clean_fields said it


def test_full_clean_reports_an_invalid_choice_once():
    from reintegration.models import CaseTransfer

    with pytest.raises(ValidationError) as refused:
        CaseTransfer(status="~").full_clean(exclude=[f.name for f in CaseTransfer._meta.fields if f.name != "status"])
    assert len(refused.value.message_dict["status"]) == 1
