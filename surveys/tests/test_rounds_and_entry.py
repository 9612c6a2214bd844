import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from hubs.tests.factories import MunicipalityFactory
from surveys.models import Response, Round, RoundEvent
from surveys.selectors import round_progress
from surveys.services import round_create, round_move, round_set_targets
from tests.queries import assert_constant_queries

from .factories import ResponseFactory, RoundFactory, build_version

pytestmark = pytest.mark.django_db

GOOD = {"sex": "female", "age": "34", "returnee": "yes", "months_abroad": "26", "income": "850.50",
        "needs": ["employment", "housing"], "plan_to_leave": "no", "priorities__1": "water", "priorities__2": "jobs",
        "visit_date": "2026-03-02", "comment": "კარგი ინტერვიუ"}  # fmt: skip


@pytest.fixture
def round_a(world):
    return RoundFactory(municipalities=[world.hub_a.municipality])


def _post(client, round_, **changes):
    data = GOOD | {"municipality": round_.targets.first().municipality_id} | changes
    return client.post(reverse("surveys:response-create", args=[round_.pk]), data)


def test_officer_creates_a_round_with_targets_per_municipality(officer, world):
    version = build_version()
    round_ = round_create(
        version=version, name_ka="საბაზისო", name_en="Baseline", start_date="2026-03-01", end_date="2026-04-30",
        targets={world.hub_a.municipality: 120, world.hub_b.municipality: 80}, acting_user=officer,
    )  # fmt: skip
    assert round_.status == Round.Status.PLANNED
    assert sorted(round_.targets.values_list("target", flat=True)) == [80, 120]
    round_set_targets(round_=round_, targets={world.hub_a.municipality.pk: 150}, acting_user=officer)
    assert round_.targets.get(municipality=world.hub_a.municipality).target == 150


def test_round_view_creates_a_round(client_for, officer, world):
    version = build_version()
    data = {"version": version.pk, "name_ka": "ბ", "name_en": "B", "start_date": "2026-03-01", "end_date": "2026-04-01",
            "municipalities": [world.hub_a.municipality.pk], "target": 40}  # fmt: skip
    response = client_for(officer).post(reverse("surveys:round-create"), data)
    round_ = Round.objects.get(name_en="B")
    assert response.url == reverse("surveys:round-detail", args=[round_.pk])
    assert round_.targets.get().target == 40


def test_round_opens_and_closes_with_an_event_and_refuses_an_illegal_move(officer, counsellor, round_a):
    round_a.status = Round.Status.PLANNED
    round_a.save()
    with pytest.raises(ValidationError):
        round_move(round_=round_a, to_status=Round.Status.CLOSED, acting_user=officer)
    with pytest.raises(PermissionDenied):
        round_move(round_=round_a, to_status=Round.Status.OPEN, acting_user=counsellor)
    round_move(round_=round_a, to_status=Round.Status.OPEN, acting_user=officer)
    event = RoundEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status) == (officer, "planned", "open")


def test_progress_counts_responses_against_the_target(round_a, world):
    ResponseFactory.create_batch(3, round=round_a, municipality=world.hub_a.municipality)
    (target,) = round_progress(round_a)
    assert (target.done, target.target, target.percent) == (3, 10, 30)


def test_counsellor_enters_a_response_that_the_server_checks(client_for, counsellor, round_a):
    response = _post(client_for(counsellor), round_a)
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.enumerator == counsellor
    assert stored.answers["needs"] == ["employment", "housing"]
    assert stored.answers["priorities"] == ["water", "jobs"]
    assert stored.answers["income"] == 850.5 and stored.answers["age"] == 34
    assert (stored.sex, stored.age_group, stored.is_returnee) == ("female", "30-44", True)


@translation.override("en")
def test_entry_rejects_answers_that_break_constraints_and_required(client_for, counsellor, round_a):
    client = client_for(counsellor)
    client.cookies["django_language"] = "en"
    response = _post(client, round_a, age="12", months_abroad="")
    assert response.status_code == 200
    assert "Age from 18 to 110" in response.content.decode()
    assert response.context["form"].errors.keys() >= {"age", "months_abroad"}
    response = _post(client, round_a, priorities__2="water")
    assert "priorities__1" in response.context["form"].errors
    assert not Response.objects.exists()


def test_entry_refuses_answers_that_skip_logic_hides(client_for, counsellor, round_a):
    response = _post(client_for(counsellor), round_a, returnee="no", age="70", months_abroad="40")
    assert response.status_code == 200 and not Response.objects.exists()
    assert response.context["form"].errors["months_abroad"] == [  # the enumerator reads Georgian
        "გამოტოვების ლოგიკა ამ რესპონდენტისთვის ამ კითხვას მალავს (წესი: ${returnee} = 'yes'), "
        "მაგრამ მას აქვს პასუხი „40“."
    ]


def test_entry_refuses_an_answer_to_a_question_the_questionnaire_does_not_have(client_for, counsellor, round_a):
    response = _post(client_for(counsellor), round_a, favourite_colour="blue")
    assert response.status_code == 200 and not Response.objects.exists()
    assert response.context["form"].non_field_errors() == [
        "ფორმამ გამოაგზავნა პასუხები კითხვებზე, რომლებიც ამ კითხვარში არ არის: favourite_colour."
    ]


def test_entry_page_hides_skipped_questions_and_relevance_follows_the_answers(client_for, counsellor, round_a):
    client = client_for(counsellor)
    page = client.get(reverse("surveys:response-create", args=[round_a.pk])).content.decode()
    assert 'data-question="months_abroad" hidden' in page
    assert 'data-question="age" hidden' not in page
    url = reverse("surveys:response-relevance", args=[round_a.pk])
    assert client.post(url, {"returnee": "yes", "age": "30"}).json() == {"hidden": []}
    assert client.post(url, {"returnee": "no", "age": "65"}).json() == {"hidden": ["months_abroad", "plan_to_leave"]}


def test_counsellor_cannot_enter_for_another_municipality_or_a_closed_round(client_for, counsellor, world):
    other = RoundFactory(municipalities=[world.hub_a.municipality, world.hub_b.municipality])
    response = _post(client_for(counsellor), other, municipality=world.hub_b.municipality.pk)
    assert response.status_code == 200 and "municipality" in response.context["form"].errors
    closed = RoundFactory(municipalities=[world.hub_a.municipality], status=Round.Status.CLOSED)
    assert _post(client_for(counsellor), closed).status_code == 403
    assert not Response.objects.exists()


def test_other_hub_counsellor_does_not_see_the_round(client_for, other_hub_counsellor, round_a):
    assert _post(client_for(other_hub_counsellor), round_a).status_code == 404


def test_round_list_costs_the_same_queries_with_more_rounds(client_for, officer, world):
    RoundFactory(municipalities=[world.hub_a.municipality])
    client = client_for(officer)

    def grow():
        for _ in range(3):
            r = RoundFactory(municipalities=[world.hub_a.municipality, MunicipalityFactory()])
            ResponseFactory(round=r, municipality=world.hub_a.municipality)

    assert_constant_queries(client, reverse("surveys:round-list"), grow)


def test_response_list_and_detail_cost_the_same_queries_with_more_responses(client_for, counsellor, round_a, world):
    ResponseFactory(round=round_a, municipality=world.hub_a.municipality)
    client = client_for(counsellor)
    grow = lambda: ResponseFactory.create_batch(5, round=round_a, municipality=world.hub_a.municipality)  # noqa: E731
    assert_constant_queries(client, reverse("surveys:response-list", args=[round_a.pk]), grow)
    detail = reverse("surveys:response-detail", args=[Response.objects.first().pk])
    assert client.get(detail).status_code == 200


def test_instrument_pages_cost_the_same_queries_with_more_versions(client_for, officer):
    version = build_version()
    client = client_for(officer)
    grow = lambda: [build_version(instrument=version.instrument) for _ in range(3)]  # noqa: E731
    assert_constant_queries(client, reverse("surveys:instrument-list"), grow)
    assert_constant_queries(client, reverse("surveys:instrument-detail", args=[version.instrument_id]), grow)
    assert_constant_queries(client, reverse("surveys:version-detail", args=[version.pk]), lambda: None)


def test_viewing_a_response_is_logged(client_for, counsellor, round_a, world):
    from accounts.models import AccessLog

    response = ResponseFactory(round=round_a, municipality=world.hub_a.municipality)
    client_for(counsellor).get(reverse("surveys:response-detail", args=[response.pk]))
    assert AccessLog.objects.filter(action="view", object_id=str(response.pk), user=counsellor).exists()


def test_a_response_can_be_linked_to_a_registered_household_of_the_hub(client_for, counsellor, round_a, world):
    from reintegration.tests import factories as reintegration_factories

    household, stranger = reintegration_factories.HouseholdFactory.create_batch(2)
    reintegration_factories.case_at(world.hub_a, counsellor, beneficiary__household=household)
    reintegration_factories.case_at(world.hub_b, world.user("other_hub_counsellor"), beneficiary__household=stranger)
    client = client_for(counsellor)
    assert "household" in _post(client, round_a, household=stranger.pk).context["form"].errors
    assert _post(client, round_a, household=household.pk).status_code == 302
    assert Response.objects.get().household == household


def test_response_list_filters_by_municipality_and_round_list_by_status(client_for, officer, world):
    round_ = RoundFactory(municipalities=[world.hub_a.municipality, world.hub_b.municipality])
    ResponseFactory.create_batch(2, round=round_, municipality=world.hub_a.municipality)
    ResponseFactory(round=round_, municipality=world.hub_b.municipality)
    client = client_for(officer)
    url = reverse("surveys:response-list", args=[round_.pk])
    assert len(client.get(url).context["page"].object_list) == 3
    filtered = client.get(url, {"municipality": world.hub_b.municipality.pk}).context["page"].object_list
    assert [r.municipality for r in filtered] == [world.hub_b.municipality]
    RoundFactory(status=Round.Status.CLOSED)
    rounds = client.get(reverse("surveys:round-list"), {"status": "closed"}).context["page"].object_list
    assert [r.status for r in rounds] == ["closed"]


def test_response_submit_refuses_people_outside_the_round_and_broken_answers(world, round_a, counsellor, partner):
    from surveys.services import response_submit

    municipality = world.hub_a.municipality
    good = {"sex": "male", "age": 40, "returnee": "no"}
    for user in [partner, world.user("other_hub_counsellor"), world.user("mentor")]:
        with pytest.raises(PermissionDenied):
            response_submit(round_=round_a, municipality=municipality, values=good, acting_user=user)
    with pytest.raises(ValidationError):
        response_submit(round_=round_a, municipality=municipality, values=good | {"age": 7}, acting_user=counsellor)
    response = response_submit(round_=round_a, municipality=municipality, values=good, acting_user=counsellor)
    assert response.history.count() == 1  # personal data keep their history


def test_an_instrument_without_a_returnee_question_can_be_entered(client_for, officer, world):
    questions = [
        {"name": "resp_sex", "type": "select_one", "label_ka": "სქესი", "label_en": "Sex", "list_name": "s",
         "choices": [("f", "ქალი", "Woman"), ("m", "კაცი", "Man")]},
        {"name": "score", "type": "integer", "label_ka": "ქულა", "label_en": "Score", "constraint": ". >= 0"},
    ]  # fmt: skip
    round_ = RoundFactory(version=build_version(questions), municipalities=[world.hub_a.municipality])
    url = reverse("surveys:response-create", args=[round_.pk])
    data = {"municipality": world.hub_a.municipality.pk, "resp_sex": "f", "score": "3"}
    assert client_for(officer).post(url, data).status_code == 302
    response = Response.objects.get()
    assert (response.is_returnee, response.sex, response.answers) == (None, "", {"resp_sex": "f", "score": 3})


@translation.override("en")
def test_a_constraint_message_names_the_rule_and_the_value(client_for, officer, world, round_a, settings):
    client = client_for(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _post(client, round_a, age="12", income="-5")
    errors = response.context["form"].errors
    assert errors["age"] == ["Age from 18 to 110 (answer “12”, rule: . >= 18 and . <= 110)"]  # the XLSForm's own
    assert errors["income"] == ["The answer “-5.0” breaks the rule . >= 0."]  # no message: the rule and the value
    assert not Response.objects.exists()
