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


# The lists of "My work" ----------------------------------------------------------------------
# Each list on the page shows its first WORK_LIST_SIZE rows (read as one more, to know whether
# there are others, never counted whole) with a "see all" link to the list on its own, paginated.
WORK_LIST_SIZE = 10


def work_lists(user, today) -> dict:
    """Each list of "My work" as a query (ordered, not yet read), by its name in the URL."""
    led = hub_ids_of(user, Role.HUB_LEAD)
    follow_ups = FollowUp.objects.pending().for_list().filter(case__hub_id__in=hub_ids_of(user))
    mine = follow_ups.filter(assigned_to=user)
    lists = {
        "overdue": mine.filter(due_on__lt=today).order_by("due_on", "pk"),
        "upcoming": mine.filter(due_on__gte=today).order_by("due_on", "pk"),
        "cases": Case.objects.for_list().live().filter(counsellor=user, hub_id__in=hub_ids_of(user)),
    }
    if led:
        lists |= {
            "team-overdue": follow_ups.filter(due_on__lt=today).exclude(assigned_to=user).order_by("due_on", "pk"),
            "approvals": Case.objects.for_list().filter(hub_id__in=led, status=Case.Status.CLOSURE_REQUESTED),
            "transfers": CaseTransfer.objects.filter(to_hub_id__in=led, status=CaseTransfer.Status.PENDING)
            .select_related("case", "from_hub", "requested_by")
            .order_by("-requested_at", "-pk"),
        }
    return lists


def first_rows(rows, size: int = WORK_LIST_SIZE) -> dict:
    """The first ``size`` rows of a query or list, and whether there are more (one row more is read)."""
    head = list(rows[: size + 1])
    return {"rows": head[:size], "more": len(head) > size}
