from .consultations import (
    consultation_create,
    consultation_detail,
    consultation_list,
    consultation_results,
    paper_votes,
    priority_add,
    priority_retain,
    survey_link,
    vote_set_add,
)
from .ideas import (
    cycle_detail,
    expert_assign,
    expert_end,
    idea_create,
    idea_detail,
    idea_feasibility,
    idea_list,
    idea_send,
    idea_shortlist,
    initiative_create,
    meeting_add,
    plan_add,
    plan_diff,
    referral_create,
    referral_move,
)
from .implementation import (
    cofunding_add,
    completion_add,
    initiative_detail,
    photo_add,
    photo_file,
    tranche_action,
    visit_add,
)

__all__ = [
    "cofunding_add", "completion_add", "consultation_create", "consultation_detail", "consultation_list",
    "consultation_results", "cycle_detail", "expert_assign", "expert_end", "idea_create", "idea_detail",
    "idea_feasibility", "idea_list", "idea_send", "idea_shortlist", "initiative_create", "initiative_detail",
    "meeting_add",
    "paper_votes", "photo_add", "photo_file", "plan_add", "plan_diff", "priority_add", "priority_retain",
    "referral_create", "referral_move", "survey_link", "tranche_action", "visit_add", "vote_set_add",
]  # fmt: skip
