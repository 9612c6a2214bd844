import csv
import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.pdf import pdf_text
from hubs.models import Region
from hubs.services import reference_load as hubs_reference_load
from hubs.tests.factories import RegionFactory
from referrals.hsds import TABLE_COLUMNS
from referrals.models import Coverage, GuideEdition, Location, Organization, ProgramImplementer, ReferralGuide, Service
from referrals.selectors import state_programme_implementers
from referrals.services import guide_publish, reference_load
from referrals.tests.factories import PhoneFactory, ReferralGuideFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    hubs_reference_load()
    return reference_load()


def test_reference_load_creates_the_seed_entries_once(reference):
    assert reference["services"] >= 12 and reference["guides"] == 4
    assert reference_load() == dict.fromkeys(reference, 0)
    accommodation = Service.objects.get(key="state-temporary-accommodation")
    assert "4 ღამით" in accommodation.description_ka and "4 nights" in accommodation.description_en
    assert {r.code for r in accommodation.regions.all()} == {"tbilisi", "kvemo-kartli", "mtskheta-mtianeti"}
    assert Service.objects.filter(program__key="state-reintegration-programme").count() == 8
    line = Service.objects.get(key="ministry-reintegration-line")
    assert {p.number for p in line.phones.all()} == {"+995 32 243 11 00", "+995 32 231 13 37"}
    assert Service.objects.get(key="iom-hotline").phones.get().number == "+995 32 291 34 61"
    mrc = Service.objects.get(key="iom-mrc-counselling")
    assert mrc.locations.count() == 4
    telavi = Location.objects.get(key="mrc-telavi")
    assert telavi.address_ka.startswith("ერეკლე მეორის") and telavi.phones.get().number == "+995 350 27 08 72"
    assert Service.objects.get(key="integration-centre").target_groups == ["refugees"]
    assert Organization.objects.get(key="livelihoods-agency").type == "state"


def test_reference_load_keeps_an_officers_edit(reference):
    Service.objects.filter(key="iom-hotline").update(name_en="IOM hotline (edited)")
    reference_load()
    assert Service.objects.get(key="iom-hotline").name_en == "IOM hotline (edited)"


def test_each_region_has_its_state_programme_implementer(reference):
    kakheti = Region.objects.get(code="kakheti")
    assert [i.organization.key for i in state_programme_implementers(region=kakheti)] == ["ngo-kakheti-rdf"]
    guria = Region.objects.get(code="guria")
    assert [i.organization.key for i in state_programme_implementers(region=guria)] == ["ngo-intellect"]
    assert ProgramImplementer.objects.count() == 5


def test_reference_services_load_unverified_and_flagged(reference):
    assert Service.objects.stale().count() == Service.objects.count()


# Guides


def test_officer_publishes_the_first_edition_with_the_regions_services(client_for, officer, reference):
    guide = ReferralGuide.objects.get(region__code="kakheti")
    response = client_for(officer).post(reverse("referrals:guide-publish", args=[guide.pk]), {"note": "პირველი"})
    edition = GuideEdition.objects.get(guide=guide)
    assert response.status_code == 302 and edition.number == 1 and edition.published_by == officer
    names = {entry["name_ka"] for entry in edition.services}
    assert "IOM-ის ცხელი ხაზი" in names
    assert not any("დროებითი საცხოვრისი" in name for name in names)  # accommodation is for Tbilisi's direction
    assert edition.snapshot["implementers"][0]["name_ka"] == "ა(ა)იპ კახეთის რეგიონალური განვითარების ფონდი"


def test_publishing_again_without_changes_or_note_is_refused(officer):
    guide = ReferralGuideFactory()
    guide_publish(guide=guide, acting_user=officer)
    with pytest.raises(ValidationError):
        guide_publish(guide=guide, acting_user=officer)
    assert guide_publish(guide=guide, acting_user=officer, note="reprint").number == 2


def test_counsellor_cannot_publish_a_guide(counsellor):
    with pytest.raises(PermissionDenied):
        guide_publish(guide=ReferralGuideFactory(), acting_user=counsellor)
    assert not GuideEdition.objects.exists()


def test_a_changed_service_shows_in_the_next_edition_and_in_the_diff(client_for, officer):
    region = RegionFactory()
    guide = ReferralGuideFactory(region=region)
    kept = ServiceFactory(coverage=Coverage.REGION, regions=[region], name_ka="ძველი სახელი")
    removed = ServiceFactory()
    first = guide_publish(guide=guide, acting_user=officer)
    Service.objects.filter(pk=kept.pk).update(name_ka="ახალი სახელი")
    Service.objects.filter(pk=removed.pk).update(status=Service.Status.DEFUNCT)
    added = ServiceFactory(name_ka="დამატებული სერვისი")
    second = guide_publish(guide=guide, acting_user=officer)
    assert first.services[0]["name_ka"] != second.services[0]["name_ka"] or len(first.services) != len(second.services)
    response = client_for(officer).get(reverse("referrals:edition-diff", args=[second.pk]))
    diff = response.context["diff"]
    assert [s["name_ka"] for s in diff["added"]] == [added.name_ka]
    assert [s["name_ka"] for s in diff["removed"]] == [removed.name_ka]
    assert diff["changed"][0]["changes"][0] == {"field": "name_ka", "before": "ძველი სახელი", "after": "ახალი სახელი"}
    first.refresh_from_db()
    assert any(s["name_ka"] == "ძველი სახელი" for s in first.services)  # the old edition stays frozen


def test_guide_pdf_contains_the_georgian_service_names(client_for, counsellor, officer, reference):
    guide = ReferralGuide.objects.get(region__code="tbilisi")
    edition = guide_publish(guide=guide, acting_user=officer)
    response = client_for(counsellor).get(reverse("referrals:edition-pdf", args=[edition.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    for name in ["IOM-ის ცხელი ხაზი", "ლტოლვილისა და ჰუმანიტარული სტატუსის მქონე პირების ინტეგრაციის ცენტრი"]:
        assert name in text, name
    assert "საზოგადოებრივი დამცველი" in text


def test_edition_page_has_print_styles(client_for, counsellor, officer):
    edition = guide_publish(guide=ReferralGuideFactory(), acting_user=officer)
    page = client_for(counsellor).get(reverse("referrals:edition-detail", args=[edition.pk])).content.decode()
    assert "referrals/print" in page and "d-print-none" in page


def test_guide_list_costs_the_same_queries_at_two_sizes(client_for, counsellor, officer):
    from tests.queries import assert_constant_queries

    def grow():
        for _ in range(3):
            guide_publish(guide=ReferralGuideFactory(), acting_user=officer)

    grow()
    assert_constant_queries(client_for(counsellor), reverse("referrals:guide-list"), grow)


# The HSDS API

SERVICE_REQUIRED = {"id", "name", "status"}
ORGANIZATION_REQUIRED = {"id", "name", "description"}
PHONE_REQUIRED = {"id", "number"}
LOCATION_REQUIRED = {"id", "location_type"}
ADDRESS_REQUIRED = {"id", "address_1", "city", "state_province", "postal_code", "country", "address_type"}


def _assert_required(obj: dict, required: set[str], what: str):
    missing = {field for field in required if field not in obj}
    assert not missing, f"{what} lacks {missing}"
    for field in required - {"postal_code"}:
        assert obj[field] not in (None, ""), f"{what}.{field} is empty"


def test_api_services_carry_the_hsds3_required_fields(client, reference):
    response = client.get(reverse("hsds:service-list"), {"per_page": 100})
    body = response.json()
    assert response.status_code == 200 and body["total_items"] == Service.objects.count()
    for service in body["contents"]:
        _assert_required(service, SERVICE_REQUIRED, "service")
        assert service["status"] in {"active", "inactive", "defunct", "temporarily closed"}
        _assert_required(service["organization"], ORGANIZATION_REQUIRED, "organization")
        for phone in service["phones"]:
            _assert_required(phone, PHONE_REQUIRED, "phone")
        for link in service["service_at_locations"]:
            _assert_required(link["location"], LOCATION_REQUIRED, "location")
            for address in link["location"]["addresses"]:
                _assert_required(address, ADDRESS_REQUIRED - {"city", "state_province"}, "address")
        for area in service["service_areas"]:
            assert area["id"]
        assert service["attributes"][0]["taxonomy_term"]["code"] == Service.objects.get(uuid=service["id"]).category


def test_api_paginates_and_filters_by_modified_after(client):
    old = ServiceFactory()
    Service.objects.filter(pk=old.pk).update(modified_at=timezone.now() - timedelta(days=30))
    for _ in range(3):
        ServiceFactory()
    body = client.get(reverse("hsds:service-list"), {"per_page": 2, "page": 2}).json()
    assert (body["total_items"], body["total_pages"], body["page_number"], len(body["contents"])) == (4, 2, 2, 2)
    assert body["last_page"] and not body["first_page"]
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    body = client.get(reverse("hsds:service-list"), {"modified_after": since}).json()
    assert body["total_items"] == 3 and str(old.uuid) not in {s["id"] for s in body["contents"]}
    assert client.get(reverse("hsds:service-list"), {"modified_after": "yesterday"}).status_code == 400


def test_api_service_detail_and_unknown_id(client):
    service = ServiceFactory(name_ka="სერვისი ა")
    PhoneFactory(service=service)
    body = client.get(reverse("hsds:service-detail", args=[service.uuid])).json()
    assert body["id"] == str(service.uuid) and body["name"] == "სერვისი ა" and body["phones"][0]["number"]
    import uuid

    assert client.get(reverse("hsds:service-detail", args=[uuid.uuid4()])).status_code == 404


def test_csv_export_has_the_hsds_tables_and_required_columns(client, reference):
    response = client.get(reverse("hsds:export-csv"))
    assert response.streaming  # the zip leaves as it is written, table by table
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    required = {
        "services.csv": SERVICE_REQUIRED,
        "organizations.csv": ORGANIZATION_REQUIRED,
        "phones.csv": PHONE_REQUIRED,
        "locations.csv": LOCATION_REQUIRED,
        "addresses.csv": ADDRESS_REQUIRED,
    }
    assert set(archive.namelist()) == {f"{name}.csv" for name in TABLE_COLUMNS}
    for name, columns in required.items():
        rows = list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        assert rows, name
        assert columns <= set(rows[0].keys()), name
        assert all(row["id"] for row in rows)
    services = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode())))
    assert len(services) == Service.objects.count()
    assert any(row["name"] == "IOM-ის ცხელი ხაზი" for row in services)


def test_guide_detail_costs_the_same_queries_with_more_editions_and_services(client_for, counsellor, officer):
    from tests.queries import assert_constant_queries

    guide = ReferralGuideFactory()

    def grow():
        for _ in range(2):
            PhoneFactory(service=ServiceFactory())
        guide_publish(guide=guide, acting_user=officer, note="n")

    grow()
    assert_constant_queries(client_for(counsellor), reverse("referrals:guide-detail", args=[guide.pk]), grow)
