"""A seat makes a partner; the indicators the dashboard reads; reference and demo data; upload sniffing."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.navigation import items_for
from accounts.roles import Role, roles_of
from accounts.tests.factories import UserFactory
from accounts.tests.factories import officer as make_officer
from coordination import selectors
from coordination.models import ActionItem, Committee, Meeting, PolicyReport
from coordination.services import reference_load
from coordination.services._common import ALLOWED, DOCUMENTS_ONLY, attach
from coordination.tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_an_active_seat_with_an_account_makes_a_partner(steering):
    person = UserFactory(email="deputy@mrdi.gov.ge")
    assert roles_of(person) == frozenset()
    f.CommitteeMemberFactory(committee=steering, user=person)
    person = type(person).objects.get(pk=person.pk)
    assert roles_of(person) == {Role.PARTNER}
    assert reverse("coordination:meeting-list") in {i["url"] for i in items_for(person)}


def test_an_ended_seat_and_an_officers_seat_add_no_partner_role(steering):
    former = UserFactory(email="former@example.ge")
    f.CommitteeMemberFactory(committee=steering, user=former, end_date=TODAY - datetime.timedelta(days=1))
    assert roles_of(former) == frozenset()
    iom = make_officer(user__email="chair@iom.int")
    f.CommitteeMemberFactory(committee=steering, user=iom)
    assert roles_of(type(iom).objects.get(pk=iom.pk)) == {Role.OFFICER}


def test_hub_staff_see_no_coordination_page(client_for, counsellor):
    assert client_for(counsellor).get(reverse("coordination:committee-list")).status_code == 403
    assert not [i for i in items_for(counsellor) if i["app"] == "coordination"]


def test_meetings_held_per_committee_counts_by_hand(steering):
    consultative = f.CommitteeFactory(code="CC", sort_order=5)
    steering.sort_order = 0
    steering.save()
    for status in ["held", "minuted", "planned", "cancelled"]:
        f.MeetingFactory(committee=steering, status=status)
    f.MeetingFactory(committee=consultative, status="minuted")
    f.MeetingFactory(committee=consultative, status="held", starts_at=timezone.now() - datetime.timedelta(days=400))
    rows = selectors.meetings_held_per_committee()
    assert [(r["code"], r["meetings_held"]) for r in rows] == [("PSC", 2), ("CC", 2)]
    recent = selectors.meetings_held_per_committee(since=TODAY - datetime.timedelta(days=30))
    assert [(r["code"], r["meetings_held"]) for r in recent] == [("PSC", 2), ("CC", 1)]


def test_committee_indicators_count_decisions_and_overdue_action_items(steering):
    meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    f.DecisionFactory(meeting=meeting, committee=steering, number=1)
    f.DecisionFactory(meeting=meeting, committee=steering, number=2)
    f.ActionItemFactory(meeting=meeting, due_on=TODAY - datetime.timedelta(days=1))
    f.ActionItemFactory(
        meeting=meeting, due_on=TODAY + datetime.timedelta(days=1), status=ActionItem.Status.IN_PROGRESS
    )
    f.ActionItemFactory(meeting=meeting, due_on=TODAY - datetime.timedelta(days=5), status=ActionItem.Status.DONE)
    [row] = selectors.committee_indicators()
    assert row == {
        "code": "PSC",
        "name": steering.name,
        "meetings_held": 1,
        "decisions": 2,
        "open_action_items": 2,
        "overdue_action_items": 1,
    }


def test_policy_report_delivered_reads_the_delivery_date():
    report = PolicyReport.objects.create(number=1, pdf_ka="a.pdf", pdf_en="b.pdf", annex_xlsx="c.xlsx")
    assert selectors.policy_report_delivered() is False and selectors.policy_report_delivery() is None
    report.delivered_on = TODAY
    report.save()
    assert selectors.policy_report_delivered() is True and selectors.policy_report_delivery() == report


def test_reference_data_loads_the_two_committees_once():
    assert reference_load() == {"committees": 2}
    assert reference_load() == {"committees": 0}
    kinds = dict(Committee.objects.values_list("code", "kind"))
    assert kinds == {"PSC": Committee.Kind.STEERING, "CC": Committee.Kind.CONSULTATIVE}
    assert Committee.objects.get(code="PSC").name_ka == "პროექტის სამეთვალყურეო კომიტეტი"


def test_demo_seed_is_idempotent():
    from coordination import demo
    from coordination.models import Decision, MethodologyVersion, PolicyDocument

    reference_load()
    demo.seed()
    counts = (Meeting.objects.count(), Decision.objects.count(), PolicyDocument.objects.count())
    demo.seed()
    assert (Meeting.objects.count(), Decision.objects.count(), PolicyDocument.objects.count()) == counts
    assert counts[0] >= 3 and MethodologyVersion.objects.approved().exists()


def _ooxml(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


class _Holder:
    """Stands in for a model with a file field: records what attach() would store."""

    def __init__(self):
        self.stored = []
        self.file = self

    def save(self, name, upload, save=False):
        self.stored.append(name)


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("minutes.pdf", b"%PDF-1.7 ...", True),
        ("minutes.docx", _ooxml("word/document.xml"), True),
        ("budget.xlsx", _ooxml("xl/workbook.xml"), True),
        ("slides.pptx", _ooxml("ppt/presentation.xml"), True),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 50, True),
        ("scan.png", b"\x89PNG\r\n\x1a\n....", True),
        ("minutes.docx", b"PK\x03\x04 not really a zip", False),
        ("minutes.pdf", b"<script>alert(1)</script>", False),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n....", False),  # a picture renamed as a PDF
    ],
)
def test_uploads_are_recognised_by_their_content(name, content, accepted):
    holder = _Holder()
    if accepted:
        attach(holder, "file", SimpleUploadedFile(name, content), allowed=ALLOWED)
        assert holder.stored == [name]
    else:
        with pytest.raises(ValidationError):
            attach(holder, "file", SimpleUploadedFile(name, content), allowed=ALLOWED)
        assert holder.stored == []


def test_a_methodology_or_policy_upload_must_be_a_document_not_a_picture():
    with pytest.raises(ValidationError):
        attach(_Holder(), "file", SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n...."), allowed=DOCUMENTS_ONLY)


def test_the_dashboards_indicators_count_approved_meetings_and_the_first_delivery(steering):
    from coordination.indicators import INDICATORS

    day = timezone.localdate() - datetime.timedelta(days=3)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    counted = f.MeetingFactory(committee=steering, status=Meeting.Status.MINUTED, starts_at=at)
    f.MeetingFactory(committee=steering, status=Meeting.Status.HELD, starts_at=at)  # minutes not approved yet
    f.MeetingFactory(committee=steering, status=Meeting.Status.MINUTED, starts_at=at - datetime.timedelta(days=60))
    meetings = INDICATORS["committee_meetings"]
    facts = meetings(start=day, end=None, hub_ids=None)["facts"]
    assert facts == [{"pk": counted.pk, "date": day, "category": "PSC"}]
    assert len(meetings(start=None, end=None, hub_ids=None)["facts"]) == 2
    assert meetings(start=None, end=None, hub_ids=[1])["facts"] == []  # no hub holds a committee

    delivered = INDICATORS["policy_report_delivered"]
    assert delivered(start=None, end=None, hub_ids=None)["facts"] == []
    first = PolicyReport.objects.create(number=1, pdf_ka="a", pdf_en="b", annex_xlsx="c", delivered_on=day)
    PolicyReport.objects.create(number=2, pdf_ka="a", pdf_en="b", annex_xlsx="c", delivered_on=TODAY)
    assert delivered(start=None, end=None, hub_ids=None)["facts"] == [{"pk": first.pk, "date": day}]
    assert delivered(start=TODAY, end=None, hub_ids=None)["facts"] == []
