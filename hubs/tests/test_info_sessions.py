import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hubs.models import InfoSession
from hubs.selectors import people_informed_by_hub_and_month
from hubs.services import info_session_create, info_session_update
from hubs.tests.factories import InfoSessionFactory, InfoSessionTopicFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def _data(world, **overrides):
    return {
        "hub": world.hub_a.pk,
        "date": YESTERDAY.isoformat(),
        "place": "სოფელ ქისტაურის სკოლა",
        "topic": InfoSessionTopicFactory().pk,
        "facilitator_name": "ნათია კვარაცხელია",
        "returnee_women": "4",
        "returnee_men": "6",
        "potential_women": "10",
        "potential_men": "12",
        "resident_women": "3",
        "resident_men": "0",
        "materials": "ბროშურა „ლეგალური მიგრაცია“",
        "materials_count": "30",
        "notes": "",
    } | overrides


def test_counsellor_records_an_information_session_for_their_hub(client_for, world, counsellor):
    response = client_for(counsellor).post(reverse("hubs:infosession-create"), _data(world))
    assert response.status_code == 302
    session = InfoSession.objects.get()
    assert (session.hub, session.people, session.women, session.men) == (world.hub_a, 35, 17, 18)
    assert session.created_by == counsellor


def test_counsellor_cannot_record_a_session_for_another_hub(client_for, world, counsellor):
    response = client_for(counsellor).post(reverse("hubs:infosession-create"), _data(world, hub=world.hub_b.pk))
    assert response.status_code == 200  # hub B is not a choice for them
    assert not InfoSession.objects.exists()
    with pytest.raises(PermissionDenied):
        info_session_create(
            data={"hub": world.hub_b, "date": YESTERDAY, "place": "x", "topic": InfoSessionTopicFactory()},
            acting_user=counsellor,
        )


def test_a_session_with_nobody_counted_is_refused(client_for, world, counsellor):
    zeros = {f"{c}_{s}": "0" for c in ("returnee", "potential", "resident") for s in ("women", "men")}
    response = client_for(counsellor).post(reverse("hubs:infosession-create"), _data(world, **zeros))
    assert response.status_code == 200
    assert not InfoSession.objects.exists()


def test_a_session_in_the_future_is_refused(world, counsellor):
    with pytest.raises(ValidationError):
        info_session_create(
            data={
                "hub": world.hub_a,
                "date": timezone.localdate() + datetime.timedelta(days=3),
                "place": "x",
                "topic": InfoSessionTopicFactory(),
                "facilitator_name": "x",
                "returnee_women": 1,
            },
            acting_user=counsellor,
        )


def test_hub_lead_edits_a_session_of_their_hub(client_for, world, hub_lead):
    session = InfoSessionFactory(hub=world.hub_a)
    url = reverse("hubs:infosession-edit", kwargs={"pk": session.pk})
    response = client_for(hub_lead).post(url, _data(world, topic=session.topic_id, returnee_women="40"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.returnee_women == 40
    assert session.history.count() == 2


def test_other_hubs_counsellor_cannot_see_or_edit_the_session(client_for, world):
    session = InfoSessionFactory(hub=world.hub_a)
    client = client_for(world.user("other_hub_counsellor"))
    assert client.get(reverse("hubs:infosession-detail", kwargs={"pk": session.pk})).status_code == 404
    with pytest.raises(PermissionDenied):
        info_session_update(session=session, data={"place": "x"}, acting_user=world.user("other_hub_counsellor"))


def test_people_informed_per_hub_and_month(world, officer):
    InfoSessionFactory(hub=world.hub_a, date=datetime.date(2026, 3, 5))
    InfoSessionFactory(hub=world.hub_a, date=datetime.date(2026, 3, 25))
    InfoSessionFactory(hub=world.hub_b, date=datetime.date(2026, 3, 10))
    InfoSessionFactory(hub=world.hub_a, date=datetime.date(2026, 4, 1))
    rows = people_informed_by_hub_and_month(sessions=InfoSession.objects.all())
    summary = {(row["hub__code"], row["month"].month): (row["sessions"], row["people"], row["women"]) for row in rows}
    assert summary == {("AAA", 3): (2, 30, 16), ("BBB", 3): (1, 15, 8), ("AAA", 4): (1, 15, 8)}


def test_the_people_informed_page_shows_the_totals(client_for, world, counsellor):
    InfoSessionFactory(hub=world.hub_a)
    InfoSessionFactory(hub=world.hub_b)
    page = client_for(counsellor).get(reverse("hubs:infosession-stats")).content.decode()
    assert 'data-testid="people-total">15<' in page  # only their own hub's session


def test_information_session_pages_cost_the_same_queries_with_more_sessions(client_for, world, officer):
    def grow():
        for day in range(1, 6):
            InfoSessionFactory(hub=world.hub_a, date=datetime.date(2026, day, 3))

    InfoSessionFactory(hub=world.hub_b)  # an empty page skips a query; start from a non-empty one
    client = client_for(officer)
    for url in [reverse("hubs:infosession-list"), reverse("hubs:infosession-stats")]:
        assert_constant_queries(client, url, grow)
