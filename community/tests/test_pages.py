"""Query counts of the community pages at two data sizes, the private photos, and the rules of the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from community.models import Consultation, Idea, InitiativePhoto, Vote, VoteSet
from community.selectors import competition_ranks
from tests.queries import assert_constant_queries

from .factories import (
    ConsultationFactory,
    ExpertAssignmentFactory,
    IdeaFactory,
    InitiativeFactory,
    PriorityFactory,
    TrancheFactory,
    community_cycle,
    priorities_round,
    themes,
)
from .test_whole_cycle import png

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def constant(client, url, grow):
    """The first request of a session writes the login time once: count from the second one."""
    client.get(url)
    assert_constant_queries(client, url, grow)


def test_consultation_list_costs_the_same_queries_with_more_consultations(world):
    municipality = world.hub_a.municipality
    ConsultationFactory(municipality=municipality)
    client = _as(world.user("counsellor"))

    def grow():
        for _ in range(4):
            PriorityFactory(consultation=ConsultationFactory(municipality=municipality))

    constant(client, reverse("community:consultation-list"), grow)


def test_idea_list_and_inventory_cost_the_same_queries_with_more_ideas(world):
    municipality = world.hub_a.municipality
    priority = PriorityFactory(consultation=ConsultationFactory(municipality=municipality), retained=True)
    IdeaFactory(priority=priority)

    def grow():
        for status in (Idea.Status.REJECTED, Idea.Status.UNFEASIBLE, Idea.Status.SUBMITTED):
            IdeaFactory(priority=priority, status=status)

    client = _as(world.user("officer"))
    constant(client, reverse("community:idea-list"), grow)
    constant(client, reverse("community:idea-list") + "?inventory=true&kind=infrastructure", grow)


def test_results_and_cycle_pages_cost_the_same_queries_with_more_priorities(world):
    municipality = world.hub_a.municipality
    theme = themes()
    consultation = ConsultationFactory(municipality=municipality, vote_mode=Consultation.VoteMode.INDIVIDUAL)
    consultation.survey_round = priorities_round(municipality, [["roads", "water"]])
    consultation.save()
    PriorityFactory(consultation=consultation, theme=theme["roads"])
    cycle = community_cycle()
    cycle.municipalities.add(municipality)
    client = _as(world.user("officer"))

    def grow():
        for _ in range(2):
            priority = PriorityFactory(consultation=consultation)
            voter = VoteSet.objects.create(
                consultation=consultation, voter=priority.pk, sex="female", age_group="18-29", status="returnee",
                created_by=world.user("counsellor"),
            )  # fmt: skip
            Vote.objects.create(vote_set=voter, priority=priority)

    constant(client, reverse("community:consultation-results", args=[consultation.pk]), grow)
    constant(client, reverse("community:cycle-detail", args=[cycle.pk]), grow)


def test_idea_and_initiative_pages_cost_the_same_queries_with_more_history(world):
    initiative = InitiativeFactory(idea__priority__consultation__municipality=world.hub_a.municipality)
    ExpertAssignmentFactory(idea=initiative.idea, expert=world.user("mentor"))
    TrancheFactory(initiative=initiative, number=1)
    client = _as(world.user("mentor"))

    def grow():
        TrancheFactory(initiative=initiative)
        TrancheFactory(initiative=initiative)

    constant(client, reverse("community:initiative-detail", args=[initiative.pk]), grow)
    constant(client, reverse("community:idea-detail", args=[initiative.idea_id]), grow)


def test_a_photo_is_checked_by_its_content_and_never_served_publicly(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    initiative = InitiativeFactory(idea__priority__consultation__municipality=world.hub_a.municipality)
    ExpertAssignmentFactory(idea=initiative.idea, expert=world.user("mentor"))
    expert = _as(world.user("mentor"))
    url = reverse("community:photo-add", args=[initiative.pk])
    fake = SimpleUploadedFile("roof.png", b"<script>alert(1)</script>", content_type="image/png")
    expert.post(url, {"file": fake})
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (8 * 1024 * 1024), content_type="image/jpeg")
    expert.post(url, {"file": big})
    assert not InitiativePhoto.objects.exists()
    expert.post(url, {"file": png(), "caption": "სახურავი"})
    photo = InitiativePhoto.objects.get()
    assert photo.content_type == "image/png" and photo.file.name.startswith("private/community/")
    assert "roof" not in photo.file.name
    served = expert.get(reverse("community:photo-file", args=[photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["Cache-Control"] == "private, no-store"
    assert (
        _as(world.user("other_hub_counsellor")).get(reverse("community:photo-file", args=[photo.pk])).status_code == 404
    )
    assert Client().get(f"/{settings.MEDIA_URL}{photo.file.name}").status_code in (302, 404)


def test_an_unfeasible_idea_needs_a_reason_and_a_feasible_one_a_checked_cost(world):
    idea = IdeaFactory(priority__consultation__municipality=world.hub_a.municipality)
    officer = _as(world.user("officer"))
    url = reverse("community:idea-feasibility", args=[idea.pk])
    officer.post(url, {"feasible": "no", "note": ""})
    officer.post(url, {"feasible": "yes", "note": "ok"})
    assert Idea.objects.get(pk=idea.pk).status == Idea.Status.SUBMITTED
    officer.post(url, {"feasible": "no", "note": "ნაკვეთი კერძოა"})
    idea.refresh_from_db()
    assert idea.status == Idea.Status.UNFEASIBLE and idea.feasibility_note == "ნაკვეთი კერძოა"
    assert idea.events.filter(to_status="unfeasible").exists()


def test_each_resident_votes_once_with_at_most_the_set_number_of_votes(world):
    consultation = ConsultationFactory(
        municipality=world.hub_a.municipality, vote_mode=Consultation.VoteMode.INDIVIDUAL, votes_per_person=2
    )
    priorities = [PriorityFactory(consultation=consultation) for _ in range(3)]
    client = _as(world.user("counsellor"))
    url = reverse("community:voteset-add", args=[consultation.pk])
    base = {"voter": "17", "sex": "female", "age_group": "30-44", "status": "returnee"}
    client.post(url, base | {"priorities": [p.pk for p in priorities]})  # three votes: one too many
    assert not VoteSet.objects.exists()
    client.post(url, base | {"priorities": [priorities[0].pk, priorities[2].pk]})
    client.post(url, base | {"priorities": [priorities[1].pk]})  # the same resident again
    assert VoteSet.objects.count() == 1 and Vote.objects.count() == 2
    ranks = client.get(reverse("community:consultation-results", args=[consultation.pk])).context["results"]
    assert [r.votes for r in ranks] == [1, 1, 0] and [r.rank for r in ranks] == [1, 1, 3]


def test_ties_share_a_rank():
    assert competition_ranks([9, 7, 7, 3]) == [1, 2, 2, 4]


def test_an_idea_answers_a_retained_priority_only(world):
    cycle = community_cycle()
    municipality = world.hub_a.municipality
    cycle.municipalities.add(municipality)
    open_priority = PriorityFactory(consultation=ConsultationFactory(municipality=municipality))
    page = _as(world.user("counsellor")).post(
        reverse("community:idea-create", args=[cycle.pk]),
        {"title": "x", "kind": "social", "municipality": municipality.pk, "location": "x", "description": "x",
         "applicant": "x", "estimated_cost": "100", "local_cofunding": "0", "municipal_cofunding": "0",
         "priority": open_priority.pk, "female": 1, "male": 0, "age_18_29": 1, "returnees": 1},
    )  # fmt: skip
    assert page.status_code == 200 and not Idea.objects.exists()
