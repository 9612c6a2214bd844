"""Ending an expert's assignment on a shortlisted idea and handing it to a new expert, through the pages."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.roles import Role, roles_of
from accounts.tests.factories import UserFactory
from community.models import ExpertAssignment, Idea, IdeaEvent

from .factories import ExpertAssignmentFactory, IdeaFactory, IdeaPlanFactory

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shortlisted(world):
    idea = IdeaFactory(priority__consultation__municipality=world.hub_a.municipality, status=Idea.Status.SHORTLISTED)
    IdeaPlanFactory(idea=idea, number=1)
    assignment = ExpertAssignmentFactory(idea=idea, expert=world.user("mentor"), field="სამშენებლო")
    return idea, assignment


def _end_url(idea, assignment) -> str:
    return reverse("community:expert-end", args=[idea.pk, assignment.pk])


def test_the_confirmation_page_names_the_expert_and_what_ending_means(world, shortlisted):
    idea, assignment = shortlisted
    response = _as(world.user("officer")).get(_end_url(idea, assignment))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="end-confirmation"' in page and assignment.expert.full_name in page
    assert 'data-testid="confirm-end"' in page
    assert ExpertAssignment.objects.get(pk=assignment.pk).is_active  # a GET ends nothing


def test_ending_an_assignment_needs_a_reason(world, shortlisted):
    idea, assignment = shortlisted
    response = _as(world.user("officer")).post(_end_url(idea, assignment), {"reason": "  "})
    assert response.status_code == 200
    assert ExpertAssignment.objects.get(pk=assignment.pk).is_active


def test_the_ended_expert_loses_the_idea_at_once_and_the_history_is_kept(world, shortlisted):
    idea, assignment = shortlisted
    mentor = world.user("mentor")
    expert = _as(mentor)
    assert expert.get(reverse("community:meeting-add", args=[idea.pk])).status_code == 200
    assert Role.MENTOR in roles_of(mentor)

    response = _as(world.user("officer")).post(_end_url(idea, assignment), {"reason": "ავად გახდა"})

    assert response.status_code == 302 and response["Location"] == reverse("community:idea-detail", args=[idea.pk])
    ended = ExpertAssignment.objects.get(pk=assignment.pk)
    assert not ended.is_active and ended.end_date == timezone.localdate()
    assert (ended.end_reason, ended.ended_by) == ("ავად გახდა", world.user("officer"))
    event = IdeaEvent.objects.get(idea=idea, action="expert_ended")
    assert "ავად გახდა" in event.note
    # Ended today, yet gone now: not at midnight.
    assert expert.get(reverse("community:idea-detail", args=[idea.pk])).status_code == 404
    assert expert.get(reverse("community:meeting-add", args=[idea.pk])).status_code == 404
    assert expert.get(reverse("community:idea-list")).status_code == 403
    assert Role.MENTOR not in roles_of(type(mentor).objects.get(pk=mentor.pk))
    # The ended assignment cannot be ended twice through the page.
    assert _as(world.user("officer")).get(_end_url(idea, assignment)).status_code == 404
    page = _as(world.user("officer")).get(reverse("community:idea-detail", args=[idea.pk])).content.decode()
    assert "ავად გახდა" in page and mentor.full_name in page


def test_ending_with_a_successor_hands_the_idea_to_the_new_expert(
    world, shortlisted, mailoutbox, django_capture_on_commit_callbacks
):
    idea, assignment = shortlisted
    successor = UserFactory(full_name="ნინო ბერიძე", email="nino@example.ge")
    officer = _as(world.user("officer"))
    data = {"reason": "სხვა პროექტზე გადავიდა", "successor": successor.pk, "field": "ინჟინერი"}

    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(_end_url(idea, assignment), data)

    assert response.status_code == 302
    assignments = list(ExpertAssignment.objects.filter(idea=idea).order_by("pk"))
    assert [a.expert for a in assignments] == [world.user("mentor"), successor]
    assert [a.is_active for a in assignments] == [False, True]
    assert assignments[1].field == "ინჟინერი"
    assert list(IdeaEvent.objects.filter(idea=idea).order_by("pk").values_list("action", flat=True)) == [
        "expert_ended",
        "expert",
    ]
    assert sorted(to for mail in mailoutbox for to in mail.to) == sorted([world.user("mentor").email, successor.email])
    new = _as(successor)
    assert new.get(reverse("community:meeting-add", args=[idea.pk])).status_code == 200
    assert _as(world.user("mentor")).get(reverse("community:idea-detail", args=[idea.pk])).status_code == 404


def test_the_successor_must_be_another_person(world, shortlisted):
    idea, assignment = shortlisted
    data = {"reason": "x", "successor": world.user("mentor").pk}
    response = _as(world.user("officer")).post(_end_url(idea, assignment), data)
    with translation.override("ka"):
        refusal = gettext("Choose a different expert to take over.")
    assert response.status_code == 200 and refusal in response.content.decode()
    assert ExpertAssignment.objects.get(pk=assignment.pk).is_active
    assert ExpertAssignment.objects.filter(idea=idea).count() == 1


def test_assigning_a_new_expert_on_the_assign_page_ends_the_earlier_one_at_once(world, shortlisted):
    idea, assignment = shortlisted
    successor = UserFactory()
    officer = _as(world.user("officer"))
    response = officer.post(reverse("community:expert-assign", args=[idea.pk]), {"expert": successor.pk})
    assert response.status_code == 302
    assert not ExpertAssignment.objects.get(pk=assignment.pk).is_active
    assert ExpertAssignment.objects.get(idea=idea, expert=successor).is_active
    assert _as(world.user("mentor")).get(reverse("community:idea-detail", args=[idea.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["counsellor", "hub_lead", "mentor"])
def test_only_officers_end_an_assignment(world, shortlisted, persona):
    idea, assignment = shortlisted
    response = _as(world.user(persona)).post(_end_url(idea, assignment), {"reason": "x"})
    assert response.status_code == 403
    assert ExpertAssignment.objects.get(pk=assignment.pk).is_active


def test_an_expert_is_not_changed_once_the_idea_is_rejected(world, shortlisted):
    idea, assignment = shortlisted
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.REJECTED)
    response = _as(world.user("officer")).post(_end_url(idea, assignment), {"reason": "x"})
    assert response.status_code == 403
    assert ExpertAssignment.objects.get(pk=assignment.pk).is_active
