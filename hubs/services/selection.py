"""Pilot selection: applications, officers' scores against their criteria, the decision."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.refusals import authorize
from accounts.uploads import DOCUMENT_KINDS, UploadValidator

from ..models import (
    ApplicationDocument,
    ApplicationScore,
    Hub,
    Municipality,
    MunicipalityApplication,
    SelectionCriterion,
)
from ..permissions import can_decide_application, can_manage_selection

CRITERION_FIELDS = ["name_ka", "name_en", "description", "weight", "min_score", "max_score", "is_active", "sort_order"]
APPLICATION_FIELDS = [
    "municipality",
    "received_on",
    "returnees_last_year",
    "returnees_last_five_years",
    "emigrants_estimate",
    "commitment",
    "co_funding_gel",
    "premises",
    "contact_name",
    "contact_position",
    "contact_phone",
    "contact_email",
]
HUB_CODE = re.compile(r"^[A-Z]{3}$")


def _require_selection_rights(user: User) -> None:
    authorize(can_manage_selection(user))


@transaction.atomic
def criterion_save(*, data: dict, acting_user: User, criterion: SelectionCriterion | None = None):
    """Create or change a selection criterion (its weight and range apply to every ranking)."""
    _require_selection_rights(acting_user)
    if criterion is not None:
        criterion = SelectionCriterion.objects.select_for_update().get(pk=criterion.pk)
        if "min_score" in data or "max_score" in data:
            low, high = data.get("min_score", criterion.min_score), data.get("max_score", criterion.max_score)
            if criterion.scores.exclude(score__gte=low, score__lte=high).exists():
                raise ValidationError(_("Scores already given fall outside the new range."))
    criterion = criterion or SelectionCriterion()
    for field in CRITERION_FIELDS:
        if field in data:
            setattr(criterion, field, data[field])
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def application_save(
    *, data: dict, acting_user: User, application: MunicipalityApplication | None = None
) -> MunicipalityApplication:
    """Record or correct a municipality's application; a decided application is locked."""
    _require_selection_rights(acting_user)
    if application is not None:
        application = MunicipalityApplication.objects.select_for_update().get(pk=application.pk)
        if application.is_decided:
            raise ValidationError(_("A decided application cannot be changed."))
    application = application or MunicipalityApplication()
    for field in APPLICATION_FIELDS:
        if field in data:
            setattr(application, field, data[field])
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_document_add(*, application: MunicipalityApplication, title: str, file, acting_user: User):
    _require_selection_rights(acting_user)
    UploadValidator(kinds=DOCUMENT_KINDS)(file)
    document = ApplicationDocument(application=application, title=title, file=file, uploaded_by=acting_user)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def application_score(
    *, application: MunicipalityApplication, scores: dict[int, tuple[int, str]], acting_user: User
) -> list[ApplicationScore]:
    """One officer's scores of an application: {criterion id: (score, comment)}; scoring again replaces them."""
    _require_selection_rights(acting_user)
    application = MunicipalityApplication.objects.select_for_update().get(pk=application.pk)
    if application.is_decided:
        raise ValidationError(_("A decided application cannot be scored any more."))
    criteria = {c.pk: c for c in SelectionCriterion.objects.filter(is_active=True)}
    saved = []
    for criterion_id, (score, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("This criterion is not in use."))
        if not criterion.min_score <= score <= criterion.max_score:
            raise ValidationError(
                _("%(criterion)s is scored from %(low)s to %(high)s.")
                % {"criterion": criterion, "low": criterion.min_score, "high": criterion.max_score}
            )
        row, _created = ApplicationScore.objects.update_or_create(
            application=application,
            criterion=criterion,
            scorer=acting_user,
            defaults={"score": score, "comment": comment},
        )
        saved.append(row)
    return saved


def _create_hub(*, municipality: Municipality, code: str) -> Hub:
    if not HUB_CODE.match(code or ""):
        raise ValidationError({"hub_code": _("A hub code is three capital Latin letters, e.g. TEL.")})
    if Hub.objects.filter(code=code).exists():
        raise ValidationError({"hub_code": _("Another hub already uses this code.")})
    hub = Hub(
        code=code,
        municipality=municipality,
        name_ka=f"{municipality.name_ka} — რეინტეგრაციის ჰაბი",
        name_en=f"{municipality.name_en} reintegration hub",
        status=Hub.Status.PLANNED,
    )
    hub.full_clean()
    hub.save()
    return hub


@transaction.atomic
def application_decide(
    *,
    application: MunicipalityApplication,
    status: str,
    reason: str,
    decided_on: date,
    acting_user: User,
    hub_code: str = "",
) -> MunicipalityApplication:
    """Select or turn down an application, with a reason and a date. A selected municipality gets its hub."""
    application = (
        MunicipalityApplication.objects.select_for_update().select_related("municipality").get(pk=application.pk)
    )
    authorize(can_manage_selection(acting_user))
    if application.status == status:
        return application
    if status not in MunicipalityApplication.TRANSITIONS[MunicipalityApplication.Status(application.status)]:
        raise ValidationError(_("This application was already decided."))
    authorize(can_decide_application(acting_user, application))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    application.status = status
    application.decision_reason = reason
    application.decided_on = decided_on
    application.decided_by = acting_user
    application.full_clean()
    application.save(update_fields=["status", "decision_reason", "decided_on", "decided_by"])
    if status == MunicipalityApplication.Status.SELECTED:
        municipality = Municipality.objects.select_for_update().get(pk=application.municipality_id)
        if not Hub.objects.filter(municipality=municipality).exists():
            _create_hub(municipality=municipality, code=hub_code)
        if not municipality.is_pilot:
            municipality.is_pilot = True
            municipality.save(update_fields=["is_pilot"])
    return application
