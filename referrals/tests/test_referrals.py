from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.append_only import AppendOnlyError
from accounts.pdf import pdf_text
from referrals.models import Referral, ReferralEvent
from referrals.services import (
    provider_link_token,
    referral_answer_as_provider,
    referral_cancel,
    referral_create,
    referral_record_outcome,
    referral_remind,
    referral_send,
    referrals_due_for_reminder,
)
from referrals.services.referrals import LINK_SALT
from referrals.tasks import remind_unanswered_referrals
from referrals.tests.factories import ServiceFactory, filled_client, referral_for
from reintegration.tests.factories import AssessedNeedFactory, case_at
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
Status = Referral.Status


def test_counsellor_refers_from_a_case_need_in_one_click(client_for, world, counsellor):
    case = case_at(world.hub_a, counsellor)
    need = AssessedNeedFactory(assessment__case=case, need="employment")
    here = ServiceFactory(
        category="employment", coverage="municipality", municipalities=[case.beneficiary.municipality]
    )
    ServiceFactory(category="employment", coverage="municipality")  # elsewhere
    ServiceFactory(category="housing")  # another need
    client = client_for(counsellor)
    url = reverse("referrals:need-services", args=[case.pk, need.pk])
    response = client.get(url)
    assert list(response.context["services"]) == [here]
    response = client.post(url, {"service": here.pk, "reason": "ეძებს სამუშაოს", "follow_up_on": "2030-01-15"})
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:referral-detail", args=[referral.pk]
    )
    assert (referral.status, referral.need, referral.service, str(referral.follow_up_on)) == (
        Status.DRAFT,
        need,
        here,
        "2030-01-15",
    )
    assert referral.events.get().to_status == Status.DRAFT


def test_other_hub_counsellor_cannot_see_or_refer_from_the_case(client_for, world, counsellor, other_hub_counsellor):
    case = case_at(world.hub_a, counsellor)
    need = AssessedNeedFactory(assessment__case=case)
    response = client_for(other_hub_counsellor).get(reverse("referrals:need-services", args=[case.pk, need.pk]))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        referral_create(case=case, need=need, service=ServiceFactory(), reason="x", acting_user=other_hub_counsellor)


def test_a_need_of_another_case_is_refused(world, counsellor):
    case = case_at(world.hub_a, counsellor)
    other_need = AssessedNeedFactory(assessment__case=case_at(world.hub_a, counsellor))
    with pytest.raises(ValidationError):
        referral_create(case=case, need=other_need, service=ServiceFactory(), reason="x", acting_user=counsellor)


def test_sending_without_sharing_consent_is_refused_with_a_link_to_record_it(client_for, world, counsellor):
    referral = referral_for(world, counsellor, consent=False)
    response = client_for(counsellor).post(reverse("referrals:referral-send", args=[referral.pk]), follow=True)
    referral.refresh_from_db()
    assert referral.status == Status.DRAFT and referral.events.count() == 1
    page = response.content.decode()
    assert reverse("reintegration:consent-add", kwargs={"pk": referral.case_id}) in page
    assert not mail.outbox


def test_sending_with_consent_emails_the_provider_a_signed_link(
    client_for, world, counsellor, django_capture_on_commit_callbacks
):
    referral = referral_for(world, counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(counsellor).post(reverse("referrals:referral-send", args=[referral.pk]))
    referral.refresh_from_db()
    assert response.status_code == 302 and referral.status == Status.SENT and referral.sent_at
    event = referral.events.last()
    assert (event.from_status, event.to_status, event.actor) == (Status.DRAFT, Status.SENT, counsellor)
    assert mail.outbox[0].to == [referral.service.email]
    assert "/referrals/answer/" in mail.outbox[0].body
    assert referral.case.beneficiary.name_ka not in mail.outbox[0].body  # no personal data in the email


def test_withdrawn_consent_blocks_sending(world, counsellor):
    referral = referral_for(world, counsellor)
    referral.case.beneficiary.consents.update(withdrawn_at=timezone.now())
    with pytest.raises(ValidationError):
        referral_send(referral=referral, acting_user=counsellor)


def test_provider_accepts_through_the_link_once(client, world, counsellor, django_capture_on_commit_callbacks):
    referral = referral_for(world, counsellor, status=Status.SENT)
    url = reverse("referrals:provider-answer", args=[provider_link_token(referral)])
    page = client.get(url)
    assert page.status_code == 200 and referral.case.beneficiary.name_ka in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answer": "accept"})
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED and referral.answered_at
    event = referral.events.last()
    assert event.by_provider and event.actor is None and event.provider_answer == "response"
    assert mail.outbox[-1].to == [counsellor.email]
    with pytest.raises(ValidationError):
        referral_answer_as_provider(token=provider_link_token(referral), answer="decline", decline_reason="x")


def test_provider_declines_with_a_reason(client, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.SENT)
    url = reverse("referrals:provider-answer", args=[provider_link_token(referral)])
    client.post(url, {"answer": "decline", "decline_reason": ""})
    referral.refresh_from_db()
    assert referral.status == Status.SENT
    client.post(url, {"answer": "decline", "decline_reason": "ადგილები არ გვაქვს"})
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED and referral.decline_reason == "ადგილები არ გვაქვს"


def test_provider_reports_the_outcome_once(client, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.ACCEPTED)
    token = provider_link_token(referral)
    client.post(reverse("referrals:provider-answer", args=[token]), {"answer": "outcome", "outcome": "got_service"})
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED and referral.outcome == "got_service"
    with pytest.raises(PermissionDenied):  # the last answer ended the link
        referral_answer_as_provider(token=token, answer="outcome", outcome="partly")


def test_a_forged_or_expired_link_is_refused(client, world, counsellor, settings):
    referral = referral_for(world, counsellor, status=Status.SENT)
    forged = signing.dumps({"r": referral.pk, "n": "guess"}, salt=LINK_SALT)
    assert client.get(reverse("referrals:provider-answer", args=[forged])).status_code == 403
    assert client.get(reverse("referrals:provider-answer", args=["nonsense"])).status_code == 403
    settings.REFERRAL_LINK_MAX_AGE_DAYS = -1
    assert client.get(reverse("referrals:provider-answer", args=[provider_link_token(referral)])).status_code == 403
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_counsellor_records_the_outcome_and_feedback(client_for, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.ACCEPTED)
    data = {"outcome": "partly", "feedback": "კმაყოფილია", "note": ""}
    response = client_for(counsellor).post(reverse("referrals:referral-outcome", args=[referral.pk]), data)
    referral.refresh_from_db()
    assert response.status_code == 302
    assert (referral.status, referral.outcome, referral.feedback) == (Status.COMPLETED, "partly", "კმაყოფილია")
    assert referral.events.last().to_status == Status.COMPLETED


@pytest.mark.parametrize("status", [Status.DRAFT, Status.DECLINED, Status.CANCELLED, Status.COMPLETED])
def test_outcome_cannot_be_recorded_from(world, counsellor, status):
    referral = referral_for(world, counsellor, status=status)
    with pytest.raises(ValidationError):
        referral_record_outcome(referral=referral, outcome="got_service", acting_user=counsellor)


def test_other_hub_counsellor_cannot_change_a_referral(world, counsellor, other_hub_counsellor):
    referral = referral_for(world, counsellor, status=Status.ACCEPTED)
    with pytest.raises(PermissionDenied):
        referral_record_outcome(referral=referral, outcome="got_service", acting_user=other_hub_counsellor)
    with pytest.raises(PermissionDenied):
        referral_cancel(referral=referral, acting_user=other_hub_counsellor)


def test_cancel_needs_confirmation_and_a_reason(client_for, world, counsellor):
    referral = referral_for(world, counsellor)
    client = client_for(counsellor)
    url = reverse("referrals:referral-cancel", args=[referral.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"note": "გადაიფიქრა"})
    referral.refresh_from_db()
    assert referral.status == Status.CANCELLED and referral.events.last().note == "გადაიფიქრა"
    with pytest.raises(ValidationError):
        referral_send(referral=referral, acting_user=counsellor)


def test_the_history_is_append_only(world, counsellor):
    event = referral_for(world, counsellor).events.get()
    event.note = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_referral_letter_is_a_georgian_pdf(client_for, world, counsellor):
    referral = referral_for(world, counsellor)
    response = client_for(counsellor).get(reverse("referrals:referral-letter", args=[referral.pk]))
    text = " ".join(pdf_text(response.content).split())
    assert "მიმართვის წერილი" in text and referral.service.name_ka in text
    assert referral.case.beneficiary.name_ka in text


def test_reminders_go_once_per_referral_per_day(world, counsellor, django_capture_on_commit_callbacks, settings):
    settings.REFERRAL_REMINDER_DAYS = 5
    old = referral_for(world, counsellor, status=Status.SENT)
    Referral.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=6))
    recent = referral_for(world, counsellor, status=Status.SENT)
    answered = referral_for(world, counsellor, status=Status.ACCEPTED)
    Referral.objects.filter(pk=answered.pk).update(sent_at=timezone.now() - timedelta(days=10))
    assert list(referrals_due_for_reminder()) == [old.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_unanswered_referrals.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_unanswered_referrals.delay().get() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [counsellor.email]
    assert recent.pk not in referrals_due_for_reminder()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert referral_remind(referral_id=old.pk, today=tomorrow) is True


def test_the_case_panel_links_needs_to_services_and_names_the_state_implementer(world, counsellor):
    from hubs.models import Region
    from referrals.models import Program, ProgramImplementer
    from referrals.selectors import case_panel_context
    from referrals.tests.factories import OrganizationFactory

    referral = referral_for(world, counsellor)
    region = referral.case.beneficiary.municipality.region
    program = Program.objects.create(
        key="state-reintegration-programme", organization=OrganizationFactory(), name_ka="პ"
    )
    implementer = ProgramImplementer.objects.create(program=program, organization=OrganizationFactory(name_ka="ფონდი"))
    implementer.regions.set([region])
    context = case_panel_context(referral.case, counsellor)
    assert context["referrals"] == [referral] and context["needs"] == [referral.need]
    assert [i.organization.name_ka for i in context["implementers"]] == ["ფონდი"]
    assert isinstance(region, Region)


def test_referral_list_costs_the_same_queries_at_two_sizes(client_for, world, counsellor):
    def grow():
        for _ in range(3):
            referral_for(world, counsellor)

    grow()
    assert_constant_queries(client_for(counsellor), reverse("referrals:referral-list"), grow)


@pytest.mark.parametrize("persona", ["counsellor", "officer"])
def test_referral_list_costs_the_same_with_filled_relations(client_for, world, persona):
    """Referrals whose person has a household, consents, another hub's case and a transfer."""
    counsellor = world.user("counsellor")
    filled_client(world, counsellor)
    assert_constant_queries(
        client_for(world.user(persona)),
        reverse("referrals:referral-list"),
        lambda: [filled_client(world, counsellor) for _ in range(3)],
    )


def test_events_are_written_for_each_step(world, counsellor):
    referral = referral_for(world, counsellor)
    referral_send(referral=referral, acting_user=counsellor)
    referral_answer_as_provider(token=provider_link_token(referral), answer="accept")
    referral_record_outcome(referral=referral, outcome="got_service", acting_user=counsellor)
    steps = list(ReferralEvent.objects.filter(referral=referral).values_list("to_status", flat=True))
    assert steps == [Status.DRAFT, Status.SENT, Status.ACCEPTED, Status.COMPLETED]


def test_the_case_page_shows_the_referrals_panel_with_one_click_to_services(client_for, world, counsellor):
    referral = referral_for(world, counsellor)
    url = reverse("reintegration:case-detail", args=[referral.case_id]) + "?tab=referrals"
    page = client_for(counsellor).get(url).content.decode()
    assert 'data-testid="referrals-panel"' in page
    assert reverse("referrals:need-services", args=[referral.case_id, referral.need_id]) in page
    assert reverse("referrals:referral-detail", args=[referral.pk]) in page


def test_the_provider_email_is_in_georgian(world, counsellor, django_capture_on_commit_callbacks):
    referral = referral_for(world, counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        referral_send(referral=referral, acting_user=counsellor)
    assert "ბმული მოქმედებს" in mail.outbox[0].body


def test_counsellor_records_a_phoned_in_decline_through_the_view(client_for, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.SENT)
    url = reverse("referrals:referral-status", args=[referral.pk])
    client = client_for(counsellor)
    client.post(url, {"to_status": "declined", "decline_reason": ""})
    referral.refresh_from_db()
    assert referral.status == Status.SENT  # a decline needs its reason
    client.post(url, {"to_status": "declined", "decline_reason": "სრულად დაკომპლექტებულია"})
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED and referral.events.last().actor == counsellor
    client.post(url, {"to_status": "accepted"})
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED  # declined is final


def test_referral_detail_costs_the_same_queries_as_its_history_grows(client_for, world, counsellor):
    referral = referral_for(world, counsellor)

    def grow():
        for _ in range(3):
            ReferralEvent.objects.create(referral=referral, at=timezone.now(), actor=counsellor, to_status="draft")

    grow()
    url = reverse("referrals:referral-detail", args=[referral.pk])
    client_for(counsellor).get(url)  # warms the per-process caches (content types, roles)
    assert_constant_queries(client_for(counsellor), url, grow)


def test_need_services_page_costs_the_same_queries_with_more_services(client_for, world, counsellor):
    referral = referral_for(world, counsellor)

    def grow():
        for _ in range(3):
            ServiceFactory(category=referral.need.need)

    url = reverse("referrals:need-services", args=[referral.case_id, referral.need_id])
    grow()
    client_for(counsellor).get(url)  # warms the per-process caches (content types, roles)
    assert_constant_queries(client_for(counsellor), url, grow)
