"""What grants hold on a person, for reintegration.anonymisation (registered in GrantsConfig.ready()).

A team member keeps sex, age, returnee status and vulnerabilities (the committee's ranking and the
dashboard read them); the name and personal number go.
"""

import datetime

from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from reintegration.anonymisation import MARK, RetentionKind, Subject, overwrite, scrub

from .models import Application, GrantCycle, TeamMember

# A cycle whose work is over: what it held on people not registered as beneficiaries may go.
ENDED = [GrantCycle.Status.CLOSED, GrantCycle.Status.CANCELLED]


def anonymise_person(subject: Subject) -> dict[str, int]:
    members = TeamMember.objects.filter(beneficiary_id=subject.beneficiary_id)
    rows = overwrite(members, full_name=MARK, personal_number="")
    applications = Application.objects.filter(members__beneficiary_id=subject.beneficiary_id).distinct()
    rows |= scrub(applications, ["team_name", "business_idea", "description", "vulnerability_rule"], subject.searchable)
    return rows


def hold_running_cycles(beneficiaries: QuerySet) -> QuerySet:
    """A member of a team in a cycle still running is kept until the cycle ends."""
    return beneficiaries.exclude(
        grant_team_memberships__application__cycle__status__in=[s for s in GrantCycle.Status.values if s not in ENDED]
    )


def unregistered_members_due(cutoff: datetime.datetime) -> QuerySet:
    """Members named only on an application (no beneficiary record) of a cycle that ended before the cutoff."""
    ended = (
        GrantCycle.objects.filter(status__in=ENDED).annotate(last_event=Max("events__at")).filter(last_event__lt=cutoff)
    )
    return (
        TeamMember.objects.filter(beneficiary__isnull=True, application__cycle__in=ended)
        .exclude(full_name=MARK)
        .select_related("application")
        .order_by("pk")
    )


def anonymise_unregistered_members(members: QuerySet) -> dict[str, int]:
    return overwrite(members, full_name=MARK, personal_number="")


KIND = RetentionKind(
    key="grant_team_members",
    label=_("Grant team members not registered as beneficiaries"),
    setting="RETENTION_GRANT_TEAM_DAYS",
    purpose_end=_("the grant cycle was closed or cancelled"),
    due=unregistered_members_due,
    describe=lambda member: f"{member.application.reference} · {member.pk}",
    anonymise=anonymise_unregistered_members,
    order=30,
)
