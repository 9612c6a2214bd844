"""Writes on information sessions a hub holds for the public."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.refusals import authorize
from accounts.rules import check_not_in_future

from ..models import InfoSession
from ..models.outreach import PARTICIPANT_FIELDS
from ..permissions import can_record_info_session

SESSION_FIELDS = [
    "hub",
    "date",
    "place",
    "topic",
    "facilitator",
    "facilitator_name",
    *[field for field, _category, _sex in PARTICIPANT_FIELDS],
    "materials",
    "materials_count",
    "notes",
]


def _check(session: InfoSession) -> None:
    check_not_in_future(
        session.date, field="date", message=_("An information session is recorded after it took place.")
    )
    if session.facilitator_id is None and not session.facilitator_name:
        raise ValidationError({"facilitator": _("Name the facilitator: an account or a name.")})
    if session.people == 0:
        raise ValidationError(_("Count at least one participant."))


@transaction.atomic
def info_session_create(*, data: dict, acting_user: User) -> InfoSession:
    session = InfoSession(**{field: data[field] for field in SESSION_FIELDS if field in data}, created_by=acting_user)
    authorize(can_record_info_session(acting_user, session.hub))
    _check(session)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def info_session_update(*, session: InfoSession, data: dict, acting_user: User) -> InfoSession:
    session = InfoSession.objects.select_for_update().select_related("hub").get(pk=session.pk)
    authorize(can_record_info_session(acting_user, session.hub))
    changed = [field for field in SESSION_FIELDS if field in data and getattr(session, field) != data[field]]
    for field in changed:
        setattr(session, field, data[field])
    authorize("hub" not in changed or can_record_info_session(acting_user, session.hub))
    _check(session)
    if changed:
        session.full_clean()
        session.save(update_fields=changed)
    return session
