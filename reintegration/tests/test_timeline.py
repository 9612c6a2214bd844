"""The case timeline shows status, consent, household and referral events in true time order."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Referral, ReferralEvent
from referrals.tests.factories import referral_for
from reintegration.models import CaseStatusChange, Consent
from reintegration.tests.factories import ConsentFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def test_the_timeline_has_consent_household_and_referral_events_newest_first(client_for, world, counsellor):
    referral = referral_for(world, counsellor)  # a draft event, and a sharing consent recorded now
    case = referral.case
    now = timezone.now()
    same_moment = now - datetime.timedelta(hours=3)
    opened = CaseStatusChange.objects.create(
        case=case, at=same_moment, from_status="", to_status="open", actor=counsellor
    )
    active = CaseStatusChange.objects.create(
        case=case, at=same_moment, from_status="open", to_status="active", actor=counsellor
    )
    ConsentFactory(
        beneficiary=case.beneficiary,
        purpose=Consent.Purpose.DATA_PROCESSING,
        recorded_by=counsellor,
        given_on=(now - datetime.timedelta(days=2)).date(),
        recorded_at=now,
    )
    household = HouseholdFactory(head=case.beneficiary, size=4, created_at=now - datetime.timedelta(hours=1))
    case.beneficiary.household = household
    case.beneficiary.save()
    ReferralEvent.objects.create(
        referral=referral,
        at=now + datetime.timedelta(minutes=1),
        actor=counsellor,
        from_status="draft",
        to_status=Referral.Status.SENT,
    )

    timeline = (
        client_for(counsellor)
        .get(reverse("reintegration:case-detail", args=[case.pk]) + "?tab=timeline")
        .context["timeline"]
    )
    kinds = [(str(entry["kind"]), str(entry["title"])) for entry in timeline]

    assert kinds[0][0] == "მიმართვა" and kinds[0][1].endswith("გაგზავნილი")
    status_titles = [title for kind, title in kinds if kind == "სტატუსი"]
    assert status_titles[:2] == [str(active.get_to_status_display()), str(opened.get_to_status_display())]
    household_at = next(i for i, (kind, _title) in enumerate(kinds) if kind == "შინამეურნეობა")
    active_at = kinds.index(("სტატუსი", str(active.get_to_status_display())))
    assert household_at < active_at  # an hour ago comes above three hours ago
    consent_entries = [entry for entry in timeline if str(entry["kind"]) == "თანხმობა"]
    assert len(consent_entries) == 2
    assert consent_entries[-1]["at"].date() == (now - datetime.timedelta(days=2)).date()  # given two days ago


def test_the_intake_form_groups_municipalities_by_region_and_starts_from_the_hubs(client_for, world, counsellor):
    from hubs.tests.factories import MunicipalityFactory
    from reintegration.forms import IntakeForm

    MunicipalityFactory(region=world.hub_a.municipality.region, name_ka="ა-მუნიციპალიტეტი")
    from hubs.models import Hub

    form = IntakeForm(hubs=Hub.objects.filter(pk=world.hub_a.pk))
    groups = [choice for choice in form.fields["municipality"].choices if isinstance(choice[1], list)]
    region_names = [name for name, _options in groups]
    assert region_names == sorted(region_names)
    hub_region = next(options for name, options in groups if name == str(world.hub_a.municipality.region.name))
    assert [label for _pk, label in hub_region] == sorted(label for _pk, label in hub_region)
    assert form.fields["municipality"].initial == world.hub_a.municipality_id


def test_a_phone_written_as_letters_is_refused_and_the_form_shows_a_summary(client_for, world, counsellor):
    from reintegration.tests.factories import case_at

    case = case_at(world.hub_a, counsellor)
    url = reverse("reintegration:beneficiary-edit", args=[case.beneficiary.pk])
    page = client_for(counsellor).get(url)
    data = {key: value for key, value in page.context["form"].initial.items() if value is not None}
    data.update({"phone": "abc", "municipality": case.beneficiary.municipality_id})
    response = client_for(counsellor).post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="error-summary"' in html and 'value="abc"' in html
