"""Team applications: screening with reasons, mentoring, business plans, the road to the committee."""

from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from reintegration.models import Sex
from reintegration.permissions import beneficiaries_visible_to
from reintegration.vulnerability import Vulnerability, is_elderly_woman, is_youth

from .. import permissions
from ..models import (
    Application,
    BudgetLine,
    Decision,
    MentorAssignment,
    MentoringSession,
    Milestone,
    PlanVersion,
    TeamMember,
    Workshop,
)
from .committee import proposal_create
from .common import check_transition, check_unlocked, event

__all__ = [
    "application_create",
    "application_decide",
    "application_screen",
    "application_send_to_committee",
    "application_submit",
    "committee_readiness",
    "eligibility_of",
    "mentor_assign",
    "plan_version_create",
    "session_record",
    "vulnerability_priority_of",
    "workshop_attendance_set",
    "workshop_create",
]

PRIORITY_GROUPS = (Vulnerability.DEPORTEE, Vulnerability.ELDERLY_WOMAN, Vulnerability.FEMALE_HEAD, Vulnerability.YOUTH)
MENTORING_MONTHS = 2
MIN_COLLECTIVE_RETURNEES = 2  # a collective team is returnees only, at least this many


def _groups_of(member: TeamMember) -> set[str]:
    groups = {code for code in member.vulnerabilities if code in (Vulnerability.DEPORTEE, Vulnerability.FEMALE_HEAD)}
    if is_youth(member.age):
        groups.add(Vulnerability.YOUTH)
    if is_elderly_woman(member.age, member.sex):
        groups.add(Vulnerability.ELDERLY_WOMAN)
    return groups


def vulnerability_priority_of(members: list[TeamMember]) -> tuple[int, str]:
    """One point per team member in at least one priority group; the rule comes with the figure."""
    counted = [m for m in members if _groups_of(m)]
    by_group = [
        f"{Vulnerability(code).label}: {sum(1 for m in members if code in _groups_of(m))}"
        for code in PRIORITY_GROUPS
        if any(code in _groups_of(m) for m in members)
    ]
    rule = _(
        "One point per team member in a priority group (deportee, elderly woman, female head of household, "
        "youth), each member counted once: %(points)s of %(size)s members (%(groups)s)."
    ) % {"points": len(counted), "size": len(members), "groups": "; ".join(by_group) or "—"}
    return len(counted), rule


def eligibility_of(application: Application, members: list[TeamMember]) -> list[dict]:
    """Each rule with whether it holds and why."""
    returnees = sum(1 for m in members if m.is_returnee)
    others = len(members) - returnees
    rules = []
    if application.team_type == Application.TeamType.COLLECTIVE:
        ok = returnees >= MIN_COLLECTIVE_RETURNEES
        reason = _("A collective team needs at least %(min)s returnees; this team has %(n)s.") % {
            "min": MIN_COLLECTIVE_RETURNEES,
            "n": returnees,
        }
    else:
        ok = returnees >= 1 and others >= 1
        reason = _(
            "A community team joins returnees with non-migrant residents; this team has %(r)s returnees and "
            "%(o)s other residents."
        ) % {"r": returnees, "o": others}
    rules.append({"rule": "team", "passed": ok, "reason": reason})
    cycle_municipalities = set(application.cycle.municipalities.values_list("pk", flat=True))
    ok = not cycle_municipalities or application.municipality_id in cycle_municipalities
    reason = (
        _("%(municipality)s is one of the cycle's municipalities.")
        if ok
        else _("%(municipality)s is not one of the cycle's municipalities.")
    )
    rules.append({"rule": "municipality", "passed": ok, "reason": reason % {"municipality": application.municipality}})
    ceiling = application.cycle.ceiling
    ok = Decimal(0) < application.requested_amount <= ceiling
    reason = _("%(amount)s GEL requested against a ceiling of %(ceiling)s GEL.") % {
        "amount": application.requested_amount,
        "ceiling": ceiling,
    }
    rules.append({"rule": "amount", "passed": ok, "reason": reason})
    return rules


def _from_beneficiary(data: dict) -> dict:
    """A member linked to a registered beneficiary takes name, sex, age and vulnerabilities from the record."""
    person = data.get("beneficiary")
    if person is None:
        return data
    derived = [f.code for f in person.vulnerabilities() if f.code in PRIORITY_GROUPS]
    return data | {
        "full_name": person.name_ka,
        "personal_number": person.personal_number,
        "sex": person.sex,
        "age": person.age() or data.get("age") or 0,
        "is_returnee": person.category == person.Category.RETURNEE,
        "vulnerabilities": sorted(set(data.get("vulnerabilities", [])) | set(derived)),
    }


def _link_registered(data: dict, acting_user) -> dict:
    """A member given with the personal number of a person registered at a hub (and visible to the
    acting user) is linked to that record."""
    number = (data.get("personal_number") or "").strip()
    if data.get("beneficiary") is not None or not number:
        return data
    person = beneficiaries_visible_to(acting_user).filter(personal_number=number).first()
    return data | {"beneficiary": person} if person is not None else data


@transaction.atomic
def application_create(*, cycle, members: list[dict], acting_user, **fields) -> Application:
    authorize(permissions.can_manage_applications(acting_user))
    check_unlocked(cycle)
    if not fields.get("reference"):
        fields["reference"] = f"G{cycle.pk}-{Application.objects.filter(cycle=cycle).count() + 1:03d}"
    application = Application(cycle=cycle, created_by=acting_user, **fields)
    application.full_clean()
    application.save()
    for data in members:
        member = TeamMember(application=application, **_from_beneficiary(_link_registered(data, acting_user)))
        member.full_clean()
        member.save()
    event(cycle, actor=acting_user, action="application_created", application=application)
    return application


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("cycle").get(pk=application.pk)


def _move(application: Application, to_status: str, acting_user, note: str = "") -> None:
    check_transition(Application.TRANSITIONS, application.status, to_status, Application.Status)
    from_status, application.status = application.status, to_status
    event(
        application.cycle,
        actor=acting_user,
        action="application_status",
        application=application,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


@transaction.atomic
def application_submit(*, application: Application, acting_user) -> Application:
    application = _locked(application)
    authorize(permissions.can_manage_applications(acting_user))
    if application.status == Application.Status.SUBMITTED:
        return application
    _move(application, Application.Status.SUBMITTED, acting_user)
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    return application


@transaction.atomic
def application_screen(*, application: Application, acting_user) -> Application:
    """Screen against each rule; an eligible team goes on to mentoring."""
    application = _locked(application)
    authorize(permissions.can_manage_applications(acting_user))
    members = list(application.members.all())
    rules = eligibility_of(application, members)
    eligible = all(rule["passed"] for rule in rules)
    target = Application.Status.MENTORING if eligible else Application.Status.INELIGIBLE
    _move(application, target, acting_user)
    application.eligibility = [{**rule, "reason": str(rule["reason"])} for rule in rules]
    application.vulnerability_priority, application.vulnerability_rule = vulnerability_priority_of(members)
    application.screened_at = timezone.now()
    application.save(
        update_fields=["status", "eligibility", "vulnerability_priority", "vulnerability_rule", "screened_at"]
    )
    return application


@transaction.atomic
def mentor_assign(*, application: Application, mentor, acting_user, start_date=None) -> MentorAssignment:
    application = _locked(application)
    authorize(permissions.can_manage_applications(acting_user))
    if application.status != Application.Status.MENTORING:
        raise ValidationError(_("Only an eligible team in mentoring gets a mentor."))
    assignment = MentorAssignment(application=application, mentor=mentor, start_date=start_date or timezone.localdate())
    assignment.full_clean()
    assignment.save()
    event(application.cycle, actor=acting_user, action="mentor_assigned", application=application)
    return assignment


@transaction.atomic
def session_record(*, application: Application, acting_user, **fields) -> MentoringSession:
    application = _locked(application)
    authorize(permissions.can_mentor(acting_user, application))
    session = MentoringSession(application=application, mentor=acting_user, **fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def plan_version_create(
    *,
    application: Application,
    summary: str,
    budget_lines: list[dict],
    milestones: list[dict],
    acting_user,
    is_final=False,
) -> PlanVersion:
    application = _locked(application)
    authorize(permissions.can_edit_plan(acting_user, application))
    if application.plan_versions.filter(is_final=True).exists():
        raise ValidationError(_("The final plan is submitted; no new version can be added."))
    number = application.plan_versions.count() + 1
    version = PlanVersion.objects.create(
        application=application, number=number, summary=summary, is_final=is_final, created_by=acting_user
    )
    BudgetLine.objects.bulk_create([BudgetLine(version=version, **line) for line in budget_lines])
    Milestone.objects.bulk_create([Milestone(version=version, **m) for m in milestones])
    event(application.cycle, actor=acting_user, action="plan_version", application=application, note=str(number))
    return version


def committee_readiness(application: Application) -> list[dict]:
    """The two conditions for reaching the committee, each with its reason."""
    dates = list(application.sessions.order_by("date").values_list("date", flat=True))
    if dates:
        span_ok = dates[0] + relativedelta(months=MENTORING_MONTHS) <= dates[-1]
        span_reason = _("Mentoring ran from %(first)s to %(last)s; at least two months are required.") % {
            "first": dates[0].isoformat(),
            "last": dates[-1].isoformat(),
        }
    else:
        span_ok, span_reason = False, _("No mentoring session is recorded yet; at least two months are required.")
    final = application.plan_versions.filter(is_final=True).first()
    plan_reason = (
        _("The final business plan (version %(n)s) is submitted.") % {"n": final.number}
        if final
        else _("The final business plan is not submitted yet.")
    )
    return [
        {"rule": "mentoring", "passed": span_ok, "reason": str(span_reason)},
        {"rule": "final_plan", "passed": final is not None, "reason": str(plan_reason)},
    ]


@transaction.atomic
def application_send_to_committee(*, application: Application, acting_user):
    application = _locked(application)
    authorize(permissions.can_manage_applications(acting_user))
    if application.status == Application.Status.IN_REVIEW:
        return application.proposals.get()
    failed = [rule["reason"] for rule in committee_readiness(application) if not rule["passed"]]
    if failed:
        raise ValidationError(failed)
    _move(application, Application.Status.IN_REVIEW, acting_user)
    application.save(update_fields=["status"])
    members = list(application.members.all())
    women = sum(1 for m in members if m.sex == Sex.FEMALE)
    return proposal_create(
        subject=application,
        cycle=application.cycle,
        acting_user=acting_user,
        reference=application.reference,
        title=f"{application.team_name}: {application.business_idea}"[:200],
        requested_amount=application.requested_amount,
        municipality=application.municipality,
        vulnerability_priority=application.vulnerability_priority,
        vulnerability_rule=application.vulnerability_rule,
        women_share=(Decimal(women) / len(members)).quantize(Decimal("0.001")) if members else Decimal(0),
    )


DECISION_STATUS = {
    Decision.Outcome.SELECTED: Application.Status.SELECTED,
    Decision.Outcome.RESERVE: Application.Status.RESERVE,
    Decision.Outcome.REJECTED: Application.Status.REJECTED,
}


@transaction.atomic
def application_decide(*, application: Application, outcome: str, acting_user) -> Application:
    """The committee's decision moves the application (called by ``cycle_decide`` before the cycle locks)."""
    application = _locked(application)
    authorize(permissions.can_record_decision(acting_user, application.cycle))
    target = DECISION_STATUS.get(outcome)
    if target is None:
        raise ValidationError(_("Unknown decision."))
    if application.status == target:
        return application
    _move(application, target, acting_user, note=Decision.Outcome(outcome).label)
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def workshop_create(*, cycle, acting_user, **fields) -> Workshop:
    """The business-development workshop of a cycle."""
    authorize(permissions.can_manage_applications(acting_user))
    check_unlocked(cycle)
    workshop = Workshop(cycle=cycle, **fields)
    workshop.full_clean()
    workshop.save()
    event(cycle, actor=acting_user, action="workshop", note=workshop.title)
    return workshop


@transaction.atomic
def workshop_attendance_set(*, workshop: Workshop, attendees, acting_user) -> Workshop:
    workshop = Workshop.objects.select_for_update().select_related("cycle").get(pk=workshop.pk)
    authorize(permissions.can_manage_applications(acting_user))
    attendees = list(attendees)
    if any(member.application.cycle_id != workshop.cycle_id for member in attendees):
        raise ValidationError(_("Only members of this cycle's teams can attend its workshop."))
    workshop.attendees.set(attendees)
    event(workshop.cycle, actor=acting_user, action="attendance", note=f"{workshop.title}: {len(attendees)}")
    return workshop
