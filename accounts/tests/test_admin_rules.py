"""The Django admin is not a second write path: workflow fields read-only, locked records unchangeable,
personal records logged when viewed, and no officer sets another person's password."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AccessLog, User
from accounts.tests.factories import UserFactory
from grants.models import GrantCycle, Review, Score
from grants.tests.factories import ApplicationFactory, committee_cycle, proposal_for
from reintegration.models import Case
from reintegration.tests.factories import case_at

pytestmark = pytest.mark.django_db


def _admin_form_fields(model, officer, obj):
    request = RequestFactory().get("/")
    request.user = officer
    model_admin = admin.site._registry[model]
    return set(model_admin.get_form(request, obj).base_fields), model_admin, request


def test_a_cases_hub_status_and_counsellor_cannot_be_changed_in_the_admin(client_for, officer, counsellor, world):
    case = case_at(world.hub_a, counsellor)
    fields, model_admin, request = _admin_form_fields(Case, officer, case)
    assert {"hub", "status", "counsellor", "beneficiary", "closure_reason", "closed_on"} & fields == set()
    assert model_admin.has_change_permission(request, case)


def test_a_closed_case_is_read_only_in_the_admin(client_for, officer, counsellor, world):
    case = case_at(world.hub_a, counsellor, status=Case.Status.CLOSED)
    client = client_for(officer)
    url = reverse("admin:reintegration_case_change", args=[case.pk])
    assert client.get(url).status_code == 200  # shown, read-only
    response = client.post(url, {"summary": "changed in the admin"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.summary != "changed in the admin"


@pytest.fixture
def decided_score(world):
    member = world.user("committee_member")
    cycle = committee_cycle(chair=UserFactory(), members=[member])
    proposal = proposal_for(ApplicationFactory(cycle=cycle))
    review = Review.objects.create(proposal=proposal, membership=cycle.committee.get(user=member))
    score = Score.objects.create(review=review, criterion=cycle.criteria.first(), value=3)
    GrantCycle.objects.filter(pk=cycle.pk).update(status=GrantCycle.Status.DECIDED)
    return score


def test_a_score_of_a_decided_cycle_cannot_be_changed_in_the_admin(client_for, officer, decided_score):
    client = client_for(officer)
    url = reverse("admin:grants_score_change", args=[decided_score.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"value": "1", "comment": "x"})
    assert response.status_code == 403
    decided_score.refresh_from_db()
    assert decided_score.value == 3


def test_a_score_is_never_edited_in_the_admin_even_in_an_open_cycle(officer, decided_score):
    GrantCycle.objects.filter(pk=decided_score.criterion.cycle_id).update(status=GrantCycle.Status.REVIEW)
    decided_score = Score.objects.select_related("review__proposal__cycle").get(pk=decided_score.pk)
    fields, _admin, _request = _admin_form_fields(Score, officer, decided_score)
    assert "value" not in fields


def test_the_cycles_criteria_and_decisions_are_locked_with_it(officer, decided_score):
    cycle = GrantCycle.objects.get(pk=decided_score.criterion.cycle_id)
    criterion = type(decided_score.criterion).objects.get(pk=decided_score.criterion_id)
    for model, obj in [(GrantCycle, cycle), (type(criterion), criterion)]:
        model_admin = admin.site._registry[model]
        request = RequestFactory().get("/")
        request.user = officer
        assert not model_admin.has_change_permission(request, obj)


def test_viewing_a_person_in_the_admin_is_logged(client_for, officer, counsellor, world):
    case = case_at(world.hub_a, counsellor)
    client = client_for(officer)
    assert client.get(reverse("admin:reintegration_beneficiary_change", args=[case.beneficiary_id])).status_code == 200
    assert client.get(reverse("admin:reintegration_case_change", args=[case.pk])).status_code == 200
    logged = set(AccessLog.objects.filter(user=officer, action=AccessLog.Action.VIEW).values_list("object_id", "path"))
    assert (
        str(case.beneficiary_id),
        reverse("admin:reintegration_beneficiary_change", args=[case.beneficiary_id]),
    ) in (logged)
    assert (str(case.pk), reverse("admin:reintegration_case_change", args=[case.pk])) in logged


def test_an_officer_cannot_set_another_persons_password(client_for, officer, counsellor):
    client = client_for(officer)
    url = reverse("admin:auth_user_password_change", args=[counsellor.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "a-new-password-123", "password2": "a-new-password-123"})
    assert response.status_code == 403
    counsellor.refresh_from_db()
    assert not counsellor.check_password("a-new-password-123")
    assert AccessLog.objects.filter(user=officer, action=AccessLog.Action.DENIED).exists()
    page = client.get(reverse("admin:accounts_user_change", args=[counsellor.pk])).content.decode()
    assert "password" not in page.split('id="user_form"', 1)[-1].split("</form>", 1)[0].lower() or "pbkdf2" not in page


def test_an_officer_sends_a_reset_link_instead(
    client_for, officer, counsellor, mailoutbox, django_capture_on_commit_callbacks
):
    counsellor.set_password("an-old-password-123")
    counsellor.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post(
            reverse("admin:accounts_user_changelist"),
            {"action": "send_password_link", "_selected_action": [counsellor.pk]},
        )
    assert mailoutbox[-1].to == [counsellor.email]
    assert "/accounts/password/reset/" in mailoutbox[-1].body or "reset" in mailoutbox[-1].body


def test_an_account_added_in_the_admin_has_no_password_the_officer_knows(
    client_for, officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            reverse("admin:accounts_user_add"),
            {
                "email": "new@iom.ge",
                "full_name": "ახალი თანამშრომელი",
                "preferred_language": "ka",
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new@iom.ge")
    assert not user.has_usable_password()
    assert mailoutbox[-1].to == ["new@iom.ge"]
