"""Demo data for coordination: members, three meetings, decisions, action items, the policy register,
and an approved methodology guide. Idempotent: skipped once any meeting exists."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Committee,
    CommitteeMember,
    Decision,
    Meeting,
    MethodologyDocument,
    MethodologyVersion,
    PolicyAssessment,
    PolicyDocument,
    Recommendation,
    RecommendationStatusChange,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEMBERS = {
    "PSC": [
        ("ნინო კვიციანი", "IOM საქართველო", "chair"),
        ("დავით ბერიძე", "შრომის, ჯანმრთელობისა და სოციალური დაცვის სამინისტრო", "member"),
        ("თამარ გელაშვილი", "მიგრაციის საკითხთა სამთავრობო კომისია", "member"),
    ],
    "CC": [
        ("ლევან ჯაფარიძე", "სოფლის განვითარების სააგენტო", "member"),
        ("მარიამ ლომიძე", "თელავის მუნიციპალიტეტის მერია", "member"),
        ("ეკა ხუციშვილი", "სამოქალაქო ორგანიზაცია „ადამიანის უფლებები“", "member"),
    ],
}
POLICIES = [
    (
        "სოფლის განვითარების სტრატეგია 2021–2027",
        "Agriculture and rural development strategy 2021-2027",
        "national",
        "agriculture",
        2021,
        "no",
    ),
    (
        "იმერეთის რეგიონის განვითარების სტრატეგია",
        "Imereti regional development strategy",
        "regional",
        "regional",
        2022,
        "partly",
    ),
    (
        "თელავის მუნიციპალიტეტის სოციალური პროგრამები",
        "Telavi municipal social programmes",
        "municipal",
        "social",
        2024,
        "no",
    ),
]


@transaction.atomic
def seed() -> None:
    if Meeting.objects.exists() or not Committee.objects.filter(code__in=MEMBERS).exists():
        return
    today = timezone.localdate()
    seats = _members(today)
    officer = User.objects.filter(email="officer@demo.ge").first()
    psc, cc = Committee.objects.get(code="PSC"), Committee.objects.get(code="CC")
    first = _meeting(psc, today - datetime.timedelta(days=75), Meeting.Status.MINUTED, officer)
    _record(first, seats["PSC"], officer, ["საპილოტე მუნიციპალიტეტების შერჩევა", "ჰაბების გახსნის გეგმა"])
    second = _meeting(cc, today - datetime.timedelta(days=20), Meeting.Status.HELD, officer)
    _record(second, seats["CC"], officer, ["რეფერალური სახელმძღვანელოების პროექტი", "პარტნიორთა პროგრამების სინერგია"])
    _meeting(psc, today + datetime.timedelta(days=30), Meeting.Status.PLANNED, officer)
    _policy(second, officer)
    _methodology(first, officer)


def _members(today) -> dict[str, list[CommitteeMember]]:
    seats = {}
    partner = User.objects.filter(email="partner@demo.ge").first()
    for code, people in MEMBERS.items():
        committee = Committee.objects.get(code=code)
        seats[code] = [
            CommitteeMember.objects.create(
                committee=committee,
                full_name=name,
                organisation=organisation,
                position=position,
                email=f"{code.lower()}{i}@partners.example.ge",
                start_date=today - datetime.timedelta(days=200),
            )
            for i, (name, organisation, position) in enumerate(people)
        ]
        if partner is not None:
            seats[code].append(
                CommitteeMember.objects.create(
                    committee=committee,
                    user=partner,
                    full_name=partner.full_name,
                    organisation="SDC",
                    start_date=today - datetime.timedelta(days=200),
                )
            )
    return seats


def _meeting(committee, day, status, officer) -> Meeting:
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 0)))
    meeting = Meeting.objects.create(
        committee=committee, starts_at=starts, place="თბილისი, IOM-ის ოფისი", status=status, created_by=officer
    )
    meeting.status_changes.create(to_status=status, actor=officer)
    return meeting


def _record(meeting, seats, officer, agenda) -> None:
    for order, title in enumerate(agenda, start=1):
        AgendaItem.objects.create(meeting=meeting, order=order, title_ka=title)
    for i, seat in enumerate(seats):
        Attendance.objects.create(meeting=meeting, member=seat, status="excused" if i == 1 else "present")
    committee = meeting.committee
    committee.last_decision_number += 1
    committee.save(update_fields=["last_decision_number"])
    decision = Decision.objects.create(
        committee=committee,
        meeting=meeting,
        number=committee.last_decision_number,
        text_ka=f"{agenda[0]}: მოწონებულია.",
        recorded_by=officer,
    )
    day = timezone.localtime(meeting.starts_at).date()
    ActionItem.objects.create(
        meeting=meeting,
        decision=decision,
        title="შეხვედრის მასალების გაზიარება",
        owner=seats[-1],
        due_on=day + datetime.timedelta(days=14),
    )
    ActionItem.objects.create(
        meeting=meeting,
        title="პარტნიორთა პროგრამების ჩამონათვალის მომზადება",
        owner=seats[0],
        due_on=day + datetime.timedelta(days=45),
    )
    meeting.minutes_ka = "კომიტეტმა განიხილა დღის წესრიგის საკითხები და მიიღო გადაწყვეტილება."
    if meeting.status == Meeting.Status.MINUTED:
        meeting.minutes_approved_at = meeting.starts_at + datetime.timedelta(days=7)
    meeting.save()


def _policy(meeting, officer) -> None:
    for title_ka, title_en, level, sector, year, addressed in POLICIES:
        document = PolicyDocument.objects.create(
            title_ka=title_ka,
            title_en=title_en,
            level=level,
            sector=sector,
            year=year,
            issuing_body="საქართველოს მთავრობა",
            url="https://matsne.gov.ge/",
            created_by=officer,
        )
        PolicyAssessment.objects.create(
            document=document,
            assessor=officer,
            migration_addressed=addressed,
            gaps="დაბრუნებული მიგრანტები სამიზნე ჯგუფად არ არის დასახელებული.",
            opportunities="დასაქმებისა და მცირე გრანტების ღონისძიებებში მათი ჩართვა.",
        )
        recommendation = Recommendation.objects.create(
            text_ka=f"{title_ka}: დაბრუნებული მიგრანტები დასახელდეს სამიზნე ჯგუფად.",
            addressee="საქართველოს მთავრობა",
            priority="high",
            meeting=meeting,
            created_by=officer,
        )
        recommendation.documents.add(document)
        RecommendationStatusChange.objects.create(recommendation=recommendation, to_status="proposed", actor=officer)


def _methodology(meeting, officer) -> None:
    document = MethodologyDocument.objects.create(
        title_ka="დაბრუნებულ მიგრანტთა კონსულტირების სახელმძღვანელო",
        title_en="Guide to counselling returned migrants",
        kind="guide",
        created_by=officer,
    )
    committee = meeting.committee
    committee.last_decision_number += 1
    committee.save(update_fields=["last_decision_number"])
    decision = Decision.objects.create(
        committee=committee,
        meeting=meeting,
        number=committee.last_decision_number,
        text_ka="კონსულტირების სახელმძღვანელო დამტკიცდა.",
        recorded_by=officer,
    )
    version = MethodologyVersion(
        document=document, number=1, uploaded_by=officer, approved_by=decision, original_name="guide.pdf"
    )
    version.file.save("guide.pdf", ContentFile(PDF), save=False)
    version.save()
