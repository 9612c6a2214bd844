"""Writes for the service directory and the referral guides."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from hubs.models import Municipality, Region

from .. import reference
from ..models import (
    Coverage,
    GuideEdition,
    Location,
    Organization,
    Phone,
    Program,
    ProgramImplementer,
    ReferralGuide,
    Service,
)
from ..permissions import can_manage_directory, can_publish_guide, can_verify_service
from ..selectors import edition_unchanged, guide_snapshot

# Reference entries get stable HSDS identifiers derived from their keys, the same on every install.
HSDS_NAMESPACE = uuid.UUID("5d0f3c1e-2b7a-4c39-9a57-7f3b1e0c9d21")


def reference_uuid(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(HSDS_NAMESPACE, f"{kind}:{key}")


@transaction.atomic
def organization_save(*, organization: Organization, acting_user) -> Organization:
    """Create or change an organisation (officers)."""
    authorize(can_manage_directory(acting_user))
    organization.full_clean()
    organization.save()
    return organization


def _set_phones(*, numbers, **owner) -> None:
    """Keep the owner's phone rows equal to ``numbers`` (in order), keeping the rows that stay."""
    existing = {phone.number: phone for phone in Phone.objects.filter(**owner)}
    for number, phone in existing.items():
        if number not in numbers:
            phone.delete()
    for number in numbers:
        if number not in existing:
            Phone.objects.create(number=number, **owner)


@transaction.atomic
def location_save(*, location: Location, acting_user, phones: list[str] | None = None) -> Location:
    """Create or change a location of an organisation (officers)."""
    authorize(can_manage_directory(acting_user))
    location.full_clean()
    location.save()
    if phones is not None:
        _set_phones(numbers=phones, location=location)
    return location


@transaction.atomic
def service_save(
    *, service: Service, acting_user, regions=(), municipalities=(), locations=(), phones: list[str] | None = None
) -> Service:
    """Create or change a service with its coverage, locations and phones (officers)."""
    authorize(can_manage_directory(acting_user))
    if service.pk:
        Service.objects.select_for_update().filter(pk=service.pk).first()
    if service.coverage == Coverage.REGION and not regions:
        raise ValidationError({"regions": _("Choose the regions this service covers.")})
    if service.coverage == Coverage.MUNICIPALITY and not municipalities:
        raise ValidationError({"municipalities": _("Choose the municipalities this service covers.")})
    service.full_clean()
    service.save()
    service.regions.set(regions if service.coverage == Coverage.REGION else [])
    service.municipalities.set(municipalities if service.coverage == Coverage.MUNICIPALITY else [])
    service.locations.set(locations)
    if phones is not None:
        _set_phones(numbers=phones, service=service)
    return service


@transaction.atomic
def service_verify(*, service: Service, acting_user) -> Service:
    """Record that an officer confirmed the service's information today (who and when)."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    authorize(can_verify_service(acting_user, service))
    service.last_verified_at = timezone.now()
    service.last_verified_by = acting_user
    service.save(update_fields=["last_verified_at", "last_verified_by", "modified_at"])
    return service


@transaction.atomic
def guide_publish(*, guide: ReferralGuide, acting_user, note: str = "") -> GuideEdition:
    """Freeze the region's current services as the guide's next numbered edition."""
    guide = ReferralGuide.objects.select_for_update().select_related("region").get(pk=guide.pk)
    authorize(can_publish_guide(acting_user, guide))
    snapshot = guide_snapshot(region=guide.region)
    latest = edition_unchanged(guide, snapshot)
    if latest is not None and not note.strip():
        raise ValidationError(
            _("Nothing changed since edition %(number)s; add a note to publish it again.") % {"number": latest.number}
        )
    number = (guide.editions.aggregate(top=Max("number"))["top"] or 0) + 1
    edition = GuideEdition(
        guide=guide, number=number, published_at=timezone.now(), published_by=acting_user, note=note, snapshot=snapshot
    )
    edition.full_clean()
    edition.save()
    return edition


def _get_or_create_keyed(model, key: str, defaults: dict) -> tuple:
    kind = model._meta.model_name
    return model.objects.get_or_create(key=key, defaults={"uuid": reference_uuid(kind, key), **defaults})


@transaction.atomic
def reference_load() -> dict[str, int]:
    """The seed entries of the directory and one guide per target region (idempotent, natural keys).

    Never overwrites what officers changed since; returns how many rows of each kind were created.
    """
    created = dict.fromkeys(["organizations", "programs", "services", "locations", "phones", "guides"], 0)
    regions = {region.code: region for region in Region.objects.all()}
    orgs = {}
    for key, kind, name_ka, name_en, desc_ka, desc_en, website, email, _phones in reference.ORGANIZATIONS:
        orgs[key], new = _get_or_create_keyed(
            Organization,
            key,
            {
                "type": kind,
                "name_ka": name_ka,
                "name_en": name_en,
                "description_ka": desc_ka,
                "description_en": desc_en,
                "website": website,
                "email": email,
            },
        )
        created["organizations"] += new
    data = reference.STATE_PROGRAM
    program, new = _get_or_create_keyed(
        Program,
        data["key"],
        {
            "organization": orgs[data["organization"]],
            **{k: data[k] for k in ("name_ka", "name_en", "description_ka", "description_en")},
        },
    )
    created["programs"] += new
    for org_key, codes in reference.IMPLEMENTERS:
        implementer, new = ProgramImplementer.objects.get_or_create(program=program, organization=orgs[org_key])
        if new:
            implementer.regions.set([regions[code] for code in codes if code in regions])
    services = {}
    for entry in reference.SERVICES:
        services[entry[0]], new = _load_service(entry, orgs, program, regions)
        created["services"] += new
    for key, phones in reference.SERVICE_PHONES.items():
        for number, desc_ka, desc_en in phones:
            _phone, new = Phone.objects.get_or_create(
                service=services[key],
                organization=None,
                location=None,
                number=number,
                defaults={
                    "uuid": reference_uuid("phone", f"{key}:{number}"),
                    "description_ka": desc_ka,
                    "description_en": desc_en,
                },
            )
            created["phones"] += new
    created["locations"], phones_created = _load_locations(orgs, services)
    created["phones"] += phones_created
    for region in regions.values():
        if region.is_target:
            created["guides"] += ReferralGuide.objects.get_or_create(region=region)[1]
    return created


def _load_service(entry, orgs, program, regions) -> tuple[Service, bool]:
    key, org_key, program_key, category, name_ka, name_en, desc_ka, desc_en, region_codes, groups = entry
    is_state = program_key is not None and org_key == reference.MINISTRY and category != "information"
    defaults = {
        "organization": orgs[org_key],
        "program": program if program_key else None,
        "category": category,
        "name_ka": name_ka,
        "name_en": name_en,
        "description_ka": desc_ka,
        "description_en": desc_en,
        "target_groups": groups,
        "languages": ["ka"] if org_key != reference.IOM else ["ka", "en", "ru"],
        "coverage": Coverage.REGION if region_codes else Coverage.NATIONAL,
        "is_free": True,
    }
    if is_state:
        defaults |= {
            "eligibility_ka": reference.STATE_ELIGIBILITY_KA,
            "eligibility_en": reference.STATE_ELIGIBILITY_EN,
            "application_process_ka": reference.STATE_APPLY_KA,
            "application_process_en": reference.STATE_APPLY_EN,
            "documents_ka": reference.STATE_DOCUMENTS_KA,
            "documents_en": reference.STATE_DOCUMENTS_EN,
            "email": "reintegration@mra.gov.ge",
        }
    service, new = _get_or_create_keyed(Service, key, defaults)
    if new and region_codes:
        service.regions.set([regions[code] for code in region_codes if code in regions])
    return service, new


def _load_locations(orgs, services) -> tuple[int, int]:
    municipalities = {m.code: m for m in Municipality.objects.all()}
    created = phones = 0
    for key, org_key, name_ka, name_en, addr_ka, addr_en, m_code, number, service_keys in reference.LOCATIONS:
        location, new = _get_or_create_keyed(
            Location,
            key,
            {
                "organization": orgs[org_key],
                "name_ka": name_ka,
                "name_en": name_en,
                "address_ka": addr_ka,
                "address_en": addr_en,
                "municipality": municipalities.get(m_code),
            },
        )
        created += new
        if new:
            for service_key in service_keys:
                services[service_key].locations.add(location)
        if number:
            phones += Phone.objects.get_or_create(
                location=location,
                organization=None,
                service=None,
                number=number,
                defaults={"uuid": reference_uuid("phone", f"{key}:{number}")},
            )[1]
    return created, phones
