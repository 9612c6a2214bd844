"""The directory in Open Referral HSDS 3.0 shape: JSON objects for the API and tables for the CSV export.

Text goes out in Georgian (the directory's working language) with the English in ``alternate_name``
where there is one; the need taxonomy is published as HSDS taxonomy terms linked through attributes.
"""

import csv
import io
import uuid
import zipfile
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from hubs.models import Municipality, Region
from reintegration.taxonomy import DIMENSION_OF, Need

from .models import Coverage, Language, Location, Phone, Service

NAMESPACE = uuid.UUID("0b8a3c64-8f0e-4f57-b2f5-6c3d1f2a9e11")
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:need"))


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def services_for_api() -> QuerySet[Service]:
    return (
        Service.objects.select_related("organization", "program__organization", "last_verified_by")
        .prefetch_related(
            "phones",
            "regions",
            "municipalities",
            Prefetch("locations", queryset=Location.objects.select_related("municipality__region", "organization")),
            Prefetch("locations__phones", queryset=Phone.objects.all()),
        )
        .order_by("modified_at", "pk")
    )


def _phone(phone: Phone) -> dict:
    return {"id": str(phone.uuid), "number": phone.number, "type": "voice", "description": phone.description_ka}


def _area(service: Service, area: Region | Municipality | None) -> dict:
    if area is None:
        return {"id": derived_id("area", service.uuid, "GE"), "name": "საქართველო", "description": "Georgia", "uri": ""}
    kind = "region" if isinstance(area, Region) else "municipality"
    return {
        "id": derived_id("area", service.uuid, kind, area.code),
        "name": area.name_ka,
        "description": area.name_en,
        "uri": "",
    }


def _areas(service: Service) -> list[dict]:
    if service.coverage == Coverage.REGION:
        return [_area(service, region) for region in service.regions.all()]
    if service.coverage == Coverage.MUNICIPALITY:
        return [_area(service, municipality) for municipality in service.municipalities.all()]
    return [_area(service, None)]


def taxonomy_term(need: str) -> dict:
    label = Need(need).label
    return {
        "id": derived_id("term", need),
        "code": need,
        "name": str(label),
        "description": str(DIMENSION_OF[need].label),
        "taxonomy_id": TAXONOMY_ID,
        "taxonomy": "IOM Georgia reintegration need taxonomy",
    }


def _location(location: Location) -> dict:
    municipality = location.municipality
    address = {
        "id": derived_id("address", location.uuid),
        "address_1": location.address_ka,
        "city": municipality.name_ka if municipality else "",
        "region": municipality.region.name_ka if municipality else "",
        "state_province": municipality.region.name_ka if municipality else "",
        "postal_code": "",
        "country": "GE",
        "address_type": "physical",
    }
    return {
        "id": str(location.uuid),
        "location_type": location.location_type,
        "name": location.name_ka,
        "alternate_name": location.name_en,
        "organization_id": str(location.organization.uuid),
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "addresses": [address] if location.address_ka else [],
        "phones": [_phone(phone) for phone in location.phones.all()],
    }


def service_json(service: Service) -> dict:
    """One service as an HSDS 3.0 ``service`` object with its related objects nested."""
    organization = service.organization
    languages = dict(Language.choices)
    return {
        "id": str(service.uuid),
        "organization_id": str(organization.uuid),
        "program_id": str(service.program.uuid) if service.program else None,
        "name": service.name_ka,
        "alternate_name": service.name_en,
        "description": service.description_ka,
        "url": service.url or None,
        "email": service.email or None,
        "status": service.status,
        "application_process": service.application_process_ka,
        "fees_description": "უფასო" if service.is_free and not service.fees_ka else service.fees_ka,
        "eligibility_description": service.eligibility_ka,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.last_verified_at.date().isoformat() if service.last_verified_at else None,
        "assurer_email": service.last_verified_by.email if service.last_verified_by else None,
        "last_modified": service.modified_at.isoformat(timespec="milliseconds"),
        "organization": {
            "id": str(organization.uuid),
            "name": organization.name_ka,
            "alternate_name": organization.name_en,
            "description": organization.description_ka or organization.name_ka,
            "email": organization.email or None,
            "website": organization.website or None,
            "legal_status": organization.get_type_display(),
        },
        "program": (
            {
                "id": str(service.program.uuid),
                "organization_id": str(service.program.organization.uuid),
                "name": service.program.name_ka,
                "alternate_name": service.program.name_en,
                "description": service.program.description_ka or service.program.name_ka,
            }
            if service.program
            else None
        ),
        "phones": [_phone(phone) for phone in service.phones.all()],
        "service_areas": _areas(service),
        "service_at_locations": [
            {
                "id": derived_id("sal", service.uuid, location.uuid),
                "service_id": str(service.uuid),
                "location": _location(location),
            }
            for location in service.locations.all()
        ],
        "languages": [
            {"id": derived_id("language", service.uuid, code), "name": str(languages.get(code, code)), "code": code}
            for code in service.languages
        ],
        "required_documents": (
            [{"id": derived_id("document", service.uuid), "document": service.documents_ka}]
            if service.documents_ka
            else []
        ),
        "attributes": [
            {
                "id": derived_id("attribute", service.uuid, service.category),
                "link_id": str(service.uuid),
                "link_type": "service_category",
                "link_entity": "service",
                "taxonomy_term_id": derived_id("term", service.category),
                "taxonomy_term": taxonomy_term(service.category),
            }
        ],
    }


# The CSV tables of the export: (file name, columns, rows from one service).
def _tables(services) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {name: [] for name in TABLE_COLUMNS}
    seen_orgs, seen_locations = set(), set()
    for service in services:
        data = service_json(service)
        org = data["organization"]
        if org["id"] not in seen_orgs:
            seen_orgs.add(org["id"])
            tables["organizations"].append(org)
        tables["services"].append({k: v for k, v in data.items() if not isinstance(v, (dict, list)) or v is None})
        for phone in data["phones"]:
            tables["phones"].append({**phone, "service_id": data["id"]})
        for area in data["service_areas"]:
            tables["service_areas"].append({**area, "service_id": data["id"]})
        for language in data["languages"]:
            tables["languages"].append({**language, "service_id": data["id"]})
        for document in data["required_documents"]:
            tables["required_documents"].append({**document, "service_id": data["id"]})
        for attribute in data["attributes"]:
            tables["attributes"].append({k: v for k, v in attribute.items() if k != "taxonomy_term"})
        for link in data["service_at_locations"]:
            location = link["location"]
            tables["service_at_locations"].append(
                {"id": link["id"], "service_id": data["id"], "location_id": location["id"]}
            )
            if location["id"] not in seen_locations:
                seen_locations.add(location["id"])
                tables["locations"].append(location)
                for address in location["addresses"]:
                    tables["addresses"].append({**address, "location_id": location["id"]})
                for phone in location["phones"]:
                    tables["phones"].append({**phone, "location_id": location["id"]})
    tables["taxonomy_terms"] = [taxonomy_term(need) for need in Need]
    return tables


TABLE_COLUMNS = {
    "organizations": ["id", "name", "alternate_name", "description", "email", "website", "legal_status"],
    "services": [
        "id",
        "organization_id",
        "program_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "last_modified",
    ],
    "locations": ["id", "location_type", "organization_id", "name", "alternate_name", "latitude", "longitude"],
    "addresses": [
        "id",
        "location_id",
        "address_1",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "phones": ["id", "service_id", "location_id", "number", "type", "description"],
    "service_at_locations": ["id", "service_id", "location_id"],
    "service_areas": ["id", "service_id", "name", "description", "uri"],
    "languages": ["id", "service_id", "name", "code"],
    "required_documents": ["id", "service_id", "document"],
    "attributes": ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"],
    "taxonomy_terms": ["id", "code", "name", "description", "taxonomy_id", "taxonomy"],
}


class _Chunks(io.RawIOBase):
    """An unseekable sink: zipfile then writes data descriptors, so the zip can leave as it is made."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def csv_export_zip(services) -> Iterator[bytes]:
    """A zip of HSDS tabular CSV files (UTF-8), one per object type, yielded as it is written."""
    sink = _Chunks()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in _tables(services).items():
            with archive.open(f"{name}.csv", "w") as member, io.TextIOWrapper(member, "utf-8", newline="") as text:
                writer = csv.DictWriter(
                    text, fieldnames=TABLE_COLUMNS[name], extrasaction="ignore", lineterminator="\n"
                )
                writer.writeheader()
                for row in rows:
                    writer.writerow({key: "" if value is None else value for key, value in row.items()})
            yield sink.drain()
    yield sink.drain()  # the central directory
