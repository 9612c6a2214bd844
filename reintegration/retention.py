"""What reintegration holds on a person, how it is anonymised, and when a person's time is up.

Registered in ``ReintegrationConfig.ready()`` with ``reintegration.anonymisation``.
"""

import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.append_only import anonymising
from accounts.models import AccessLog

from .anonymisation import MARK, RetentionKind, Subject, apply_holds, overwrite, scrub, values_of
from .models import (
    AssessedNeed,
    Beneficiary,
    Case,
    CaseStatusChange,
    CaseTransfer,
    Consent,
    CounsellingSession,
    FollowUp,
    Household,
    HouseholdMember,
    NeedAssessment,
    PlanAction,
    PlanGoal,
)

LIVE = [Case.Status.OPEN, Case.Status.ACTIVE, Case.Status.CLOSURE_REQUESTED]


def subject_of(person: Beneficiary) -> Subject:
    """The person's keys and identifying values, the ones they had before an edit included."""
    values = list(values_of(person))
    for version in person.history.all():
        values += [v for v in values_of(version) if v not in values]
    return Subject(
        beneficiary_id=person.pk,
        case_ids=tuple(person.cases.values_list("pk", flat=True)),
        household_id=person.household_id,
        values=tuple(values),
    )


def _merge(*parts: dict) -> dict[str, int]:
    total: dict[str, int] = {}
    for part in parts:
        for key, n in part.items():
            total[key] = total.get(key, 0) + n
    return total


def _records_of(subject: Subject) -> dict[type, list]:
    """Keys of every reintegration record of the person, by model (for the access and admin logs)."""
    cases = Case.objects.filter(pk__in=subject.case_ids)
    return {
        Beneficiary: [subject.beneficiary_id],
        Case: list(subject.case_ids),
        CounsellingSession: list(CounsellingSession.objects.filter(case__in=cases).values_list("pk", flat=True)),
        Consent: list(Consent.objects.filter(beneficiary_id=subject.beneficiary_id).values_list("pk", flat=True)),
    } | ({Household: [subject.household_id]} if subject.household_id else {})


def anonymise_logs(subject: Subject) -> dict[str, int]:
    """The access log and the admin's log: reasons given about the person's records, and their name anywhere."""
    rows: dict[str, int] = {}
    about = Q(pk__in=[])
    admin_about = Q(pk__in=[])
    for model, pks in _records_of(subject).items():
        ct = ContentType.objects.get_for_model(model)
        keys = [str(pk) for pk in pks]
        about |= Q(content_type=ct, object_id__in=keys)
        admin_about |= Q(content_type=ct, object_id__in=keys)
    with anonymising():
        rows = _merge(
            rows,
            overwrite(AccessLog.objects.filter(about).exclude(reason=""), reason=MARK),
            scrub(AccessLog.objects.exclude(reason=""), ["reason", "path"], subject.searchable),
            overwrite(LogEntry.objects.filter(admin_about), object_repr=MARK, change_message=""),
            scrub(LogEntry.objects.all(), ["object_repr", "change_message"], subject.searchable),
        )
    return rows


def anonymise_person(subject: Subject) -> dict[str, int]:
    """Reintegration's own records of the person (registered first, so it runs first)."""
    cases = Case.objects.filter(pk__in=subject.case_ids)
    household_others = (
        Beneficiary.objects.filter(household_id=subject.household_id, anonymised_at__isnull=True)
        .exclude(pk=subject.beneficiary_id)
        .exists()
        if subject.household_id
        else True
    )
    members = HouseholdMember.objects.filter(beneficiary_id=subject.beneficiary_id)
    if not household_others:  # the last registered person of the household: its unregistered members too
        members = HouseholdMember.objects.filter(
            Q(beneficiary_id=subject.beneficiary_id) | Q(household_id=subject.household_id, beneficiary__isnull=True)
        )
    return _merge(
        overwrite(
            Beneficiary.objects.filter(pk=subject.beneficiary_id),
            name_ka=MARK,
            name_latin=MARK,
            personal_number="",
            birth_date=None,
            phone="",
            address="",
            anonymised_at=timezone.now(),
        ),
        overwrite(members, full_name="", personal_number=""),
        overwrite(Consent.objects.filter(beneficiary_id=subject.beneficiary_id).exclude(witness=""), witness=MARK),
        overwrite(cases, summary="", closure_note="", second_hub_reason=""),
        overwrite(CaseStatusChange.objects.filter(case__in=cases), note=""),
        overwrite(CaseTransfer.objects.filter(case__in=cases), reason=MARK, decision_note=""),
        overwrite(NeedAssessment.objects.filter(case__in=cases), notes=""),
        overwrite(AssessedNeed.objects.filter(assessment__case__in=cases), note=""),
        overwrite(CounsellingSession.objects.filter(case__in=cases), topics=MARK, next_steps="", confidential_notes=""),
        overwrite(PlanGoal.objects.filter(case__in=cases), description=MARK),
        overwrite(PlanAction.objects.filter(goal__case__in=cases), description=MARK),
        overwrite(FollowUp.objects.filter(case__in=cases), purpose=MARK, outcome=""),
        anonymise_logs(subject),
    )


# --------------------------------------------------------------------------------------------
# When a person's time is up
# --------------------------------------------------------------------------------------------
def people_after_cases(cutoff: datetime.datetime) -> QuerySet:
    """People whose every case is closed or transferred, the last closed before the cutoff."""
    people = (
        Beneficiary.objects.filter(anonymised_at__isnull=True, cases__isnull=False)
        .exclude(cases__status__in=LIVE)
        .annotate(last_closed=Max("cases__closed_on"))
        .filter(last_closed__lt=cutoff.date())
    )
    return apply_holds(people).prefetch_related("cases").order_by("last_closed", "pk")


def people_without_case(cutoff: datetime.datetime) -> QuerySet:
    """People registered at intake for whom no case was ever opened, registered before the cutoff."""
    people = Beneficiary.objects.filter(anonymised_at__isnull=True, cases__isnull=True, created_at__lt=cutoff)
    return apply_holds(people).prefetch_related("cases").order_by("created_at", "pk")


def describe_person(person: Beneficiary) -> str:
    numbers = sorted(case.number for case in person.cases.all())  # prefetched by the due querysets
    return ", ".join(numbers) if numbers else str(_("person no. %(pk)s") % {"pk": person.pk})


def anonymise_people(people: QuerySet) -> dict[str, int]:
    from .anonymisation import anonymise_subject

    rows: dict[str, int] = {}
    for person in people:
        rows = _merge(rows, anonymise_subject(subject_of(person)))
    return rows


KINDS = [
    RetentionKind(
        key="person_after_cases",
        label=_("People whose cases are closed"),
        setting="RETENTION_CASE_DAYS",
        purpose_end=_("the person's last case closed"),
        due=people_after_cases,
        describe=describe_person,
        anonymise=anonymise_people,
        order=10,
    ),
    RetentionKind(
        key="person_without_case",
        label=_("People registered without a case"),
        setting="RETENTION_NO_CASE_DAYS",
        purpose_end=_("the person was registered and no case was opened"),
        due=people_without_case,
        describe=describe_person,
        anonymise=anonymise_people,
        order=20,
    ),
]
