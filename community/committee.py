"""What the grants committee asks of a community idea (registered in CommunityConfig.ready())."""

from django.utils.translation import gettext as _

from .models import ExpertAssignment, Idea

OUTCOME_STATUS = {"selected": Idea.Status.SELECTED, "reserve": Idea.Status.RESERVE, "rejected": Idea.Status.REJECTED}


def idea_conflicts(idea: Idea, seat) -> list[str]:
    if ExpertAssignment.objects.filter(idea=idea, expert_id=seat.user_id).exists():
        return [_("You are the expert who supports this idea.")]
    return []


def idea_committee_decided(idea: Idea, outcome: str, acting_user) -> None:
    """The committee's decision moves the idea (inside the deciding transaction), with its audit row."""
    from .services._common import idea_move

    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    idea_move(idea, OUTCOME_STATUS[outcome], actor=acting_user, action="committee")


def committee_context(idea: Idea) -> dict:
    return {"idea": idea, "idea_plan": idea.plans.order_by("-number").first(), "idea_priority": idea.priority}
