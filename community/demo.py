"""Demo community pipeline for a local run, built through the services so that every row, event and
minute is what the app itself would write.

Two demo hubs' municipalities hold a consultation each (paper totals in one, individual vote sets in
the other) linked to the community-priorities survey round, with retained priorities. A decided
community cycle has a funded initiative with its milestones (the first tranche released), an idea
the committee did not fund, referred to an alternative funding scheme with its outcome, and an
unfeasible idea. A second cycle, still before the committee, has a shortlisted idea whose expert
was replaced (the history kept), with meetings and two budget versions, and an idea already with
the committee.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from grants import services as grants
from grants.models import CommitteeMembership, GrantCycle
from hubs.models import Hub
from referrals.models import Service
from reintegration.taxonomy import Need
from surveys.models import Round

from . import services
from .models import Consultation, Idea, PriorityTheme

PASSWORD = "demo-hubs-2026"  # the shared demo password (dashboard.demo), said again: no import upward
DECIDED = "Demo: community initiatives 2026"
OPEN = "Demo: community call in progress"
PEOPLE = {
    "expert": ("expert@community.demo.ge", "ლევან გოგიჩაიშვილი"),
    "expert2": ("expert.engineer@community.demo.ge", "ეკა მაისურაძე"),
    "chair": ("committee.chair@grants.demo.ge", "ნათია ხარაიშვილი"),
    "rapporteur": ("committee.rapporteur@grants.demo.ge", "დავით ლომიძე"),
    "member": ("committee.member@grants.demo.ge", "თამარ ჯაფარიძე"),
}
COUNTS = {
    "female": 23, "male": 19, "age_0_17": 0, "age_18_29": 9, "age_30_44": 14, "age_45_59": 11, "age_60_plus": 8,
    "returnees": 12, "potential_migrants": 9, "local_residents": 21,
}  # fmt: skip
BENEFICIARIES = {
    "female": 140, "male": 120, "age_0_17": 60, "age_18_29": 45, "age_30_44": 60, "age_45_59": 50, "age_60_plus": 45,
    "returnees": 35, "potential_migrants": 40, "local_residents": 185,
}  # fmt: skip
TODAY = timezone.localdate


def _days_ago(days: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=days)


def _person(key: str) -> User:
    email, name = PEOPLE[key]
    user = User.objects.filter(email=email).first()
    if user is None:
        user = UserFactory(email=email, full_name=name)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


def _recorder(hub: Hub, officer: User) -> User:
    """The hub's counsellor records the consultation where the demo has one, else the officer."""
    return User.objects.filter(email=f"counsellor.{hub.code.lower()}@demo.ge").first() or officer


def _consultation(hub: Hub, officer: User, *, individual: bool, survey_round) -> dict[str, object]:
    """A consultation with three priorities and their votes; the officer retains the top two."""
    recorder, themes = _recorder(hub, officer), {t.survey_choice: t for t in PriorityTheme.objects.all()}
    mode = Consultation.VoteMode.INDIVIDUAL if individual else Consultation.VoteMode.MEETING
    consultation = services.consultation_create(
        acting_user=recorder, municipality=hub.municipality, village="ცენტრი", date=_days_ago(120),
        place="საჯარო სკოლის დარბაზი", facilitator="ნინო ბერიძე", vote_mode=mode, votes_per_person=2, **COUNTS,
    )  # fmt: skip
    chosen = [code for code in ("water", "roads", "kindergarten") if code in themes]
    priorities = {
        code: services.priority_add(consultation=consultation, theme=themes[code], acting_user=recorder)
        for code in chosen
    }
    if individual:
        ballots = [("water", "roads")] * 9 + [("roads", "kindergarten")] * 5 + [("water", "kindergarten")] * 4
        for number, ballot in enumerate(ballots, start=1):
            services.vote_set_record(
                consultation=consultation, voter=f"მობინადრე {number:02d}", acting_user=recorder,
                sex="female" if number % 2 else "male", age_group="30-44", status="local_resident",
                priorities=[priorities[code] for code in ballot if code in priorities],
            )  # fmt: skip
    else:
        totals = dict(zip(chosen, (31, 24, 11), strict=False))
        services.paper_votes_record(
            consultation=consultation, acting_user=recorder, totals={priorities[c].pk: n for c, n in totals.items()}
        )
    if survey_round is not None:
        services.consultation_link_survey(consultation=consultation, survey_round=survey_round, acting_user=officer)
    for code in chosen[:2]:
        priorities[code] = services.priority_retain(
            priority=priorities[code], retained=True, acting_user=officer,
            reason="კონსულტაციამ და თემის პრიორიტეტების კვლევამ ერთნაირად დაასახელა",
        )  # fmt: skip
    return priorities


def _cycle(officer: User, hubs, *, name_ka: str, name_en: str, opened: int) -> GrantCycle:
    cycle = grants.cycle_create(
        acting_user=officer, municipalities=[hub.municipality for hub in hubs], kind=GrantCycle.Kind.COMMUNITY,
        name_ka=name_ka, name_en=name_en, call_opens=_days_ago(opened), call_closes=_days_ago(opened - 30),
        budget=Decimal("90000"), ceiling=Decimal("25000"),
    )  # fmt: skip
    if not cycle.criteria.exists():  # the reference data was not loaded: one criterion keeps the demo whole
        grants.criterion_add(cycle=cycle, acting_user=officer, name_ka="შესაბამისობა", name_en="Relevance")
    for key, role in (("chair", "chair"), ("rapporteur", "rapporteur"), ("member", "member")):
        user = _person(key)
        if not CommitteeMembership.objects.filter(cycle=cycle, user=user).exists():
            grants.committee_member_add(
                cycle=cycle, user=user, role=role, acting_user=officer, start_date=cycle.call_opens
            )
    grants.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.CALL_OPEN, acting_user=officer)
    return cycle


def _idea(cycle, priority, officer, *, title: str, kind: str, cost: str, **extra) -> Idea:
    return services.idea_create(
        cycle=cycle, acting_user=officer, title=title, kind=kind, municipality=priority.consultation.municipality,
        location="სოფლის ცენტრი", description=title, applicant="საინიციატივო ჯგუფი", estimated_cost=Decimal(cost),
        local_cofunding=Decimal("1500"), municipal_cofunding=Decimal("2500"), priority=priority,
        **(BENEFICIARIES | extra),
    )  # fmt: skip


def _prepare(idea: Idea, officer: User, expert: User, *, versions: int = 1) -> Idea:
    """Feasible, shortlisted, with an expert, a meeting and budget/workplan versions."""
    services.idea_feasibility(idea=idea, feasible=True, note="ტექნიკურად შესაძლებელია",
                              checked_cost=idea.estimated_cost, acting_user=officer)  # fmt: skip
    services.idea_shortlist(idea=idea, acting_user=officer)
    services.expert_assign(idea=idea, expert=expert, field="ინფრასტრუქტურა", acting_user=officer)
    services.meeting_add(idea=idea, date=_days_ago(20), topics=["idea", "budget", "workplan"],
                         notes="იდეა და ბიუჯეტი განვიხილეთ", acting_user=expert)  # fmt: skip
    cost = idea.estimated_cost
    for number in range(1, versions + 1):
        works = cost - Decimal("4000") - Decimal(500 * (versions - number))
        services.plan_add(
            idea=idea, summary=idea.title, acting_user=expert,
            budget=[{"item": "მასალები", "amount": str(works), "cofunding": "1500"},
                    {"item": "სამუშაო", "amount": "4000", "cofunding": "2500"}],
            workplan=[{"activity": "ტენდერი", "month": 1}, {"activity": "მშენებლობა", "month": 3}],
        )  # fmt: skip
    return idea


def _score(cycle: GrantCycle, values: dict[int, int]) -> None:
    """Every voting seat scores each proposal: ``values`` maps the proposal's pk to the score."""
    for seat in cycle.committee.active().voting().select_related("user"):
        for proposal in cycle.proposals.all():
            review = grants.review_for(proposal=proposal, acting_user=seat.user)
            grants.review_confirm_no_conflict(review=review, acting_user=seat.user)
            for criterion in cycle.criteria.all():
                grants.score_save(review=review, criterion_id=criterion.pk, value=values[proposal.pk],
                                  comment="დასაბუთებულია", acting_user=seat.user)  # fmt: skip
            grants.review_submit(review=review, acting_user=seat.user)


def _decide(cycle: GrantCycle) -> None:
    from grants.selectors import cycle_ranking

    chair, rapporteur = _person("chair"), _person("rapporteur")
    grants.scoring_close(cycle=cycle, acting_user=chair)
    for item in cycle_ranking(cycle):
        proposal = cycle.proposals.get(pk=item.proposal.pk)
        grants.consensus_save(proposal=proposal, text="კომიტეტი ეთანხმება შეფასებას.", minority_views="",
                              acting_user=rapporteur)  # fmt: skip
        grants.decision_record(proposal=proposal, outcome=item.outcome, acting_user=chair)
    grants.cycle_decide(cycle=cycle, acting_user=chair)


def _implementation(idea: Idea, officer: User, expert: User) -> None:
    amount = idea.grant_requested
    first = (amount / 2).quantize(Decimal("0.01"))
    initiative = services.initiative_create(
        idea=idea, agreement_date=_days_ago(40), amount=amount, acting_user=officer,
        tranches=[{"milestone": "მასალების შეძენა", "amount": first},
                  {"milestone": "სამუშაოების დასრულება", "amount": amount - first}],
    )  # fmt: skip
    tranche = initiative.tranches.order_by("number").first()
    services.tranche_report(tranche=tranche, report="მასალები შეძენილია, ზედნადებები თანდართულია", acting_user=expert)
    services.visit_record(initiative=initiative, date=_days_ago(10), tranche=tranche,
                          findings="მასალები ადგილზეა", acting_user=expert)  # fmt: skip
    services.tranche_approve_report(tranche=tranche, acting_user=officer)
    services.tranche_release(tranche=tranche, acting_user=officer)
    services.cofunding_record(initiative=initiative, source="municipal", date=_days_ago(8), amount=Decimal("2500"),
                              acting_user=expert)  # fmt: skip


def _refer(idea: Idea, officer: User) -> None:
    scheme = Service.objects.filter(category=Need.FUNDING).order_by("pk").first()
    if scheme is None:
        return
    referral = services.idea_referral_create(idea=idea, service=scheme, acting_user=officer,
                                             reason="კომიტეტმა ვერ დააფინანსა, იდეა კარგია")  # fmt: skip
    services.idea_referral_move(referral=referral, to_status="accepted", acting_user=officer)
    services.idea_referral_move(referral=referral, to_status="completed", outcome="got_service", acting_user=officer,
                                amount_obtained=Decimal("8000"), note="პროგრამამ ნაწილობრივ დააფინანსა")  # fmt: skip


def _decided_cycle(officer, hubs, retained) -> None:
    expert = _person("expert")
    cycle = _cycle(officer, hubs, name_ka="თემის ინიციატივები 2026", name_en=DECIDED, opened=200)
    water, roads = retained[0]["water"], retained[1]["roads"]
    funded = _idea(cycle, water, officer, title="სასმელი წყლის სისტემის რეაბილიტაცია", kind="infrastructure",
                   cost="22000")  # fmt: skip
    unfunded = _idea(cycle, roads, officer, title="სოფლის გზის მოასფალტება", kind="infrastructure", cost="24000")
    unfeasible = _idea(cycle, water, officer, title="ახალი წყალსაცავის აშენება", kind="infrastructure", cost="90000")
    services.idea_feasibility(idea=unfeasible, feasible=False, checked_cost=None, acting_user=officer,
                              note="ღირებულება ბევრად აღემატება გრანტის ზღვარს")  # fmt: skip
    grants.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.MENTORING, acting_user=officer)
    for idea in (funded, unfunded):
        _prepare(idea, officer, expert, versions=2)
        services.idea_send_to_committee(idea=idea, acting_user=officer)
    grants.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.REVIEW, acting_user=officer)
    proposals = {p.object_id: p.pk for p in cycle.proposals.all()}
    _score(cycle, {proposals[funded.pk]: 5, proposals[unfunded.pk]: 2})  # 2 of 5 is below every minimum
    _decide(cycle)
    _implementation(Idea.objects.get(pk=funded.pk), officer, expert)
    _refer(Idea.objects.get(pk=unfunded.pk), officer)


def _open_cycle(officer, hubs, retained) -> None:
    expert, first_expert = _person("expert"), _person("expert2")
    cycle = _cycle(officer, hubs, name_ka="თემის ინიციატივების კონკურსი", name_en=OPEN, opened=60)
    water, kindergarten_or_roads = retained[1]["water"], retained[0]["roads"]
    shortlisted = _idea(cycle, water, officer, title="სკოლის ეზოს წყალგაყვანილობა", kind="infrastructure",
                        cost="15000")  # fmt: skip
    in_committee = _idea(cycle, kindergarten_or_roads, officer, title="ახალგაზრდული სივრცე", kind="social",
                         cost="12000")  # fmt: skip
    _idea(cycle, water, officer, title="სასმელი წყლის ონკანები სოფლის მოედანზე", kind="infrastructure", cost="6000")
    grants.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.MENTORING, acting_user=officer)
    _prepare(shortlisted, officer, first_expert, versions=2)
    assignment = shortlisted.experts.active().get()
    services.expert_end(assignment=assignment, reason="სხვა რეგიონში გადავიდა", successor=expert,
                        field="წყალმომარაგება", acting_user=officer)  # fmt: skip
    services.meeting_add(idea=shortlisted, date=_days_ago(5), topics=["workplan"], acting_user=expert,
                         notes="ახალ ექსპერტთან სამუშაო გეგმა დაზუსტდა")  # fmt: skip
    _prepare(in_committee, officer, first_expert)  # the replaced expert still supports another idea
    services.idea_send_to_committee(idea=in_committee, acting_user=officer)


@transaction.atomic
def seed() -> None:
    """Idempotent: does nothing once the demo community cycles exist, or without an officer and two hubs."""
    if GrantCycle.objects.filter(name_en__in=[DECIDED, OPEN]).exists():
        return
    officer = (
        User.objects.filter(email="officer@demo.ge").first() or User.objects.filter(memberships__role="officer").first()
    )
    hubs = list(Hub.objects.select_related("municipality").order_by("code")[:2])
    if officer is None or len(hubs) < 2 or not PriorityTheme.objects.exists():
        return
    survey_round = Round.objects.filter(version__instrument__kind="priorities").order_by("pk").first()
    retained = [
        _consultation(hubs[0], officer, individual=False, survey_round=survey_round),
        _consultation(hubs[1], officer, individual=True, survey_round=survey_round),
    ]
    _decided_cycle(officer, hubs, retained)
    _open_cycle(officer, hubs, retained)
