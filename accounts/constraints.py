"""Database CHECK constraints for fields with choices: the database holds only the allowed values.

A model lists its choice fields once::

    @choices_checked("status", "closure_reason")
    class Case(models.Model):
        ...

and gets one ``ChoicesConstraint`` per field, named ``<app>_<model>_<field>_valid``, allowing the
field's choice values (and "" when the field may be blank). ``makemigrations`` picks the constraints
up like any other; a change to the choices shows as a new migration. ``full_clean()`` checks the
value in Python (Django's own CheckConstraint would ask the database, one query per constraint on
every validation); the database refuses an invalid value written by ``update()`` or raw SQL.
``accounts/tests/test_constraints.py`` finds every constrained field and every field with choices.
"""

from __future__ import annotations

import enum

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

_MAX_NAME = 63  # PostgreSQL truncates longer identifiers


def _plain(value):
    return value.value if isinstance(value, enum.Enum) else value


class ChoicesConstraint(models.CheckConstraint):
    """``CHECK (field IN (values))``, validated in Python by ``full_clean()``."""

    def __init__(self, *, field: str, values, name: str, **kwargs):
        self.field = field
        self.values = [_plain(value) for value in values]
        kwargs.pop("condition", None)
        super().__init__(condition=Q(**{f"{field}__in": self.values}), name=name, **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("condition")
        return path, args, {"field": self.field, "values": self.values, **kwargs}

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and self.field in exclude:
            return
        value = getattr(instance, model._meta.get_field(self.field).attname)
        if value is not None and value not in self.values:
            raise ValidationError(self.get_violation_error_message(), code=self.violation_error_code)


def choices_constraint(model, field_name: str) -> ChoicesConstraint:
    field = model._meta.get_field(field_name)
    if not field.choices:
        raise TypeError(f"{model._meta.label}.{field_name} has no choices to check")
    values = [_plain(value) for value, _label in field.flatchoices]
    if field.blank and "" not in values and isinstance(field, models.CharField):
        values.append("")
    name = f"{model._meta.app_label}_{model._meta.model_name}_{field_name}_valid"
    if len(name) > _MAX_NAME:
        raise ValueError(f"constraint name {name} is longer than {_MAX_NAME} characters")
    return ChoicesConstraint(field=field_name, values=values, name=name)


def choices_checked(*field_names: str):
    """Class decorator: a CHECK constraint per named field allowing exactly its choices."""

    def decorate(model):
        added = [choices_constraint(model, name) for name in field_names]
        model._meta.constraints = [*model._meta.constraints, *added]
        # Migrations read the constraints of models whose Meta declared them (original_attrs).
        model._meta.original_attrs["constraints"] = model._meta.constraints
        return model

    return decorate


def checked_fields(model) -> set[str]:
    return {c.field for c in model._meta.constraints if isinstance(c, ChoicesConstraint)}
