"""My work: every list shows its first rows and links to the whole list, paginated."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegration.tests.factories import FollowUpFactory, case_at
from reintegration.worklist import WORK_LIST_SIZE

pytestmark = pytest.mark.django_db


def test_overdue_follow_ups_show_the_first_ten_then_see_all_lists_every_one(client_for, counsellor, world):
    today = timezone.localdate()
    case = case_at(world.hub_a, counsellor)
    for days in range(1, WORK_LIST_SIZE + 3):  # 12 overdue, the oldest first
        FollowUpFactory(case=case, due_on=today - datetime.timedelta(days=days), purpose=f"ზარი {days:02d}")
    client = client_for(counsellor)
    page = client.get(reverse("reintegration:my-work"))
    overdue = page.context["overdue"]
    assert [f.purpose for f in overdue["rows"]] == [f"ზარი {d:02d}" for d in range(12, 2, -1)] and overdue["more"]
    body = page.content.decode()
    assert f'href="{reverse("reintegration:my-work-list", args=["overdue"])}"' in body
    assert not page.context["upcoming"]["more"] and 'data-testid="see-all-upcoming"' not in body

    listed = client.get(reverse("reintegration:my-work-list", args=["overdue"]))
    assert [f.purpose for f in listed.context["page"]] == [f"ზარი {d:02d}" for d in range(12, 0, -1)]


def test_a_counsellor_who_leads_no_hub_has_no_team_lists(client_for, counsellor, hub_lead):
    assert client_for(counsellor).get(reverse("reintegration:my-work-list", args=["team-overdue"])).status_code == 404
    assert client_for(hub_lead).get(reverse("reintegration:my-work-list", args=["team-overdue"])).status_code == 200
    assert client_for(hub_lead).get(reverse("reintegration:my-work-list", args=["nothing"])).status_code == 404
