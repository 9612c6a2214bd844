"""Reads for the directory and guides, starting from what the user may see."""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_partner
from hubs.models import Municipality, Region
from reintegration.taxonomy import categories_serving

from .models import GuideEdition, Location, Organization, Phone, ProgramImplementer, ReferralGuide, Service
from .permissions import (
    can_view_directory,
    editions_visible_to,
    guides_visible_to,
    organizations_visible_to,
    services_visible_to,
)

STATE_PROGRAM_KEY = "state-reintegration-programme"


def services_for_directory(*, user) -> QuerySet[Service]:
    return services_visible_to(user).for_list().order_by("category", "name_ka")


def service_for_detail(*, user) -> QuerySet[Service]:
    return services_visible_to(user).for_list()


def organizations_for_list(*, user) -> QuerySet[Organization]:
    return organizations_visible_to(user).prefetch_related("services", "phones").order_by("name_ka")


def services_for_need(*, user, need: str, municipality: Municipality | None) -> QuerySet[Service]:
    """Active services that reach where the person lives, of the need's category and then of the
    categories that also serve it (reintegration.taxonomy.SERVED_ALSO_BY)."""
    categories = categories_serving(need)
    services = services_visible_to(user).active().filter(category__in=categories)
    if municipality is not None:
        services = services.covering_municipality(municipality)
    exact_first = Case(When(category=need, then=Value(0)), default=Value(1), output_field=IntegerField())
    return services.distinct().for_list().order_by(exact_first, "category", "name_ka")


def services_nearby_for_need(*, user, need: str, municipality: Municipality | None) -> QuerySet[Service]:
    """Services for the need (or a related category) elsewhere in the person's region: worth a call."""
    if municipality is None:
        return Service.objects.none()
    here = services_for_need(user=user, need=need, municipality=municipality).values("pk")
    services = services_visible_to(user).active().filter(category__in=categories_serving(need))
    return services.covering_region(municipality.region).exclude(pk__in=here).distinct().for_list().order_by("name_ka")


def state_programme_implementers(*, region: Region | None) -> QuerySet[ProgramImplementer]:
    """The organisations implementing the state reintegration programme in a region."""
    if region is None:
        return ProgramImplementer.objects.none()
    return (
        ProgramImplementer.objects.filter(program__key=STATE_PROGRAM_KEY, regions=region)
        .select_related("organization", "program")
        .prefetch_related("organization__phones")
    )


def guides_for_list(*, user) -> QuerySet[ReferralGuide]:
    return guides_visible_to(user).for_list()


def editions_of(*, user, guide: ReferralGuide) -> QuerySet[GuideEdition]:
    return editions_visible_to(user).filter(guide=guide).select_related("published_by").order_by("-number")


def _phones(phones) -> list[str]:
    return [phone.number for phone in phones]


def _service_entry(service: Service) -> dict:
    return {
        "id": str(service.uuid),
        "category": service.category,
        "name_ka": service.name_ka,
        "name_en": service.name_en,
        "organization_ka": service.organization.name_ka,
        "organization_en": service.organization.name_en,
        "description_ka": service.description_ka,
        "description_en": service.description_en,
        "eligibility_ka": service.eligibility_ka,
        "eligibility_en": service.eligibility_en,
        "application_process_ka": service.application_process_ka,
        "application_process_en": service.application_process_en,
        "documents_ka": service.documents_ka,
        "documents_en": service.documents_en,
        "fees_ka": service.fees_ka,
        "fees_en": service.fees_en,
        "is_free": service.is_free,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "languages": list(service.languages),
        "url": service.url,
        "email": service.email or service.organization.email,
        "phones": _phones(service.phones.all()) + _phones(service.organization.phones.all()),
        "locations": [
            {
                "name_ka": location.name_ka,
                "name_en": location.name_en,
                "address_ka": location.address_ka,
                "address_en": location.address_en,
                "phones": _phones(location.phones.all()),
            }
            for location in service.locations.all()
        ],
        "last_verified_at": service.last_verified_at.date().isoformat() if service.last_verified_at else None,
    }


def edition_unchanged(guide, snapshot: dict | None = None):
    """The latest edition when the region's services are exactly what it froze (publishing now would
    repeat it), else None."""
    latest = guide.editions.order_by("-number").first()
    if latest is None:
        return None
    snapshot = snapshot if snapshot is not None else guide_snapshot(region=guide.region)
    return latest if latest.snapshot.get("services") == snapshot["services"] else None


def guide_snapshot(*, region: Region) -> dict:
    """What a guide edition freezes: the active services reaching the region, and the state programme's
    implementing organisation there."""
    services = (
        Service.objects.active()
        .covering_region(region)
        .select_related("organization")
        .prefetch_related(
            "phones",
            "organization__phones",
            Prefetch("locations", queryset=Location.objects.prefetch_related(Prefetch("phones", Phone.objects.all()))),
        )
        .order_by("category", "name_ka")
    )
    implementers = state_programme_implementers(region=region)
    return {
        "region": {"code": region.code, "name_ka": region.name_ka, "name_en": region.name_en},
        "generated_at": timezone.now().isoformat(),
        "implementers": [
            {"name_ka": i.organization.name_ka, "name_en": i.organization.name_en, "email": i.organization.email}
            for i in implementers
        ],
        "services": [_service_entry(service) for service in services],
    }


# Fields compared between two editions, in the order a reader scans a guide entry.
DIFF_FIELDS = [
    "name_ka",
    "name_en",
    "organization_ka",
    "category",
    "description_ka",
    "eligibility_ka",
    "application_process_ka",
    "documents_ka",
    "fees_ka",
    "is_free",
    "minimum_age",
    "maximum_age",
    "languages",
    "email",
    "phones",
    "locations",
]


def edition_diff(older: GuideEdition, newer: GuideEdition) -> dict:
    """Services added, removed and changed (with the changed fields) from one edition to another."""
    before = {entry["id"]: entry for entry in older.services}
    after = {entry["id"]: entry for entry in newer.services}
    changed = []
    for key in after.keys() & before.keys():
        fields = [f for f in DIFF_FIELDS if before[key].get(f) != after[key].get(f)]
        if fields:
            changes = [{"field": f, "before": before[key].get(f), "after": after[key].get(f)} for f in fields]
            changed.append({"service": after[key], "changes": changes})
    return {
        "added": [after[key] for key in after.keys() - before.keys()],
        "removed": [before[key] for key in before.keys() - after.keys()],
        "changed": sorted(changed, key=lambda item: item["service"]["name_ka"]),
    }


def case_panel_context(case, user) -> dict | None:
    """The referrals panel on the case page: the case's referrals, its needs with a link to matching services,
    and the state programme's implementing organisation for the person's region."""
    from reintegration.selectors import case_assessed_needs

    from .permissions import can_refer, referrals_visible_to

    if not can_view_directory(user) or is_partner(user):
        return None
    municipality = case.beneficiary.municipality if case.beneficiary_id else None
    region = municipality.region if municipality else None
    return {
        "referrals": list(referrals_visible_to(user).filter(case=case).for_list()),
        "needs": sorted(case_assessed_needs(case), key=lambda need: (need.dimension, need.need)),
        # The panel names the organisations only: their phones are not read.
        "implementers": list(state_programme_implementers(region=region).prefetch_related(None)),
        "can_refer": can_refer(user, case),
    }


def referrals_awaiting_answer(user) -> int:
    """Sent referrals the provider has not answered yet, in the user's scope (a home-page count)."""
    from .models import Referral
    from .permissions import referrals_visible_to

    return referrals_visible_to(user).filter(status=Referral.Status.SENT).count()


def consent_provider_choices(user) -> list[tuple[str, str]]:
    """The directory's organisations a sharing consent may name (registered in reintegration.providers):
    the stored value is the Georgian name, which `has_sharing_consent` matches the referral against."""
    return [(org.name_ka, org.name) for org in organizations_visible_to(user).only("name_ka", "name_en")]


def case_timeline_entries(case, user) -> list[dict]:
    """Each referral's steps on the case timeline (registered in reintegration.panels)."""
    from .models import ReferralEvent
    from .permissions import referrals_visible_to

    events = ReferralEvent.objects.filter(referral__in=referrals_visible_to(user).filter(case=case)).select_related(
        "referral__service", "actor"
    )
    return [
        {
            "at": event.at,
            "seq": event.pk,
            "kind": _("Referral"),
            "icon": "send",
            "title": f"{event.referral.service.name}: {event.get_to_status_display()}",
            "detail": event.note,
            "by": event.actor,
        }
        for event in events
    ]
