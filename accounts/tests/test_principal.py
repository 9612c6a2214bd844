"""One principal per request: memberships are read once, nothing is kept on the user object."""

import pathlib

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.permissions import has_role, is_hub_staff, is_officer
from accounts.principal import Principal, PrincipalMiddleware, acting_as, principal_of
from accounts.roles import Role, role_providers, roles_of
from hubs.permissions import hub_ids_of, hubs_visible_to, is_hub_lead_of
from hubs.tests.factories import HubFactory, counsellor_of


def _user_state(user) -> set[str]:
    return set(vars(user))


def test_inside_a_bound_scope_every_predicate_reads_one_principal_and_memberships_once(hub_lead, world):
    with acting_as(hub_lead) as principal:
        with CaptureQueriesContext(connection) as first:
            assert is_hub_lead_of(hub_lead, world.hub_a)
            assert Role.HUB_LEAD in roles_of(hub_lead)
        with CaptureQueriesContext(connection) as again:
            assert not is_officer(hub_lead)
            assert is_hub_staff(hub_lead)
            assert hub_ids_of(hub_lead, Role.HUB_LEAD) == {world.hub_a.pk}
            assert principal_of(hub_lead) is principal
    # Every provider's memberships come in one query (a UNION ALL), and nothing is read again.
    assert len(first) == 1
    assert len(again) == 0


def test_every_role_provider_is_read_in_the_one_memberships_query():
    assert [key for key, provider in role_providers().items() if provider.rows is None] == []


def test_predicates_leave_nothing_on_the_user_object(counsellor, world):
    before = _user_state(counsellor)
    assert hub_ids_of(counsellor) == {world.hub_a.pk}
    assert list(hubs_visible_to(counsellor)) == [world.hub_a]
    assert has_role(counsellor, Role.COUNSELLOR)
    assert _user_state(counsellor) == before


def test_outside_a_bound_scope_a_new_membership_counts_at_once(world):
    hub = HubFactory()
    user = counsellor_of(world.hub_a)
    assert hub_ids_of(user) == {world.hub_a.pk}
    counsellor_of(hub, user=user)
    assert hub_ids_of(user) == {world.hub_a.pk, hub.pk}


def test_the_middleware_binds_request_principal_for_the_signed_in_user(officer):
    seen = {}

    def view(request):
        seen["same"] = principal_of(request.user) is request.principal
        seen["officer"] = is_officer(request.user)
        return None

    request = RequestFactory().get("/")
    request.user = officer
    PrincipalMiddleware(view)(request)
    assert seen == {"same": True, "officer": True}
    assert isinstance(request.principal, Principal)
    # After the request nothing stays bound: another call builds a fresh principal.
    assert principal_of(officer) is not request.principal


def test_another_users_predicates_in_a_request_use_that_users_memberships(counsellor, officer, world):
    with acting_as(officer):
        assert is_officer(officer)
        assert not is_officer(counsellor)
        assert hub_ids_of(counsellor) == {world.hub_a.pk}


def test_anonymous_and_inactive_people_hold_nothing(counsellor, world):
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(AnonymousUser()) == frozenset()
    counsellor.is_active = False
    assert roles_of(counsellor) == frozenset()
    assert hub_ids_of(counsellor) == frozenset()


def test_no_app_keeps_a_permission_cache_on_the_user_object():
    root = pathlib.Path(__file__).resolve().parents[2]
    needles = ("_roles_cache", "_hub_ids_cache", "_grants_cache", "_survey_municipality_cache", "forget_roles")
    offenders = []
    for path in root.glob("*/**/*.py"):
        if ".venv" in path.parts or "node_modules" in path.parts or path.name == "test_principal.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(root)}: {needle}" for needle in needles if needle in text]
        if "user.__dict__" in text:
            offenders.append(f"{path.relative_to(root)}: user.__dict__")
    assert offenders == []


def test_a_deployment_whose_sessions_sit_in_one_process_cache_is_warned(settings):
    from accounts.checks import shared_cache_for_sessions

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [message.id for message in shared_cache_for_sessions(None)] == ["accounts.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert shared_cache_for_sessions(None) == []


def test_a_page_view_reads_no_session_row_once_the_session_is_cached(client, counsellor):
    from django.urls import reverse

    client.force_login(counsellor)
    client.get(reverse("dashboard:home"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard:home")).status_code == 200
    assert not [q for q in captured if "django_session" in q["sql"]]
    # Signing out ends the session everywhere: the next request is anonymous.
    session_key = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    from django.contrib.sessions.backends.cached_db import SessionStore

    assert not SessionStore(session_key=session_key).exists(session_key)
