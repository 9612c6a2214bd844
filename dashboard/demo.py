"""Demo data for a local run: an account for every role, built through the factories."""

from django.db import transaction

from accounts.models import User
from accounts.roles import Role, roles_of
from accounts.tests.factories import MembershipFactory, UserFactory
from dashboard.registry import app_hooks
from hubs.models import Hub
from hubs.tests.factories import HubMembershipFactory

DEMO_PASSWORD = "demo-hubs-2026"


def _account(email: str, language: str = "ka") -> User:
    user = UserFactory(email=email, preferred_language=language)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_seed(*, if_empty: bool = False) -> bool:
    """Create the demo accounts and data (idempotent). False when skipped."""
    if if_empty and User.objects.exists():
        return False
    for _app, load in app_hooks("services", "reference_load"):
        load()
    for email, role, language in [
        ("officer@demo.ge", Role.OFFICER, "en"),
        ("partner@demo.ge", Role.PARTNER, "en"),
    ]:
        user = _account(email, language)
        if not user.memberships.filter(role=role).exists():
            MembershipFactory(user=user, role=role, organisation="IOM Georgia" if role == Role.OFFICER else "SDC")
    for hub in Hub.objects.order_by("code"):
        for prefix, role in [("lead", Role.HUB_LEAD), ("counsellor", Role.COUNSELLOR)]:
            email = f"{prefix}.{hub.code.lower()}@demo.ge"
            user = _account(email)
            if not user.hub_memberships.filter(hub=hub).exists():
                HubMembershipFactory(user=user, hub=hub, role=role)
    for _app, seed in app_hooks("demo", "seed"):
        seed()
    return True


def demo_logins() -> list[tuple[str, str]]:
    """(email, roles) for every demo account (any *demo.ge address), officers and partners first."""
    users = User.objects.filter(email__endswith="demo.ge").prefetch_related("hub_memberships__hub")
    logins = []
    for user in users.order_by("email"):
        hub_roles = {(m.role, m.hub.code) for m in user.hub_memberships.all()}
        labels = [f"{Role(role).label} · {code}" for role, code in sorted(hub_roles)]
        labels += [str(Role(role).label) for role in sorted(roles_of(user)) if role not in {r for r, _ in hub_roles}]
        logins.append((user.email, ", ".join(labels)))
    return sorted(logins, key=lambda login: (not login[0].startswith(("officer", "partner")), login[0]))
