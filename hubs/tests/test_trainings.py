import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.pdf import pdf_text
from hubs.models import TrainingEvent, TrainingParticipant
from hubs.selectors import training_stats_by_hub, training_stats_total
from hubs.services import participant_add, participant_complete, training_create, training_results_record
from hubs.tests.factories import (
    CascadeSessionFactory,
    TrainingEventFactory,
    TrainingParticipantFactory,
    TrainingTopicFactory,
    counsellor_of,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_officer_creates_a_tot_event_through_the_page(client_for, officer):
    topic = TrainingTopicFactory()
    data = {"topic": topic.pk, "format": "tot", "date": "2026-04-14", "place": "ქუთაისი", "trainer_name": "ეკა ლომიძე"}
    response = client_for(officer).post(reverse("hubs:training-create"), data)
    assert response.status_code == 302
    event = TrainingEvent.objects.get()
    assert (event.topic, event.format, event.date) == (topic, "tot", datetime.date(2026, 4, 14))


def test_a_cascade_session_needs_its_tot_event_and_hub(client_for, world, officer):
    topic = TrainingTopicFactory()
    data = {"topic": topic.pk, "format": "cascade", "date": "2026-05-02", "place": "თელავი", "trainer_name": "ნინო"}
    response = client_for(officer).post(reverse("hubs:training-create"), data)
    assert response.status_code == 200
    assert not TrainingEvent.objects.exists()
    tot = TrainingEventFactory(topic=topic)
    data |= {"parent": tot.pk, "hub": world.hub_a.pk}
    assert client_for(officer).post(reverse("hubs:training-create"), data).status_code == 302
    assert TrainingEvent.objects.get(format="cascade").parent == tot


def test_hub_lead_cannot_create_a_training(hub_lead):
    with pytest.raises(PermissionDenied):
        training_create(data={"topic": TrainingTopicFactory()}, acting_user=hub_lead)


def test_officer_adds_a_staff_participant_whose_hub_comes_from_their_membership(client_for, world, officer, counsellor):
    event = TrainingEventFactory()
    url = reverse("hubs:participant-add", kwargs={"pk": event.pk})
    response = client_for(officer).post(url, {"user": counsellor.pk})
    assert response.status_code == 302
    participant = TrainingParticipant.objects.get(event=event)
    assert (participant.user, participant.hub) == (counsellor, world.hub_a)


def test_an_external_participant_is_added_by_name(client_for, officer):
    event = TrainingEventFactory()
    url = reverse("hubs:participant-add", kwargs={"pk": event.pk})
    client_for(officer).post(url, {"external_name": "ლელა ხარაძე", "external_name_en": "Lela Kharadze"})
    assert TrainingParticipant.objects.get(event=event).name == "ლელა ხარაძე"


def test_the_same_account_cannot_join_an_event_twice(world, officer, counsellor):
    event = TrainingEventFactory()
    participant_add(event=event, user=counsellor, acting_user=officer)
    with pytest.raises(ValidationError):
        participant_add(event=event, user=counsellor, acting_user=officer)


def test_officer_records_attendance_and_scores_for_the_whole_event(client_for, officer):
    event = TrainingEventFactory()
    first, second = TrainingParticipantFactory(event=event, attended=False), TrainingParticipantFactory(event=event)
    data = {
        "results-TOTAL_FORMS": "2",
        "results-INITIAL_FORMS": "2",
        "results-0-id": first.pk,
        "results-0-attended": "on",
        "results-0-pre_score": "40",
        "results-0-post_score": "75.5",
        "results-1-id": second.pk,
        "results-1-pre_score": "50",
        "results-1-post_score": "",
    }
    response = client_for(officer).post(reverse("hubs:training-results", kwargs={"pk": event.pk}), data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.attended, first.pre_score, first.post_score) == (True, Decimal("40"), Decimal("75.5"))
    assert (second.attended, second.pre_score) == (False, Decimal("50"))


def test_a_score_above_100_is_refused(officer):
    participant = TrainingParticipantFactory()
    with pytest.raises(ValidationError):
        training_results_record(
            event=participant.event, rows=[{"id": participant.pk, "post_score": Decimal("120")}], acting_user=officer
        )


def test_officer_marks_completion_through_the_page_and_a_certificate_number_is_issued(client_for, officer):
    participant = TrainingParticipantFactory(pre_score=40, post_score=80)
    response = client_for(officer).post(reverse("hubs:participant-complete", kwargs={"pk": participant.pk}))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.completed_on == participant.event.date
    assert participant.certificate_number == f"TOT-{participant.event.date.year}-{participant.pk:05d}"


def test_a_participant_who_did_not_attend_cannot_complete(officer):
    participant = TrainingParticipantFactory(attended=False, post_score=80)
    with pytest.raises(ValidationError):
        participant_complete(participant=participant, acting_user=officer)


def test_completion_needs_a_post_test_score(officer):
    with pytest.raises(ValidationError):
        participant_complete(participant=TrainingParticipantFactory(post_score=None), acting_user=officer)


def test_counsellor_cannot_mark_completion(counsellor):
    with pytest.raises(PermissionDenied):
        participant_complete(participant=TrainingParticipantFactory(post_score=80), acting_user=counsellor)


def test_certificate_pdf_shows_the_participants_georgian_and_latin_name(client_for, world, counsellor, officer):
    participant = TrainingParticipantFactory(user=counsellor, hub=world.hub_a, pre_score=30, post_score=90)
    participant_complete(participant=participant, acting_user=officer)
    response = client_for(counsellor).get(reverse("hubs:certificate", kwargs={"pk": participant.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "ნინო ბერიძე" in text
    assert "Nino Beridze" in text
    assert "სერტიფიკატი" in text and "Certificate" in text  # one page in each language
    assert participant.event.topic.name_ka in text and participant.event.topic.name_en in text


def test_counsellor_sees_their_own_certificates_but_not_a_colleagues(client_for, world, counsellor, officer):
    mine = TrainingParticipantFactory(user=counsellor, post_score=80)
    theirs = TrainingParticipantFactory(user=world.user("other_hub_counsellor"), post_score=80)
    for participant in (mine, theirs):
        participant_complete(participant=participant, acting_user=officer)
    client = client_for(counsellor)
    page = client.get(reverse("hubs:training-list")).content.decode()
    assert reverse("hubs:certificate", kwargs={"pk": mine.pk}) in page
    assert client.get(reverse("hubs:certificate", kwargs={"pk": theirs.pk})).status_code == 404


def test_no_certificate_before_completion(client_for, counsellor):
    participant = TrainingParticipantFactory(user=counsellor)
    response = client_for(counsellor).get(reverse("hubs:certificate", kwargs={"pk": participant.pk}))
    assert response.status_code == 302


def test_counsellor_sees_trainings_they_took_part_in_only(client_for, world, counsellor):
    mine = TrainingParticipantFactory(user=counsellor).event
    other = TrainingEventFactory()
    client = client_for(counsellor)
    assert client.get(reverse("hubs:training-detail", kwargs={"pk": mine.pk})).status_code == 200
    assert client.get(reverse("hubs:training-detail", kwargs={"pk": other.pk})).status_code == 404


def test_training_figures_per_hub_and_in_total(world, officer):
    tot = TrainingEventFactory()
    a1 = TrainingParticipantFactory(
        event=tot, user=counsellor_of(world.hub_a), hub=world.hub_a, pre_score=40, post_score=70
    )
    a2 = TrainingParticipantFactory(
        event=tot, user=counsellor_of(world.hub_a), hub=world.hub_a, pre_score=50, post_score=60
    )
    TrainingParticipantFactory(event=tot, user=counsellor_of(world.hub_b), hub=world.hub_b, pre_score=20, post_score=80)
    for participant in (a1, a2):
        participant_complete(participant=participant, acting_user=officer)
    CascadeSessionFactory(parent=tot, hub=world.hub_a)
    CascadeSessionFactory(parent=tot, hub=world.hub_a)
    by_hub = {hub.code: hub for hub in training_stats_by_hub(hubs=type(world.hub_a).objects.all())}
    assert (by_hub["AAA"].staff_trained, by_hub["AAA"].cascade_sessions, by_hub["AAA"].average_gain) == (2, 2, 20)
    assert (by_hub["BBB"].staff_trained or 0, by_hub["BBB"].cascade_sessions or 0) == (0, 0)
    total = training_stats_total()
    assert (total["staff_trained"], total["cascade_sessions"]) == (2, 2)
    assert float(total["average_gain"]) == pytest.approx((30 + 10 + 60) / 3)


def test_hub_page_shows_its_training_status(client_for, world, officer, counsellor):
    participant = TrainingParticipantFactory(user=counsellor, hub=world.hub_a, pre_score=40, post_score=80)
    participant_complete(participant=participant, acting_user=officer)
    page = client_for(officer).get(reverse("hubs:hub-detail", kwargs={"pk": world.hub_a.pk})).content.decode()
    assert "1 / 2" in page  # one of the two current staff trained


def test_training_pages_cost_the_same_queries_with_more_data(client_for, world, officer):
    event = TrainingEventFactory()

    def grow():
        for _ in range(3):
            TrainingParticipantFactory(event=event, hub=world.hub_a, pre_score=10, post_score=50)
            CascadeSessionFactory(parent=event, hub=world.hub_b)

    client = client_for(officer)
    for url in [
        reverse("hubs:training-list"),
        reverse("hubs:training-stats"),
        reverse("hubs:training-detail", kwargs={"pk": event.pk}),
    ]:
        assert_constant_queries(client, url, grow)
