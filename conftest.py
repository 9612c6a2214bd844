"""Root fixtures: the personas of the house style, and a world they live in.

counsellor and hub_lead work at hub A; other_hub_counsellor at hub B; officer and partner hold
programme memberships. mentor, committee_member and conflicted_member are signed-in accounts whose
memberships the grants app attaches (until then they hold no role).
"""

from dataclasses import dataclass, field

import pytest

from accounts.tests import factories as account_factories
from hubs.tests import factories as hub_factories

PERSONAS = [
    "anonymous",
    "counsellor",
    "other_hub_counsellor",
    "hub_lead",
    "officer",
    "mentor",
    "committee_member",
    "conflicted_member",
    "partner",
]


@dataclass
class World:
    hub_a: object
    hub_b: object
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def user(self, persona: str):
        return self.users.get(persona)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _two_factor_off(settings):
    """Personas sign in with force_login; accounts/tests/test_two_factor.py turns the requirement on."""
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def _session_renewal_untimed(settings):
    """A query count must not depend on how long a test's setup took: the session is renewed at login
    only (accounts/tests/test_auth.py puts the one-minute interval back to test the renewal)."""
    settings.SESSION_RENEWAL_INTERVAL = 24 * 60 * 60


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded and generated files go to one temporary folder for the whole run, never into the
    checkout's media/: worlds built once per module (the URL matrix) keep their files for every test."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True, scope="session")
def _celery_eager():
    """Tests run tasks in-process; the Redis worker test switches this off for itself."""
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """The personas and their hubs (the URL matrix builds this once per module)."""
    hub_a = hub_factories.HubFactory(code="AAA", name_ka="ჰაბი ა", name_en="Hub A")
    hub_b = hub_factories.HubFactory(code="BBB", name_ka="ჰაბი ბ", name_en="Hub B")
    w = World(hub_a=hub_a, hub_b=hub_b)
    w.users = {
        "anonymous": None,
        "counsellor": hub_factories.counsellor_of(hub_a, user__email="counsellor@a.ge", user__full_name="ნინო ბერიძე"),
        "other_hub_counsellor": hub_factories.counsellor_of(hub_b, user__email="counsellor@b.ge"),
        "hub_lead": hub_factories.hub_lead_of(hub_a, user__email="lead@a.ge"),
        "officer": account_factories.officer(user__email="officer@iom.ge", user__preferred_language="en"),
        "mentor": account_factories.UserFactory(email="mentor@example.ge"),
        "committee_member": account_factories.UserFactory(email="member@example.ge"),
        "conflicted_member": account_factories.UserFactory(email="conflicted@example.ge"),
        "partner": account_factories.partner(user__email="partner@sdc.ch"),
    }
    return w


def _persona_fixture(name):
    @pytest.fixture(name=name)
    def _fixture(world):
        return world.user(name)

    return _fixture


for _name in PERSONAS:
    globals()[_name] = _persona_fixture(_name)


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user (or anonymous for None)."""

    def make(user):
        if user is not None:
            client.force_login(user)
        return client

    return make
