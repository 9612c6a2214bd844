"""A bare row of any model, for tests about the schema rather than the domain.

Every required column gets a plain value of its type (a field's first choice, its default, "x", 1,
today); a foreign key gets the key 1 unless a row is given. Django's foreign keys are checked at
commit (DEFERRABLE INITIALLY DEFERRED on PostgreSQL and SQLite), so call ``bare_row`` inside a block
that is rolled back (``rolled_back()``): the dangling keys never reach a commit or the test case's
constraint check.
"""

import datetime
import decimal
import uuid
from contextlib import contextmanager

from django.db import models, transaction
from django.utils import timezone

# Rows whose own CHECK constraints need more than plain values.
GIVEN = {
    "hubs.OpeningHours": {"opens": datetime.time(9), "closes": datetime.time(17)},
    "reintegration.Beneficiary": {"birth_year": 1990},
}


def _value(field):
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.choices:
        return field.flatchoices[0][0]
    if isinstance(field, models.ForeignKey):
        return 1
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate()
    if isinstance(field, models.TimeField):
        return datetime.time(9, 0)
    if isinstance(field, models.DurationField):
        return datetime.timedelta(0)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(1)
    if isinstance(field, models.FloatField | models.IntegerField):
        return 1
    if isinstance(field, models.GenericIPAddressField):
        return "127.0.0.1"
    if isinstance(field, models.BinaryField):
        return b""
    return "x"


def bare_row(model, **given):
    """Insert one row of ``model`` with plain values (``given`` wins) and return it.

    ``bulk_create`` skips the model's ``save()``: a row is built without the domain's side effects.
    """
    given = {**GIVEN.get(model._meta.label, {}), **given}
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        if field.name in given or field.attname in given:
            continue
        values[field.attname] = _value(field)
    (row,) = model._base_manager.bulk_create([model(**values, **given)])
    return row


@contextmanager
def rolled_back():
    """A savepoint rolled back at the end, whatever happened inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
