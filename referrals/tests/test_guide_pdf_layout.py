"""The guide PDF: categories flow on without a page break each, and no stray separators."""

import io

import pytest
from pypdf import PdfReader

from accounts.pdf import pdf_text, render_pdf
from referrals.selectors import guide_snapshot
from referrals.tests.factories import GuideEditionFactory, ReferralGuideFactory, ServiceFactory
from referrals.views.guides import _edition_context

pytestmark = pytest.mark.django_db


def test_six_short_categories_fit_on_one_or_two_pages_without_stray_separators(world):
    region = world.hub_a.municipality.region
    for category in ["employment", "housing", "education", "medication", "information", "funding"]:
        ServiceFactory(category=category, coverage="region", regions=[region], email="info@example.ge")
    guide = ReferralGuideFactory(region=region)
    edition = GuideEditionFactory(
        guide=guide, snapshot=guide_snapshot(region=region), published_by=world.user("officer")
    )

    pdf = render_pdf("referrals/pdf/guide_edition.html", _edition_context(edition))

    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
    text = pdf_text(pdf)
    assert ": ·" not in text and "· ·" not in text
    assert not any(line.rstrip().endswith("·") or line.lstrip().startswith("·") for line in text.splitlines())


def test_the_edition_page_has_a_print_button(client_for, world):
    officer = world.user("officer")
    edition = GuideEditionFactory(
        guide=ReferralGuideFactory(region=world.hub_a.municipality.region), published_by=officer
    )
    page = client_for(officer).get(f"/referrals/editions/{edition.pk}/").content.decode()
    assert 'data-print data-testid="print"' in page


def test_publishing_an_identical_edition_warns_first_and_needs_a_reason(client_for, world):
    from django.urls import reverse

    from referrals.models import GuideEdition, Service
    from referrals.services import guide_publish

    officer, region = world.user("officer"), world.hub_a.municipality.region
    service = ServiceFactory(category="housing", coverage="region", regions=[region])
    guide = ReferralGuideFactory(region=region)
    client = client_for(officer)
    url = reverse("referrals:guide-publish", args=[guide.pk])
    assert 'data-testid="unchanged-warning"' not in client.get(url).content.decode()  # no edition yet
    first = guide_publish(guide=guide, acting_user=officer)

    page = client.get(url).content.decode()
    assert 'data-testid="unchanged-warning"' in page and f"/referrals/editions/{first.pk}/" in page
    response = client.post(url, {"note": ""})
    assert response.status_code == 200 and GuideEdition.objects.filter(guide=guide).count() == 1
    client.post(url, {"note": "ხელახალი ბეჭდვა"})
    assert GuideEdition.objects.filter(guide=guide).count() == 2

    Service.objects.filter(pk=service.pk).update(name_ka="ახალი სახელი")
    assert 'data-testid="unchanged-warning"' not in client.get(url).content.decode()
