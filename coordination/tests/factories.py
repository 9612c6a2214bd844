import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from coordination.models import (
    ActionItem,
    AgendaItem,
    Committee,
    CommitteeMember,
    Decision,
    Meeting,
    MeetingDocument,
    MethodologyDocument,
    MethodologyVersion,
    PolicyAssessment,
    PolicyDocument,
    Recommendation,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"C{n}")
    name_ka = factory.Sequence(lambda n: f"კომიტეტი {n}")
    name_en = factory.Sequence(lambda n: f"Committee {n}")
    kind = Committee.Kind.CONSULTATIVE


def steering_committee() -> Committee:
    return CommitteeFactory(
        code="PSC",
        name_ka="პროექტის სამეთვალყურეო კომიტეტი",
        name_en="Project Steering Committee",
        kind=Committee.Kind.STEERING,
    )


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    full_name = factory.Sequence(lambda n: f"წევრი {n}")
    organisation = "შრომის სამინისტრო"
    email = factory.Sequence(lambda n: f"member{n}@partner.ge")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    place = "თბილისი, IOM"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title_ka = factory.Sequence(lambda n: f"საკითხი {n}")
    title_en = factory.Sequence(lambda n: f"Item {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.HELD)
    committee = factory.SelfAttribute("meeting.committee")
    number = factory.Sequence(lambda n: n + 1)
    text_ka = "გადაწყვეტილება"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.HELD)
    owner = factory.SubFactory(CommitteeMemberFactory, committee=factory.SelfAttribute("..meeting.committee"))
    title = factory.Sequence(lambda n: f"ამოცანა {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    title = "დღის წესრიგი"
    kind = MeetingDocument.Kind.AGENDA
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="agenda.pdf"))
    original_name = "agenda.pdf"


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyDocument

    title_ka = factory.Sequence(lambda n: f"რეგიონული განვითარების პროგრამა {n}")
    title_en = factory.Sequence(lambda n: f"Regional development programme {n}")
    level = PolicyDocument.Level.NATIONAL
    sector = PolicyDocument.Sector.REGIONAL
    year = 2024
    issuing_body = "საქართველოს მთავრობა"
    url = "https://matsne.gov.ge/"


class PolicyAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyAssessment

    document = factory.SubFactory(PolicyDocumentFactory)
    migration_addressed = PolicyAssessment.Addressed.PARTLY
    gaps = "დაბრუნებული მიგრანტები არ არის ნახსენები."
    opportunities = "დასაქმების ღონისძიებებში ჩართვა."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    text_ka = factory.Sequence(lambda n: f"რეკომენდაცია {n}")
    text_en = factory.Sequence(lambda n: f"Recommendation {n}")
    addressee = "რეგიონული განვითარების სამინისტრო"


class MethodologyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodologyDocument

    title_ka = factory.Sequence(lambda n: f"რეფერალის სახელმძღვანელო {n}")
    title_en = factory.Sequence(lambda n: f"Referral guide {n}")
    kind = MethodologyDocument.Kind.GUIDE


class MethodologyVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodologyVersion

    document = factory.SubFactory(MethodologyDocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="guide.pdf"))
    original_name = "guide.pdf"
