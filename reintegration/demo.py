"""A realistic caseload per hub for a local run: people, history, consent, needs, sessions, plans."""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from faker import Faker

from accounts.roles import Role
from hubs.models import Hub, HubMembership

from .models import Case, CaseStatusChange, Consent, MigrationEpisode
from .taxonomy import DIMENSION_OF, Need
from .tests import factories as f

CASES_PER_HUB = 14
COUNTRIES = ["Germany", "Greece", "Italy", "France", "Turkey", "Poland", "Spain", "Austria", "Belgium", "Russia"]
TOPICS = [
    "დასაქმების შესაძლებლობები რეგიონში",
    "სახელმწიფო სარეინტეგრაციო პროგრამა",
    "დოკუმენტების აღდგენა",
    "ოჯახთან ურთიერთობა დაბრუნების შემდეგ",
    "მცირე ბიზნესის იდეა",
    "ჯანმრთელობის დაზღვევა",
]
GOALS = {
    "economic": "სტაბილური შემოსავლის წყარო",
    "social": "ბავშვების სკოლაში ჩარიცხვა",
    "psychosocial": "სტრესის დაძლევა",
    "health": "ქრონიკული დაავადების მკურნალობა",
}


def seed() -> None:
    """Idempotent: a hub that already holds cases is left as it is."""
    fake = Faker("ka_GE")
    fake.seed_instance(2026)
    rng = random.Random(2026)
    for hub in Hub.objects.select_related("municipality").order_by("code"):
        if Case.objects.filter(hub=hub).exists():
            continue
        staff = HubMembership.objects.active().filter(hub=hub).select_related("user")
        counsellors = [m.user for m in staff if m.role == Role.COUNSELLOR]
        leads = [m.user for m in staff if m.role == Role.HUB_LEAD]
        if counsellors:
            _seed_hub(hub, counsellors, leads[0] if leads else counsellors[0], fake, rng)


@transaction.atomic
def _seed_hub(hub, counsellors, lead, fake, rng) -> None:
    today = timezone.localdate()
    for index in range(CASES_PER_HUB):
        counsellor = counsellors[index % len(counsellors)]
        female = rng.random() < 0.5
        first = fake.first_name_female() if female else fake.first_name_male()
        category = rng.choice(["returnee"] * 6 + ["potential_migrant", "local_resident", "family_member"])
        opened = today - datetime.timedelta(days=rng.randint(5, 300))
        status = rng.choice(["open", "active", "active", "active", "closure_requested", "closed"])
        person = f.BeneficiaryFactory(
            name_ka=f"{first} {fake.last_name()}",
            sex="female" if female else "male",
            category=category,
            birth_year=rng.randint(1958, 2006),
            municipality=hub.municipality,
            address=fake.street_address(),
            phone=f"+995 5{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            personal_number="" if rng.random() < 0.2 else f"{rng.randint(10**10, 10**11 - 1)}",
            is_idp=rng.random() < 0.1,
            has_chronic_illness=rng.random() < 0.15,
            created_by=counsellor,
        )
        case = f.CaseFactory(beneficiary=person, hub=hub, counsellor=counsellor, status=status, opened_on=opened)
        CaseStatusChange.objects.create(case=case, to_status="open", actor=counsellor, note="")
        if status != "open":
            CaseStatusChange.objects.create(case=case, from_status="open", to_status="active", actor=counsellor)
        if status in ("closure_requested", "closed"):
            case.closure_reason = "goals_met"
            case.closed_on = today if status == "closed" else None
            case.save(update_fields=["closure_reason", "closed_on"])
            CaseStatusChange.objects.create(
                case=case, from_status="active", to_status="closure_requested", actor=counsellor
            )
            if status == "closed":
                CaseStatusChange.objects.create(
                    case=case, from_status="closure_requested", to_status="closed", actor=lead
                )
        _history_and_work(case, person, counsellor, category, opened, today, rng)


def _history_and_work(case, person, counsellor, category, opened, today, rng) -> None:
    if category == "returnee":
        returned = opened - datetime.timedelta(days=rng.randint(10, 500))
        f.MigrationEpisodeFactory(
            beneficiary=person,
            country=rng.choice(COUNTRIES),
            departure_date=returned - datetime.timedelta(days=rng.randint(200, 2500)),
            return_date=returned,
            status_abroad=rng.choice(["irregular", "irregular", "regular", "asylum_seeker"]),
            return_type=rng.choice(list(MigrationEpisode.ReturnType.values)),
        )
    f.ConsentFactory(
        beneficiary=person, recorded_by=counsellor, given_on=opened, purpose=Consent.Purpose.DATA_PROCESSING
    )
    if rng.random() < 0.7:
        f.ConsentFactory(
            beneficiary=person,
            recorded_by=counsellor,
            given_on=opened,
            purpose=Consent.Purpose.SHARING,
            provider_name="ტოლერანტი",
        )
    if case.status == "open":
        return
    assessment = f.NeedAssessmentFactory(case=case, assessed_by=counsellor, assessed_on=opened)
    for need in rng.sample(list(Need), 3):
        f.AssessedNeedFactory(assessment=assessment, need=need, priority=rng.choice(["high", "medium", "low"]))
        if rng.random() < 0.5:
            dimension = DIMENSION_OF[need]
            goal = f.PlanGoalFactory(
                case=case, dimension=dimension, description=GOALS[dimension], created_by=counsellor
            )
            f.PlanActionFactory(
                goal=goal, kind=rng.choice(["counselling", "referral", "grant"]), description=need.label
            )
    for number in range(rng.randint(1, 4)):
        f.SessionFactory(
            case=case,
            counsellor=counsellor,
            held_on=min(today, opened + datetime.timedelta(days=7 * number)),
            kind=rng.choice(["information", "counselling", "pfa", "follow_up"]),
            mode=rng.choice(["in_person", "in_person", "phone", "online"]),
            duration_minutes=rng.choice([20, 30, 45, 60]),
            topics=rng.choice(TOPICS),
        )
    f.FollowUpFactory(
        case=case,
        assigned_to=counsellor,
        due_on=today + datetime.timedelta(days=rng.randint(-10, 30)),
        purpose="სატელეფონო ზარი: როგორ მიდის საქმე",
    )
