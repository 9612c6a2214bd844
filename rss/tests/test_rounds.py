"""Rounds on the case: baseline and follow-ups, the panel with its trend, plan suggestions, my work."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegration.models import Case, PlanGoal
from reintegration.tests.factories import case_at
from rss import services
from rss.models import Round
from rss.tests.factories import answers_all, hand_version, provisional, scored_case
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

ALL = ["e1a", "e1b", "e2a", "s1a", "s1b", "p1a", "p2a"]


def every(option: str) -> dict:
    return dict.fromkeys(ALL, option)


def _post_answers(answers: dict, day: datetime.date) -> dict:
    return {"conducted_on": day.isoformat()} | {f"q_{code}": option or "" for code, option in answers.items()}


def test_a_counsellor_enters_the_baseline_and_the_follow_ups_are_scheduled(client_for, counsellor, world, tmp_path):
    hand_version(tmp_path)
    case = case_at(world.hub_a, counsellor)
    answers = {"e1a": "full", "e1b": "half", "e2a": "quarter", "s1a": "half", "s1b": "", "p1a": "none", "p2a": "full"}
    response = client_for(counsellor).post(
        reverse("rss:baseline-add", args=[case.pk]), _post_answers(answers, datetime.date(2026, 3, 2))
    )
    baseline = Round.objects.get(case=case, kind="baseline")
    assert response.status_code == 302 and response["Location"] == baseline.get_absolute_url()
    assert baseline.status == "completed" and baseline.entered_by == counsellor
    assert baseline.composite == Decimal("0.5750") and baseline.scores["economic"] == "0.5500"
    assert baseline.inputs["s1b"] is None and baseline.version.name == "hand"
    scheduled = list(case.rss_rounds.filter(status="scheduled").values_list("month", "due_on"))
    assert scheduled == [
        (3, datetime.date(2026, 6, 2)),
        (6, datetime.date(2026, 9, 2)),
        (12, datetime.date(2027, 3, 2)),
    ]
    assert not PlanGoal.objects.filter(case=case).exists()  # suggestions are never written on their own


def test_a_second_baseline_is_refused_and_a_double_submission_is_harmless(world, counsellor, tmp_path):
    version = hand_version(tmp_path)
    case, (baseline,) = scored_case(world.hub_a, counsellor, version, [every("half")])
    again = services.baseline_record(case=case, answers=baseline.inputs, acting_user=counsellor)
    assert again.pk == baseline.pk and Round.objects.filter(case=case, kind="baseline").count() == 1
    with pytest.raises(ValidationError):
        services.baseline_record(case=case, answers=every("full"), acting_user=counsellor)


def test_only_the_case_hub_staff_enter_rounds(world, tmp_path):
    hand_version(tmp_path)
    case = case_at(world.hub_a, world.user("counsellor"))
    for persona in ["other_hub_counsellor", "officer", "partner"]:
        with pytest.raises(PermissionDenied):
            services.baseline_record(case=case, answers=every("full"), acting_user=world.user(persona))
    closed = case_at(world.hub_a, world.user("counsellor"), status=Case.Status.CLOSED)
    with pytest.raises(PermissionDenied):
        services.baseline_record(case=closed, answers=every("full"), acting_user=world.user("counsellor"))


def test_an_unknown_answer_or_a_future_date_is_refused(world, counsellor, tmp_path):
    hand_version(tmp_path)
    case = case_at(world.hub_a, counsellor)
    with pytest.raises(ValidationError):
        services.baseline_record(case=case, answers={"e1a": "bogus"}, acting_user=counsellor)
    with pytest.raises(ValidationError):
        services.baseline_record(
            case=case, answers=every("full"), acting_user=counsellor, conducted_on=datetime.date(2099, 1, 1)
        )
    assert not Round.objects.filter(case=case).exists()


def test_the_case_page_shows_the_trend_across_three_rounds(client_for, counsellor, world, tmp_path):
    version = hand_version(tmp_path)
    case, rounds = scored_case(world.hub_a, counsellor, version, [every("none"), every("quarter"), every("half")])
    body = client_for(counsellor).get(case.get_absolute_url() + "?tab=referrals").content.decode()
    assert 'data-testid="rss-panel"' in body and 'data-testid="rss-trend"' in body
    assert "vendor/chart.js/chart.umd.min.js" in body and "rss/charts.js" in body
    chart = body.split('id="rss-chart-data" type="application/json">')[1].split("</script>")[0]
    assert '"values": [0.0, 0.25, 0.5]' in chart  # the composite's trend, in order
    assert [r.month for r in rounds] == [0, 3, 6]


def test_the_panel_says_provisional_when_the_version_is(client_for, counsellor, world):
    version = provisional()
    case, _ = scored_case(world.hub_a, counsellor, version, [answers_all(version)])
    body = client_for(counsellor).get(case.get_absolute_url() + "?tab=referrals").content.decode()
    assert 'data-testid="rss-provisional"' in body
    round_page = client_for(counsellor).get(case.rss_rounds.get(kind="baseline").get_absolute_url()).content.decode()
    assert 'data-testid="rss-provisional"' in round_page


def test_a_counsellor_enters_a_scheduled_follow_up(client_for, counsellor, world, tmp_path):
    version = hand_version(tmp_path)
    case, _ = scored_case(world.hub_a, counsellor, version, [every("quarter")])
    scheduled = case.rss_rounds.get(month=3)
    response = client_for(counsellor).post(
        reverse("rss:round-enter", args=[scheduled.pk]), _post_answers(every("full"), datetime.date(2026, 4, 20))
    )
    scheduled.refresh_from_db()
    assert response.status_code == 302
    assert scheduled.status == "completed" and scheduled.composite == Decimal("1.0000")
    assert scheduled.conducted_on == datetime.date(2026, 4, 20)


def test_the_weakest_dimension_suggests_goals_which_the_counsellor_accepts(client_for, counsellor, world, tmp_path):
    version = hand_version(tmp_path)
    answers = {"e1a": "full", "e1b": "full", "e2a": "full", "s1a": "full", "p1a": "none", "p2a": "quarter"}
    case, (baseline,) = scored_case(world.hub_a, counsellor, version, [answers])
    body = client_for(counsellor).get(case.get_absolute_url() + "?tab=referrals").content.decode()
    assert 'data-testid="rss-suggestions"' in body
    # psychosocial is weakest (0.25*0 + 0.75*0.25 = 0.1875); p1 (0) comes before p2 (0.25)
    assert body.index('data-testid="accept-p1"') < body.index('data-testid="accept-p2"')
    assert 'data-testid="accept-e1"' not in body
    assert not PlanGoal.objects.filter(case=case).exists()
    url = reverse("rss:suggestion-accept", args=[baseline.pk, "p1"])
    assert client_for(counsellor).post(url).status_code == 302
    client_for(counsellor).post(url)  # a double click adds nothing
    goal = PlanGoal.objects.get(case=case)
    assert (goal.dimension, goal.created_by, goal.description) == ("psychosocial", counsellor, "ჯგუფი")
    body = client_for(counsellor).get(case.get_absolute_url() + "?tab=referrals").content.decode()
    assert 'data-testid="accept-p1"' not in body and 'data-testid="accept-p2"' in body


def test_follow_up_rounds_appear_in_my_work_and_the_timeline(client_for, counsellor, world, tmp_path):
    version = hand_version(tmp_path)
    case, _ = scored_case(world.hub_a, counsellor, version, [every("half")], start=datetime.date(2026, 5, 1))
    body = client_for(counsellor).get(reverse("reintegration:my-work")).content.decode()
    assert 'data-testid="other-tasks"' in body
    assert reverse("rss:round-enter", args=[case.rss_rounds.get(month=3).pk]) in body
    assert reverse("rss:round-enter", args=[case.rss_rounds.get(month=12).pk]) not in body  # not due yet
    case_page = client_for(counsellor).get(case.get_absolute_url() + "?tab=timeline").content.decode()
    assert case.rss_rounds.get(kind="baseline").get_absolute_url() in case_page.split('data-testid="timeline"')[1]


def test_officers_see_scores_but_not_the_answers(client_for, officer, counsellor, world, tmp_path):
    version = hand_version(tmp_path)
    _, (baseline,) = scored_case(world.hub_a, counsellor, version, [every("half")])
    officer_page = client_for(officer).get(baseline.get_absolute_url()).content.decode()
    scores = officer_page.split('data-testid="rss-round-scores"')[1].split("</dl>")[0]
    assert scores.count("0,50") + scores.count("0.50") == 4
    assert "ძილი?" not in officer_page and "Sleep?" not in officer_page
    staff_page = client_for(counsellor).get(baseline.get_absolute_url()).content.decode()
    assert "ძილი?" in staff_page


def test_the_round_pdf_names_the_version_and_says_provisional(client_for, counsellor, world):
    from io import BytesIO

    from pypdf import PdfReader

    version = provisional()
    _, (baseline,) = scored_case(world.hub_a, counsellor, version, [answers_all(version)])
    response = client_for(counsellor).get(reverse("rss:round-pdf", args=[baseline.pk]))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert "წინასწარი ვერსია" in text or "provisional" in text.lower()


def test_the_case_page_costs_the_same_queries_with_more_rounds(client_for, counsellor, world, tmp_path):
    version = hand_version(tmp_path)
    case, _ = scored_case(world.hub_a, counsellor, version, [every("none"), every("half")])

    def grow():
        scheduled = case.rss_rounds.filter(status="scheduled").order_by("month").first()
        services.follow_up_record(
            round=scheduled, answers=every("quarter"), acting_user=counsellor, conducted_on=datetime.date(2026, 10, 1)
        )

    for tab in ("referrals", "timeline"):  # the tabs that show the rounds
        assert_constant_queries(client_for(counsellor), f"{case.get_absolute_url()}?tab={tab}", grow)


def test_the_round_page_costs_the_same_queries_whatever_the_data(client_for, counsellor, world, tmp_path):
    version = hand_version(tmp_path)
    _, (baseline,) = scored_case(world.hub_a, counsellor, version, [every("half")])
    assert_constant_queries(
        client_for(counsellor),
        baseline.get_absolute_url(),
        lambda: scored_case(world.hub_a, counsellor, version, [every("none"), every("full")]),
    )
