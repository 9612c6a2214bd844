"""Retention and anonymisation: what expires when, and which app overwrites what.

Records are anonymised in place, never deleted: the rows, their keys, statuses, dates, sex, birth
year, municipality and hub stay, so every count the dashboard and the survey analysis make is the
same afterwards. What goes: names, personal numbers, phones, addresses, full birth dates, free text
and uploaded files, in the live table and in its django-simple-history table alike.

Two registries, filled in each app's ``AppConfig.ready()`` (a lower app never imports a higher one):

- ``register_anonymiser(fn)``: ``fn(subject) -> {"app.Model": rows}`` overwrites what the app holds
  on one person (``Subject``): referrals of the person's cases, grant team memberships, survey
  answers of their household, free text of community records that names them.
- ``register_retention_kind(RetentionKind(...))``: records whose own purpose ends, with a period from
  settings (``RETENTION_*_DAYS``); the person kinds are reintegration's own.
- ``register_hold(fn)``: ``fn(beneficiaries) -> beneficiaries`` keeps people whose data another app
  still needs (a team member of a grant cycle still running) out of the due list.

Every write happens inside ``accounts.append_only.anonymising()``, the one block in which audit rows
(access log, status changes, referral events) may have their personal text overwritten.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils.functional import Promise

from accounts.append_only import anonymising

# What a required text field holds once anonymised (blank-able fields become "").
MARK = "—"
# Shorter values are not searched for in free text: they would match ordinary words.
MIN_SCRUB_LENGTH = 4
CHUNK = 500


@dataclass(frozen=True)
class Subject:
    """One person being anonymised: their keys, and the values that identify them in free text."""

    beneficiary_id: int
    case_ids: tuple[int, ...]
    household_id: int | None
    values: tuple[str, ...] = ()

    @property
    def searchable(self) -> tuple[str, ...]:
        return tuple(v for v in self.values if len(v) >= MIN_SCRUB_LENGTH)


@dataclass(frozen=True)
class RetentionKind:
    """One kind of record with its retention period.

    ``due(cutoff)`` is the queryset of records whose purpose ended before ``cutoff`` and that are not
    anonymised yet; ``describe(obj)`` names one without personal data (a case number, a key);
    ``anonymise(queryset)`` overwrites them and returns rows changed per ``app.Model``.
    """

    key: str
    label: str | Promise
    setting: str
    purpose_end: str | Promise
    due: Callable[[datetime.datetime], models.QuerySet]
    describe: Callable[[models.Model], str]
    anonymise: Callable[[models.QuerySet], dict[str, int]]
    order: int = 50

    @property
    def days(self) -> int:
        return int(getattr(settings, self.setting))


_anonymisers: list[Callable[[Subject], dict[str, int]]] = []
_kinds: dict[str, RetentionKind] = {}
_holds: list[Callable[[models.QuerySet], models.QuerySet]] = []


def register_anonymiser(fn: Callable[[Subject], dict[str, int]]) -> None:
    if fn not in _anonymisers:
        _anonymisers.append(fn)


def register_retention_kind(kind: RetentionKind) -> None:
    _kinds[kind.key] = kind


def register_hold(fn: Callable[[models.QuerySet], models.QuerySet]) -> None:
    if fn not in _holds:
        _holds.append(fn)


def anonymisers() -> list[Callable[[Subject], dict[str, int]]]:
    return list(_anonymisers)


def retention_kinds() -> list[RetentionKind]:
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))


def apply_holds(beneficiaries: models.QuerySet) -> models.QuerySet:
    for hold in _holds:
        beneficiaries = hold(beneficiaries)
    return beneficiaries


def anonymise_subject(subject: Subject) -> dict[str, int]:
    """Call every app's anonymiser for one person; rows changed per ``app.Model``."""
    rows: Counter = Counter()
    for fn in _anonymisers:
        rows.update(fn(subject))
    return dict(rows)


# --------------------------------------------------------------------------------------------
# Helpers the apps' anonymisers use: each writes the live table and its history table alike.
# --------------------------------------------------------------------------------------------
def history_model(model) -> type[models.Model] | None:
    """The django-simple-history model of ``model``, if it keeps one."""
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def label_of(model) -> str:
    return model._meta.label


def _chunks(pks: list) -> Iterable[list]:
    for start in range(0, len(pks), CHUNK):
        yield pks[start : start + CHUNK]


def overwrite(queryset: models.QuerySet, **values) -> dict[str, int]:
    """Set ``values`` on the queryset's rows and on every history copy of those rows."""
    model = queryset.model
    pks = list(queryset.values_list("pk", flat=True))
    if not pks:
        return {}
    pk_name = model._meta.pk.attname
    historical = history_model(model)
    history_values = (
        {k: v for k, v in values.items() if any(f.name == k for f in historical._meta.fields)} if historical else {}
    )
    changed = 0
    with anonymising():
        for chunk in _chunks(pks):
            changed += model._base_manager.filter(pk__in=chunk).update(**values)
            if history_values:
                historical._base_manager.filter(**{f"{pk_name}__in": chunk}).update(**history_values)
    return {label_of(model): changed}


def scrub(queryset: models.QuerySet, fields: Iterable[str], values: Iterable[str]) -> dict[str, int]:
    """Replace each of ``values`` inside the text ``fields`` by MARK, in the rows and their history.

    For free text that may name the person although the row is not theirs (an access-log reason,
    a community idea's applicant).
    """
    values = [v for v in values if len(v) >= MIN_SCRUB_LENGTH]
    fields = list(fields)
    if not values or not fields:
        return {}
    model = queryset.model
    historical = history_model(model)
    match = any_contains(fields, values)
    # The rows holding a value, live and in the history (an old version may hold what the row no longer
    # does), each found in one scan and read before the update stops them matching.
    found = [
        (
            model,
            list(model._base_manager.filter(pk__in=queryset.values("pk")).filter(match).values_list("pk", flat=True)),
        )
    ]
    if historical:
        originals = {f"{model._meta.pk.attname}__in": queryset.values("pk")}
        found.append(
            (historical, list(historical._base_manager.filter(**originals).filter(match).values_list("pk", flat=True)))
        )
    changed = 0
    with anonymising():
        for target_model, pks in found:
            for chunk in _chunks(pks):
                for name in fields:
                    for value in values:
                        n = target_model._base_manager.filter(pk__in=chunk, **{f"{name}__contains": value}).update(
                            **{name: Replace(name, Value(value), Value(MARK))}
                        )
                        if target_model is model:
                            changed += n
    return {label_of(model): changed} if changed else {}


def scrub_json(value, values: Iterable[str]):
    """A JSON value with every string containing one of ``values`` replaced (for answers)."""
    values = [v for v in values if len(v) >= MIN_SCRUB_LENGTH]
    if isinstance(value, str):
        for v in values:
            value = value.replace(v, MARK)
        return value
    if isinstance(value, list):
        return [scrub_json(item, values) for item in value]
    if isinstance(value, dict):
        return {key: scrub_json(item, values) for key, item in value.items()}
    return value


def scrub_json_field(queryset: models.QuerySet, field_name: str, values: Iterable[str]) -> dict[str, int]:
    """``scrub_json`` on one JSON field of the rows and their history (a few rows per person)."""
    values = [v for v in values if len(v) >= MIN_SCRUB_LENGTH]
    model = queryset.model
    historical = history_model(model)
    changed = 0
    with anonymising():
        targets = [queryset]
        if historical:
            targets.append(historical._base_manager.filter(**{f"{model._meta.pk.attname}__in": queryset.values("pk")}))
        for target in targets:
            for pk, data in list(target.values_list("pk", field_name)):
                cleaned = scrub_json(data, values)
                if cleaned != data:
                    target.model._base_manager.filter(pk=pk).update(**{field_name: cleaned})
                    changed += target.model is model
    return {label_of(model): changed} if changed else {}


def delete_files(queryset: models.QuerySet, field_name: str) -> dict[str, int]:
    """Clear a file field (rows and history) and delete the files from storage once committed."""
    queryset = queryset.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True})
    files = [(getattr(obj, field_name).storage, getattr(obj, field_name).name) for obj in queryset]
    rows = overwrite(queryset, **{field_name: ""})

    def remove():
        for storage, name in files:
            if name and storage.exists(name):
                storage.delete(name)

    transaction.on_commit(remove)
    return rows


def values_of(person) -> tuple[str, ...]:
    """The person's identifying values as they may appear in free text."""
    found = [person.name_ka, person.name_latin, person.personal_number, person.phone, person.address]
    if person.birth_date:
        found += [person.birth_date.isoformat(), person.birth_date.strftime("%d.%m.%Y")]
    return tuple(dict.fromkeys(v.strip() for v in found if v and v.strip() and v.strip() != MARK))


def any_contains(fields: Iterable[str], values: Iterable[str]) -> Q:
    """rows whose any of ``fields`` contains any of ``values``."""
    q = Q(pk__in=[])
    for name in fields:
        for value in values:
            q |= Q(**{f"{name}__contains": value})
    return q


__all__ = [
    "MARK",
    "RetentionKind",
    "Subject",
    "anonymise_subject",
    "any_contains",
    "delete_files",
    "overwrite",
    "register_anonymiser",
    "register_hold",
    "register_retention_kind",
    "retention_kinds",
    "scrub",
    "scrub_json_field",
    "values_of",
]
