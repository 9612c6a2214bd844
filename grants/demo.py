"""Demo grant cycles: one in each status, a committee of three (one member conflicted on one
proposal), teams with mentoring and plans, a decided cycle with its ranking and an award."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from hubs.models import Hub

from . import services
from .models import Application, CommitteeMembership, GrantCycle
from .tests.factories import (
    ApplicationFactory,
    CommitteeMembershipFactory,
    CriterionFactory,
    GrantCycleFactory,
    MentorAssignmentFactory,
    MentoringSessionFactory,
    PlanVersionFactory,
    TeamMemberFactory,
)

# The shared demo password; the grants accounts use their own domain so that the dashboard's demo-login
# list (which knows programme and hub memberships only) stays as it is.
PASSWORD = "demo-hubs-2026"
COMMENT = "კარგად დასაბუთებული"
CRITERIA = [
    ("ბიზნეს-იდეის სიცოცხლისუნარიანობა", "Viability of the business idea", "2"),
    ("ბაზრის ანალიზი", "Market analysis", "1"),
    ("გუნდის შესაძლებლობები", "Team capacity", "1"),
    ("სოციალური გავლენა თემზე", "Social impact on the community", "1"),
]
TEAMS = [
    ("თელავის მეღვინეები", "ოჯახური მარანი და დეგუსტაციის დარბაზი", "12000"),
    ("ყვარლის თაფლი", "მეფუტკრეობა და თაფლის დაფასოება", "9500"),
    ("ზესტაფონის ცომი", "საცხობი და სამზარეულო", "15000"),
    ("ოზურგეთის ჩაი", "ჩაის პლანტაციის აღდგენა", "18000"),
    ("ლანჩხუთის ხელოსნები", "ავეჯის სახელოსნო", "14000"),
]
PEOPLE = [
    ("committee.chair@grants.demo.ge", "ნათია ხარაიშვილი"),
    ("committee.rapporteur@grants.demo.ge", "დავით ლომიძე"),
    ("committee.member@grants.demo.ge", "თამარ ჯაფარიძე"),
    ("mentor@grants.demo.ge", "ზურაბ კვარაცხელია"),
]


def _person(email: str, name: str) -> User:
    user = UserFactory(email=email, full_name=name)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def _cycle(status: str, name_ka: str, name_en: str, opens_days_ago: int, hubs) -> GrantCycle:
    today = timezone.localdate()
    cycle = GrantCycleFactory(
        name_ka=name_ka,
        name_en=name_en,
        status=status,
        call_opens=today - datetime.timedelta(days=opens_days_ago),
        call_closes=today - datetime.timedelta(days=opens_days_ago - 30),
        budget=Decimal("60000"),
        ceiling=Decimal("20000"),
        municipalities=[hub.municipality for hub in hubs],
    )
    for order, (ka, en, weight) in enumerate(CRITERIA):
        CriterionFactory(cycle=cycle, name_ka=ka, name_en=en, weight=Decimal(weight), order=order)
    return cycle


def _committee(cycle, people) -> None:
    chair, rapporteur, member, _mentor = people
    for user, role in ((chair, "chair"), (rapporteur, "rapporteur"), (member, "member")):
        CommitteeMembershipFactory(cycle=cycle, user=user, role=role, start_date=cycle.call_opens)


def _team(cycle, hub, index, mentor, status=Application.Status.MENTORING) -> Application:
    name, idea, amount = TEAMS[index % len(TEAMS)]
    application = ApplicationFactory(
        cycle=cycle,
        reference=f"G{cycle.pk}-{index + 1:03d}",
        team_name=name,
        business_idea=idea,
        municipality=hub.municipality,
        hub=hub,
        requested_amount=Decimal(amount),
        status=status,
    )
    TeamMemberFactory(
        application=application, full_name="გიორგი ბერიძე", age=34, is_lead=True, vulnerabilities=["deportee"]
    )
    TeamMemberFactory(application=application, full_name="მარინე წიკლაური", sex="female", age=62 - index)
    TeamMemberFactory(application=application, full_name="ლაშა მამულაშვილი", age=22 + index, is_returnee=index % 2 == 0)
    members = list(application.members.all())
    application.vulnerability_priority, application.vulnerability_rule = services.vulnerability_priority_of(members)
    application.eligibility = [
        {**rule, "reason": str(rule["reason"])} for rule in services.eligibility_of(application, members)
    ]
    application.save()
    MentorAssignmentFactory(application=application, mentor=mentor, start_date=cycle.call_closes)
    start = cycle.call_closes + datetime.timedelta(days=3)
    for week in (0, 3, 6, 9):
        MentoringSessionFactory(
            application=application,
            mentor=mentor,
            date=start + datetime.timedelta(weeks=week),
            topics="ბიზნეს-გეგმა, ფასწარმოქმნა",
            agreed_tasks="ბაზრის მოკვლევა",
        )
    PlanVersionFactory(application=application, number=1, summary=idea, created_by=mentor)
    final = PlanVersionFactory(
        application=application, number=2, summary=f"{idea} (საბოლოო)", is_final=True, created_by=mentor
    )
    final.budget_lines.create(item="აღჭურვილობა", grant_amount=Decimal(amount), own_contribution=Decimal("1500"))
    final.milestones.create(title="აღჭურვილობის შეძენა", month=2)
    final.milestones.create(title="გახსნა", month=4)
    return application


def _review_cycle(officer, people, hubs, *, decide: bool, name_ka: str, name_en: str, days: int) -> None:
    chair, rapporteur, member, mentor = people
    cycle = _cycle(GrantCycle.Status.MENTORING, name_ka, name_en, days, hubs)
    _committee(cycle, people)
    applications = [_team(cycle, hub, i, mentor) for i, hub in enumerate(hubs[:5])]
    # The member is registered on the first team: the system flags the conflict.
    CommitteeMembership.objects.filter(cycle=cycle, user=member).update(personal_number="01024056789")
    applications[0].members.filter(is_lead=True).update(personal_number="01024056789")
    for application in applications:
        services.application_send_to_committee(application=application, acting_user=officer)
    services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.REVIEW, acting_user=officer)
    scores = [5, 4, 4, 3, 2]
    for index, proposal in enumerate(cycle.proposals.order_by("reference")):
        for user, bump in ((chair, 0), (rapporteur, 1), (member, -1)):
            if not decide and user == chair and index > 1:
                continue  # in the open cycle the chair is still scoring
            review = services.review_for(proposal=proposal, acting_user=user)
            if review.system_flags:
                services.review_declare_conflict(review=review, note="", acting_user=user)
                continue
            services.review_confirm_no_conflict(review=review, acting_user=user)
            for criterion in cycle.criteria.all():
                value = max(1, min(5, scores[index] + (bump if criterion.order % 2 else 0)))
                services.score_save(
                    review=review,
                    criterion_id=criterion.pk,
                    value=value,
                    comment="კარგად დასაბუთებული",
                    acting_user=user,
                )
            services.review_submit(review=review, acting_user=user)
    if decide:
        _decide(cycle, chair, rapporteur, officer)


def _decide(cycle, chair, rapporteur, officer) -> None:
    from .selectors import cycle_ranking

    services.scoring_close(cycle=cycle, acting_user=chair)
    for item in cycle_ranking(cycle):
        proposal = cycle.proposals.get(pk=item.proposal.pk)
        services.consensus_save(
            proposal=proposal, text="კომიტეტი ეთანხმება შეფასებას.", minority_views="", acting_user=rapporteur
        )
        services.decision_record(proposal=proposal, outcome=item.outcome, acting_user=chair)
    services.cycle_decide(cycle=cycle, acting_user=chair)
    for application in cycle.applications.filter(status=Application.Status.SELECTED)[:1]:
        amount = application.requested_amount
        award = services.award_create(
            application=application,
            agreement_date=timezone.localdate(),
            amount=amount,
            tranches=[{"milestone": "აღჭურვილობის შეძენა", "amount": amount}],
            acting_user=officer,
        )
        services.tranche_approve_report(tranche=award.tranches.first(), report="შეძენილია", acting_user=officer)


@transaction.atomic
def seed() -> None:
    if GrantCycle.objects.filter(name_en__startswith="Demo:").exists():
        return
    officer = User.objects.filter(memberships__role="officer").first()
    hubs = list(Hub.objects.select_related("municipality").order_by("code"))
    if officer is None or len(hubs) < 5:
        return
    people = [_person(email, name) for email, name in PEOPLE]
    for status, days, ka, en in [
        (GrantCycle.Status.DRAFT, -30, "მომავალი ციკლი", "Demo: next cycle"),
        (GrantCycle.Status.CALL_OPEN, 10, "ღია კონკურსი", "Demo: call open"),
        (GrantCycle.Status.MENTORING, 60, "მენტორობის ეტაპი", "Demo: mentoring"),
        (GrantCycle.Status.CLOSED, 700, "დასრულებული ციკლი", "Demo: closed"),
        (GrantCycle.Status.CANCELLED, 400, "გაუქმებული ციკლი", "Demo: cancelled"),
    ]:
        cycle = _cycle(status, ka, en, days, hubs)
        _committee(cycle, people)
        if status == GrantCycle.Status.MENTORING:
            _team(cycle, hubs[0], 0, people[3])
    _review_cycle(
        officer, people, hubs, decide=False, name_ka="კომიტეტის განხილვა", name_en="Demo: committee review", days=150
    )
    _review_cycle(officer, people, hubs, decide=True, name_ka="გადაწყვეტილი ციკლი", name_en="Demo: decided", days=200)
