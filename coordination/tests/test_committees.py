"""Committees and their seats: an external partner without an account, a member who signs in, terms."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role, roles_of
from accounts.tests.factories import UserFactory
from coordination.models import Committee, CommitteeMember

pytestmark = pytest.mark.django_db


def test_an_officer_creates_a_committee_and_seats_members_for_a_term(client_for, officer):
    client = client_for(officer)
    response = client.post(
        reverse("coordination:committee-create"),
        {
            "code": "LAN",
            "name_ka": "ლანჩხუთის სამუშაო ჯგუფი",
            "name_en": "Lanchkhuti working group",
            "kind": "other",
            "is_active": "on",
            "sort_order": 3,
        },
    )
    committee = Committee.objects.get(code="LAN")
    assert response["Location"] == committee.get_absolute_url()

    start = timezone.localdate() - datetime.timedelta(days=10)
    client.post(
        reverse("coordination:member-add", args=[committee.pk]),
        {
            "full_name": "ქეთევან ნოზაძე",
            "organisation": "ლანჩხუთის მერია",
            "position": "chair",
            "start_date": start.isoformat(),
        },
    )
    deputy = UserFactory(email="deputy@lanchkhuti.gov.ge", full_name="ზურაბ ჩიქოვანი")
    client.post(
        reverse("coordination:member-add", args=[committee.pk]),
        {"user": deputy.pk, "organisation": "ლანჩხუთის მერია", "position": "member", "start_date": start.isoformat()},
    )
    external, member = CommitteeMember.objects.filter(committee=committee).order_by("pk")
    assert (external.user, external.position, external.organisation) == (None, "chair", "ლანჩხუთის მერია")
    assert member.user == deputy and member.full_name == "ზურაბ ჩიქოვანი"  # the name comes from the account
    assert roles_of(type(deputy).objects.get(pk=deputy.pk)) == {Role.PARTNER}

    ended = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    client.post(
        reverse("coordination:member-edit", args=[member.pk]),
        {
            "user": deputy.pk,
            "full_name": member.full_name,
            "organisation": member.organisation,
            "position": "member",
            "start_date": start.isoformat(),
            "end_date": ended,
        },
    )
    member.refresh_from_db()
    assert member.end_date.isoformat() == ended and member.history.count() == 2
    assert roles_of(type(deputy).objects.get(pk=deputy.pk)) == frozenset()


def test_a_seat_needs_a_name_and_a_term_that_ends_after_it_starts(client_for, officer, steering):
    client = client_for(officer)
    today = timezone.localdate()
    response = client.post(
        reverse("coordination:member-add", args=[steering.pk]),
        {
            "organisation": "SDC",
            "position": "member",
            "start_date": today.isoformat(),
            "end_date": (today - datetime.timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 200 and not CommitteeMember.objects.exists()
    assert set(response.context["form"].errors) == {"full_name", "end_date"}


def test_nothing_in_this_app_points_at_a_beneficiary_record():
    allowed = {"accounts", "hubs", "coordination"}
    for model in apps.get_app_config("coordination").get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is not None:
                assert field.related_model._meta.app_label in allowed, (model, field.name)
