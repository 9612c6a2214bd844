"""Lists and pages cost the same number of queries whatever the data size."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import Attendance, Meeting
from coordination.tests import factories as f
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _grow(committee, seat, n=3):
    def grow():
        for _ in range(n):
            meeting = f.MeetingFactory(committee=committee, status=Meeting.Status.HELD)
            f.AgendaItemFactory(meeting=meeting)
            member = f.CommitteeMemberFactory(committee=committee)
            Attendance.objects.create(meeting=meeting, member=member, status="present")
            decision = f.DecisionFactory(meeting=meeting, committee=committee, number=committee.decisions.count() + 1)
            f.ActionItemFactory(meeting=meeting, owner=seat, decision=decision)
            f.ActionItemFactory(meeting=meeting, owner=member, due_on=timezone.localdate() - datetime.timedelta(days=1))
            f.MeetingDocumentFactory(meeting=meeting)
            document = f.PolicyAssessmentFactory().document
            recommendation = f.RecommendationFactory(meeting=meeting)
            recommendation.documents.add(document, f.PolicyDocumentFactory())
            version = f.MethodologyVersionFactory()
            version.approved_by = decision
            version.save()

    return grow


@pytest.mark.parametrize(
    "name",
    [
        "committee-list",
        "meeting-list",
        "action-list",
        "policy-list",
        "recommendation-list",
        "methodology-list",
    ],
)
@pytest.mark.parametrize("persona", ["officer", "partner"])
def test_lists_keep_a_constant_number_of_queries(name, persona, world, client_for, steering, partner_seat):
    _grow(steering, partner_seat, n=1)()
    client = client_for(world.user(persona))
    assert_constant_queries(client, reverse(f"coordination:{name}"), _grow(steering, partner_seat))


def test_the_meeting_page_keeps_a_constant_number_of_queries(client_for, officer, steering, partner_seat):
    meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)

    def grow():
        for i in range(4):
            f.AgendaItemFactory(meeting=meeting)
            member = f.CommitteeMemberFactory(committee=steering)
            Attendance.objects.create(meeting=meeting, member=member, status=["present", "absent"][i % 2])
            decision = f.DecisionFactory(meeting=meeting, committee=steering, number=steering.decisions.count() + 1)
            f.ActionItemFactory(meeting=meeting, owner=member, decision=decision)
            f.MeetingDocumentFactory(meeting=meeting)
            f.RecommendationFactory(meeting=meeting)
            version = f.MethodologyVersionFactory()
            version.approved_by = decision
            version.save()

    grow()  # start from a page that already shows one of everything
    for user in [officer, partner_seat.user]:
        assert_constant_queries(client_for(user), meeting.get_absolute_url(), grow)


def test_detail_pages_keep_a_constant_number_of_queries(client_for, officer, steering, partner_seat):
    document = f.PolicyDocumentFactory()
    recommendation = f.RecommendationFactory()
    methodology = f.MethodologyDocumentFactory()

    def grow():
        for _ in range(3):
            f.CommitteeMemberFactory(committee=steering)
            f.MeetingFactory(committee=steering)
            f.PolicyAssessmentFactory(document=document)
            other = f.RecommendationFactory()
            other.documents.add(document)
            recommendation.documents.add(f.PolicyDocumentFactory())
            f.MethodologyVersionFactory(document=methodology)

    grow()
    client = client_for(officer)
    for url in [
        reverse("coordination:committee-detail", args=[steering.pk]),
        document.get_absolute_url(),
        recommendation.get_absolute_url(),
        methodology.get_absolute_url(),
    ]:
        assert_constant_queries(client, url, grow)
