"""The public HSDS API and CSV export publish no data about staff."""

import io
import zipfile

import pytest
from django.urls import reverse

from referrals.services import service_verify
from referrals.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_a_verified_service_is_published_without_the_verifying_officers_email_or_name(client, officer):
    service = ServiceFactory()
    service_verify(service=service, acting_user=officer)
    published = [
        client.get(reverse("hsds:service-list")).content.decode(),
        client.get(reverse("hsds:service-detail", args=[service.uuid])).content.decode(),
    ]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(reverse("hsds:export-csv")).streaming_content)))
    published += [archive.read(name).decode() for name in archive.namelist()]
    for text in published:
        assert officer.email not in text and officer.full_name not in text
    detail = client.get(reverse("hsds:service-detail", args=[service.uuid])).json()
    assert detail["assured_date"] and detail["assurer_email"] is None
