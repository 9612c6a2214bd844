"""The case page's main column in tabs: each tab a real link (?tab=) to the whole page with that tab
open, and with htmx only the tab is fetched; every tab scoped, permitted and logged like the page."""

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from reintegration import panels
from reintegration.tests.factories import (
    AssessedNeedFactory,
    FollowUpFactory,
    NeedAssessmentFactory,
    SessionFactory,
    case_at,
)

pytestmark = pytest.mark.django_db

TABS = ["overview", "sessions", "referrals", "timeline"]
HTMX = {"HX-Request": "true"}


@pytest.fixture
def case(world, counsellor):
    case = case_at(world.hub_a, counsellor)
    AssessedNeedFactory(assessment=NeedAssessmentFactory(case=case, notes="შეფასების შენიშვნა"), need="housing")
    SessionFactory(case=case, counsellor=counsellor, topics="სამუშაოს ძიება")
    FollowUpFactory(case=case, purpose="სატელეფონო ზარი")
    return case


def _url(case, tab=None):
    return case.get_absolute_url() + (f"?tab={tab}" if tab else "")


def _active_tabs(body: str) -> list[str]:
    """The tabs whose link says it is the current one (aria-current) and looks it (active)."""
    links = body.split('<a class="nav-link')[1:]
    return [
        link.split('data-testid="case-tab-')[1].split('"')[0]
        for link in links
        if 'aria-current="page"' in link.split(">")[0] and link.startswith(" active")
    ]


def test_the_page_opens_on_the_overview_with_a_link_to_every_tab(client_for, counsellor, case):
    body = client_for(counsellor).get(case.get_absolute_url()).content.decode()
    for name in TABS:
        assert f'data-testid="case-tab-{name}"' in body
        assert f'hx-get="{_url(case, name)}"' in body
    for name in TABS[1:]:
        assert f'href="{_url(case, name)}"' in body  # works without JavaScript, bookmarkable
    assert _active_tabs(body) == ["overview"]
    assert 'data-testid="follow-ups"' in body and "სატელეფონო ზარი" in body  # the overview's sections
    assert 'data-testid="timeline"' not in body and "სამუშაოს ძიება" not in body  # other tabs' are not there
    assert 'data-testid="vulnerabilities"' in body and 'data-testid="consents"' in body  # the person's column


def test_the_timeline_tab_shows_the_timeline_and_marks_its_link(client_for, counsellor, case):
    body = client_for(counsellor).get(_url(case, "timeline")).content.decode()
    assert _active_tabs(body) == ["timeline"]
    timeline = body.split('data-testid="timeline"')[1]
    assert "შეფასების შენიშვნა" in timeline and "სამუშაოს ძიება" in timeline
    assert 'data-testid="follow-ups"' not in body
    assert 'data-testid="vulnerabilities"' in body  # the person's column is on every full page


def test_the_sessions_tab_lists_the_sessions(client_for, counsellor, case):
    body = client_for(counsellor).get(_url(case, "sessions")).content.decode()
    assert _active_tabs(body) == ["sessions"]
    assert "სამუშაოს ძიება" in body and 'data-testid="add-session"' in body
    assert 'data-testid="follow-ups"' not in body


def test_the_referrals_tab_holds_the_panels_of_other_apps(client_for, counsellor, case):
    body = client_for(counsellor).get(_url(case, "referrals")).content.decode()
    assert _active_tabs(body) == ["referrals"]
    assert 'data-testid="referrals-panel"' in body and 'data-testid="rss-panel"' in body
    overview = client_for(counsellor).get(case.get_absolute_url()).content.decode()
    assert 'data-testid="referrals-panel"' not in overview and 'data-testid="rss-panel"' not in overview


@pytest.mark.parametrize("tab", TABS)
def test_htmx_gets_only_the_tab(client_for, counsellor, case, tab):
    response = client_for(counsellor).get(_url(case, tab), headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'data-testid="vulnerabilities"' not in body and '<nav class="navbar' not in body
    assert body.lstrip().startswith('<div id="case-tabs"') and f'data-tab="{tab}"' in body
    assert _active_tabs(body) == [tab]
    assert "HX-Request" in response["Vary"]  # a cached tab never stands in for the page


def test_htmx_restoring_history_gets_the_whole_page(client_for, counsellor, case):
    headers = HTMX | {"HX-History-Restore-Request": "true"}
    body = client_for(counsellor).get(_url(case, "timeline"), headers=headers).content.decode()
    assert "<html" in body and _active_tabs(body) == ["timeline"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_an_unknown_tab_is_the_overview(client_for, counsellor, case, headers):
    body = client_for(counsellor).get(_url(case, "bogus"), headers=headers).content.decode()
    assert _active_tabs(body) == ["overview"]
    assert 'data-testid="follow-ups"' in body and 'data-testid="timeline"' not in body


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
@pytest.mark.parametrize("tab", TABS)
def test_every_tab_is_scoped_and_logged_like_the_page(client_for, counsellor, world, case, tab, headers):
    outsider = world.user("other_hub_counsellor")
    assert client_for(outsider).get(_url(case, tab), headers=headers).status_code == 404
    assert AccessLog.objects.filter(user=outsider, action="denied", object_id=str(case.pk)).count() == 1
    assert client_for(counsellor).get(_url(case, tab), headers=headers).status_code == 200
    assert AccessLog.objects.filter(user=counsellor, action="view", object_id=str(case.pk)).count() == 1


def test_a_panel_is_read_only_on_its_own_tab(client_for, counsellor, case):
    calls = []

    def context(c, user):
        calls.append(c.pk)
        return {"conflict": {"changes": [{"field": "panel-on-the-timeline", "before": "", "now": ""}]}}

    name = "reintegration/_conflict.html"
    panels.register_case_panel(name, get_context=context, order=45, tab="timeline")
    try:
        client = client_for(counsellor)
        overview = client.get(case.get_absolute_url()).content.decode()
        referrals = client.get(_url(case, "referrals")).content.decode()
        assert calls == []
        timeline = client.get(_url(case, "timeline"), headers=HTMX).content.decode()
    finally:
        panels.unregister_case_panel(name)
    assert calls == [case.pk]
    assert "panel-on-the-timeline" in timeline
    assert "panel-on-the-timeline" not in overview + referrals


def test_the_tabs_are_on_the_case_page_of_every_reader(client_for, officer, hub_lead, case):
    for user in (officer, hub_lead):
        body = client_for(user).get(reverse("reintegration:case-detail", args=[case.pk])).content.decode()
        assert _active_tabs(body) == ["overview"]
