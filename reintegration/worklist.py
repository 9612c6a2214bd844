"""What waits for a counsellor or hub lead: the counts on the task-first home page (registered in
ReintegrationConfig.ready() through accounts.home_tasks), each the size of a list on "My work"."""

from django.utils import timezone

from accounts.roles import Role
from hubs.permissions import hub_ids_of

from .models import Case, CaseTransfer, FollowUp


def leads_a_hub(user) -> bool:
    return bool(hub_ids_of(user, Role.HUB_LEAD))


def my_caseload(user) -> int:
    return Case.objects.live().filter(counsellor=user, hub_id__in=hub_ids_of(user)).count()


def my_overdue_follow_ups(user) -> int:
    today = timezone.localdate()
    return (
        FollowUp.objects.pending().filter(assigned_to=user, case__hub_id__in=hub_ids_of(user), due_on__lt=today).count()
    )


def approvals_waiting(user) -> int:
    led = hub_ids_of(user, Role.HUB_LEAD)
    return Case.objects.filter(hub_id__in=led, status=Case.Status.CLOSURE_REQUESTED).count()


def transfers_waiting(user) -> int:
    led = hub_ids_of(user, Role.HUB_LEAD)
    return CaseTransfer.objects.filter(to_hub_id__in=led, status=CaseTransfer.Status.PENDING).count()
