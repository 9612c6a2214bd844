"""Every community URL against every persona.

setup(world): a consultation in hub A's municipality with a retained priority; a community cycle
with its call open there; a shortlisted idea whose expert is the mentor persona, with two budget
versions; a rejected idea referred to a funding scheme; a selected idea with its grant, a tranche
and a photo, followed by the mentor persona. Hub A's staff see what happens in their municipality;
hub B's counsellor, committee members and partners see none of it.
"""

from django.core.files.base import ContentFile

from community.models import Idea, IdeaReferral, InitiativePhoto
from referrals.models import Organization, Service
from reintegration.taxonomy import Need
from tests.matrix import DENIED, HIDDEN, OK, REDIRECT, Route, everyone, only

from .factories import (
    ConsultationFactory,
    ExpertAssignmentFactory,
    IdeaFactory,
    IdeaPlanFactory,
    InitiativeFactory,
    PriorityFactory,
    PriorityThemeFactory,
    TrancheFactory,
    community_cycle,
)

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082"
)


def setup(world):
    if "c_consultation" in world.objects:
        return
    municipality, mentor = world.hub_a.municipality, world.user("mentor")
    consultation = ConsultationFactory(municipality=municipality)
    priority = PriorityFactory(consultation=consultation, retained=True, retention_reason="survey", paper_votes=7)
    cycle = community_cycle()
    cycle.municipalities.add(municipality)
    idea = IdeaFactory(priority=priority, status=Idea.Status.SHORTLISTED)
    assignment = ExpertAssignmentFactory(idea=idea, expert=mentor)
    IdeaPlanFactory(idea=idea, number=1)
    IdeaPlanFactory(idea=idea, number=2, budget=[{"item": "სახურავი", "amount": "13000.00", "cofunding": "0"}])
    rejected = IdeaFactory(priority=priority, status=Idea.Status.REJECTED)
    organization = Organization.objects.create(name_ka="სამინისტრო", name_en="Ministry", type="state")
    scheme = Service.objects.create(
        organization=organization, name_ka="პროგრამა", name_en="Scheme", category=Need.FUNDING
    )
    referral = IdeaReferral.objects.create(idea=rejected, service=scheme, reason="x", created_by=world.user("officer"))
    initiative = InitiativeFactory(idea__priority=priority)
    ExpertAssignmentFactory(idea=initiative.idea, expert=mentor)
    tranche = TrancheFactory(initiative=initiative, number=1)
    photo = InitiativePhoto(
        initiative=initiative, content_type="image/png", size=len(PNG_1PX), uploaded_by=mentor, caption="სახურავი"
    )
    photo.file.save("photo", ContentFile(PNG_1PX), save=False)
    photo.save()
    world.objects.update(
        c_consultation=consultation,
        c_priority=priority,
        c_theme=PriorityThemeFactory(),
        c_cycle=cycle,
        c_idea=idea,
        c_assignment=assignment,
        c_rejected=rejected,
        c_referral=referral,
        c_initiative=initiative,
        c_tranche=tranche,
        c_photo=photo,
    )


def _o(name):
    return lambda w: {"pk": w.objects[name].pk}


HUB_A = ["counsellor", "hub_lead"]
STAFF = [*HUB_A, "other_hub_counsellor"]
# Role-gated list pages: 403 for personas without the role. Objects: 404 outside the scope.
COMMUNITY_LIST = only(OK, [*STAFF, "officer"])
CONSULTATION_SCOPE = everyone(HIDDEN) | dict.fromkeys([*HUB_A, "officer"], OK)
CONSULTATION_POST = everyone(HIDDEN) | dict.fromkeys([*HUB_A, "officer"], REDIRECT)
OFFICER_ON_CONSULTATION = everyone(HIDDEN) | dict.fromkeys(HUB_A, DENIED) | {"officer": REDIRECT}
# Pages behind @require(can_see_community) first: mentor, committee and partner get 403 there.
CYCLE_SCOPE = only(OK, [*HUB_A, "officer"], otherwise=DENIED) | {"other_hub_counsellor": HIDDEN}
IDEA_SCOPE = everyone(HIDDEN) | dict.fromkeys([*HUB_A, "officer", "mentor"], OK)
IDEA_OFFICER = everyone(HIDDEN) | dict.fromkeys([*HUB_A, "mentor"], DENIED) | {"officer": OK}
IDEA_OFFICER_POST = IDEA_OFFICER | {"officer": REDIRECT}
EXPERT_PAGE = everyone(HIDDEN) | dict.fromkeys(HUB_A, DENIED) | dict.fromkeys(["officer", "mentor"], OK)
REJECTED_SCOPE_OFFICER = everyone(HIDDEN) | dict.fromkeys(HUB_A, DENIED) | {"officer": OK}

ROUTES = {
    "community:consultation-list": Route(expect=COMMUNITY_LIST),
    "community:consultation-create": Route(expect=COMMUNITY_LIST),
    "community:consultation-detail": Route(expect=CONSULTATION_SCOPE, kwargs=_o("c_consultation")),
    "community:consultation-results": Route(expect=CONSULTATION_SCOPE, kwargs=_o("c_consultation")),
    "community:voteset-add": Route(expect=CONSULTATION_SCOPE, kwargs=_o("c_consultation")),
    "community:priority-add": Route(
        expect=CONSULTATION_POST,
        kwargs=_o("c_consultation"),
        method="post",
        data=lambda w: {"theme": w.objects["c_theme"].pk},
    ),
    "community:paper-votes": Route(
        expect=CONSULTATION_POST,
        kwargs=_o("c_consultation"),
        method="post",
        data=lambda w: {f"votes_{w.objects['c_priority'].pk}": 9},
    ),
    "community:survey-link": Route(
        expect=OFFICER_ON_CONSULTATION, kwargs=_o("c_consultation"), method="post", data=lambda w: {"survey_round": ""}
    ),
    "community:priority-retain": Route(
        expect=OFFICER_ON_CONSULTATION,
        kwargs=_o("c_priority"),
        method="post",
        data=lambda w: {"retained": "yes", "reason": "the survey agrees"},
    ),
    "community:cycle-detail": Route(expect=CYCLE_SCOPE, kwargs=_o("c_cycle")),
    "community:idea-create": Route(expect=CYCLE_SCOPE, kwargs=_o("c_cycle")),
    "community:idea-list": Route(expect=only(OK, [*STAFF, "officer", "mentor"])),
    "community:idea-detail": Route(expect=IDEA_SCOPE, kwargs=_o("c_idea")),
    "community:plan-diff": Route(
        expect=IDEA_SCOPE, kwargs=lambda w: {"pk": w.objects["c_idea"].pk, "old": 1, "new": 2}
    ),
    "community:idea-feasibility": Route(expect=IDEA_OFFICER, kwargs=_o("c_idea")),
    "community:expert-assign": Route(expect=IDEA_OFFICER, kwargs=_o("c_idea")),
    "community:expert-end": Route(
        expect=IDEA_OFFICER, kwargs=lambda w: {"pk": w.objects["c_idea"].pk, "assignment": w.objects["c_assignment"].pk}
    ),
    "community:idea-shortlist": Route(expect=IDEA_OFFICER_POST, kwargs=_o("c_idea"), method="post"),
    "community:idea-send": Route(expect=IDEA_OFFICER_POST, kwargs=_o("c_idea"), method="post"),
    "community:meeting-add": Route(expect=EXPERT_PAGE, kwargs=_o("c_idea")),
    "community:plan-add": Route(expect=EXPERT_PAGE, kwargs=_o("c_idea")),
    "community:initiative-create": Route(
        expect=IDEA_OFFICER, kwargs=lambda w: {"pk": w.objects["c_initiative"].idea_id}
    ),
    "community:referral-create": Route(expect=REJECTED_SCOPE_OFFICER, kwargs=_o("c_rejected")),
    "community:referral-move": Route(
        expect=REJECTED_SCOPE_OFFICER | {"officer": REDIRECT},
        kwargs=_o("c_referral"),
        method="post",
        data=lambda w: {"to_status": "accepted"},
    ),
    "community:initiative-detail": Route(expect=IDEA_SCOPE, kwargs=_o("c_initiative")),
    "community:photo-file": Route(expect=IDEA_SCOPE, kwargs=_o("c_photo")),
    "community:visit-add": Route(expect=EXPERT_PAGE, kwargs=_o("c_initiative")),
    "community:cofunding-add": Route(expect=EXPERT_PAGE, kwargs=_o("c_initiative")),
    "community:completion-add": Route(expect=EXPERT_PAGE, kwargs=_o("c_initiative")),
    "community:photo-add": Route(
        expect=EXPERT_PAGE | {"officer": REDIRECT, "mentor": REDIRECT}, kwargs=_o("c_initiative"), method="post"
    ),
    "community:tranche-action": Route(
        expect=IDEA_OFFICER_POST,
        kwargs=lambda w: {"pk": w.objects["c_tranche"].pk, "action": "approve"},
        method="post",
    ),
}
