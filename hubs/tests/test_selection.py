import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import officer as make_officer
from hubs.models import ApplicationScore, Hub, MunicipalityApplication, SelectionCriterion
from hubs.selectors import application_ranking
from hubs.services import application_decide, application_score, criterion_save
from hubs.tests.factories import MunicipalityApplicationFactory, MunicipalityFactory, SelectionCriterionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
DECIDED = datetime.date(2026, 2, 20)


def test_officer_defines_a_criterion_with_weight_and_range(client_for, officer):
    data = {"name_ka": "დაბრუნებულთა რაოდენობა", "name_en": "Number of returnees", "description": "", "weight": "2",
            "min_score": "1", "max_score": "10", "sort_order": "0", "is_active": "on"}  # fmt: skip
    response = client_for(officer).post(reverse("hubs:criterion-list"), data)
    assert response.status_code == 302
    criterion = SelectionCriterion.objects.get()
    assert (criterion.weight, criterion.min_score, criterion.max_score) == (2, 1, 10)
    assert criterion.history.first().history_user == officer


def test_a_criterion_range_must_not_be_empty(officer):
    with pytest.raises(ValidationError):
        criterion_save(data={"name_ka": "ა", "name_en": "A", "min_score": 5, "max_score": 5}, acting_user=officer)


def test_a_range_cannot_shrink_below_scores_already_given(officer):
    criterion = SelectionCriterionFactory(max_score=10)
    application_score(application=MunicipalityApplicationFactory(), scores={criterion.pk: (9, "")}, acting_user=officer)
    with pytest.raises(ValidationError):
        criterion_save(criterion=criterion, data={"max_score": 5}, acting_user=officer)


def test_officer_records_an_application_through_the_page(client_for, officer):
    municipality = MunicipalityFactory(is_pilot=False)
    data = {
        "municipality": municipality.pk,
        "received_on": "2026-01-15",
        "returnees_last_year": "85",
        "returnees_last_five_years": "410",
        "emigrants_estimate": "3000",
        "commitment": "მერია გამოყოფს ოფისს და დააფინანსებს კომუნალურ ხარჯებს.",
        "co_funding_gel": "12000",
        "premises": "ოთახი მერიის პირველ სართულზე",
        "contact_name": "ლევან ჯაფარიძე",
        "contact_position": "მერის მოადგილე",
        "contact_phone": "+995 599 11 22 33",
        "contact_email": "levan@example.ge",
    }
    response = client_for(officer).post(reverse("hubs:application-create"), data)
    assert response.status_code == 302
    application = MunicipalityApplication.objects.get()
    assert (application.municipality, application.returnees_last_five_years) == (municipality, 410)


def test_officer_uploads_a_document_and_downloads_it(client_for, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = MunicipalityApplicationFactory()
    client = client_for(officer)
    upload = SimpleUploadedFile("commitment.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    client.post(reverse("hubs:document-add", kwargs={"pk": application.pk}), {"title": "წერილი", "file": upload})
    document = application.documents.get()
    response = client.get(reverse("hubs:document-download", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 letter"


def test_officer_scores_an_application_and_scoring_again_replaces_the_scores(client_for, officer):
    first, second = SelectionCriterionFactory(), SelectionCriterionFactory(max_score=10)
    application = MunicipalityApplicationFactory()
    url = reverse("hubs:application-score", kwargs={"pk": application.pk})
    data = {
        f"score_{first.pk}": "4",
        f"comment_{first.pk}": "",
        f"score_{second.pk}": "7",
        f"comment_{second.pk}": "ok",
    }
    client = client_for(officer)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data | {f"score_{first.pk}": "5"}).status_code == 302
    assert dict(ApplicationScore.objects.values_list("criterion_id", "score")) == {first.pk: 5, second.pk: 7}


def test_a_score_outside_the_criterion_range_is_refused(officer):
    criterion = SelectionCriterionFactory(min_score=1, max_score=5)
    with pytest.raises(ValidationError):
        application_score(
            application=MunicipalityApplicationFactory(), scores={criterion.pk: (6, "")}, acting_user=officer
        )


def test_hub_lead_cannot_score(hub_lead):
    criterion = SelectionCriterionFactory()
    with pytest.raises(PermissionDenied):
        application_score(
            application=MunicipalityApplicationFactory(), scores={criterion.pk: (3, "")}, acting_user=hub_lead
        )


def test_ranking_weights_each_criterion_within_its_own_range_and_averages_the_officers(officer):
    returnees = SelectionCriterionFactory(weight=3, min_score=0, max_score=10)
    premises = SelectionCriterionFactory(weight=1, min_score=1, max_score=5)
    strong, weak, unscored = (MunicipalityApplicationFactory() for _ in range(3))
    other_officer = make_officer()
    application_score(application=strong, scores={returnees.pk: (10, ""), premises.pk: (5, "")}, acting_user=officer)
    application_score(
        application=strong, scores={returnees.pk: (6, ""), premises.pk: (3, "")}, acting_user=other_officer
    )
    application_score(application=weak, scores={returnees.pk: (2, ""), premises.pk: (1, "")}, acting_user=officer)
    ranking = application_ranking(user=officer)
    assert [a.pk for a in ranking] == [strong.pk, weak.pk, unscored.pk]
    # strong: returnees mean 8 -> 0.8, premises mean 4 -> 0.75; (3*0.8 + 1*0.75) / 4 = 0.7875
    assert ranking[0].total == 78.8
    assert (ranking[0].rank, ranking[0].scorers) == (1, 2)
    assert ranking[1].total == 15.0
    assert (ranking[2].total, ranking[2].rank) == (None, None)


def test_ranking_page_costs_the_same_queries_with_more_applications(client_for, officer):
    criterion = SelectionCriterionFactory()

    def grow():
        for _ in range(4):
            application = MunicipalityApplicationFactory()
            application_score(application=application, scores={criterion.pk: (3, "")}, acting_user=officer)

    grow()
    assert_constant_queries(client_for(officer), reverse("hubs:application-list"), grow)


def test_selecting_a_municipality_records_the_decision_and_creates_its_hub(client_for, officer):
    application = MunicipalityApplicationFactory()
    url = reverse("hubs:application-decide", kwargs={"pk": application.pk})
    client = client_for(officer)
    assert client.get(url).status_code == 200
    data = {
        "status": "selected",
        "reason": "მაღალი დაბრუნების მაჩვენებელი.",
        "decided_on": "2026-02-20",
        "hub_code": "OZU",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.decided_on, application.decided_by) == ("selected", DECIDED, officer)
    assert application.history.first().status == "selected"
    hub = Hub.objects.get(code="OZU")
    assert (hub.municipality, hub.status) == (application.municipality, Hub.Status.PLANNED)
    application.municipality.refresh_from_db()
    assert application.municipality.is_pilot


def test_a_selection_needs_a_valid_unused_hub_code(officer, world):
    application = MunicipalityApplicationFactory()
    for code in ["", "ab1", "AAA"]:  # AAA is hub A's
        with pytest.raises(ValidationError):
            application_decide(
                application=application,
                status="selected",
                reason="r",
                decided_on=DECIDED,
                hub_code=code,
                acting_user=officer,
            )
    application.refresh_from_db()
    assert application.status == "received"


def test_a_decision_needs_a_reason(officer):
    with pytest.raises(ValidationError):
        application_decide(
            application=MunicipalityApplicationFactory(),
            status="not_selected",
            reason=" ",
            decided_on=DECIDED,
            acting_user=officer,
        )


def test_turning_down_creates_no_hub_and_a_decided_application_is_locked(officer):
    application = MunicipalityApplicationFactory()
    application_decide(
        application=application,
        status="not_selected",
        reason="მცირე რაოდენობა",
        decided_on=DECIDED,
        acting_user=officer,
    )
    assert not Hub.objects.filter(municipality=application.municipality).exists()
    with pytest.raises(ValidationError):
        application_decide(
            application=application,
            status="selected",
            reason="x",
            decided_on=DECIDED,
            hub_code="NEW",
            acting_user=officer,
        )
    criterion = SelectionCriterionFactory()
    with pytest.raises(ValidationError):
        application_score(application=application, scores={criterion.pk: (3, "")}, acting_user=officer)


def test_hub_lead_cannot_decide(hub_lead):
    with pytest.raises(PermissionDenied):
        application_decide(
            application=MunicipalityApplicationFactory(),
            status="not_selected",
            reason="x",
            decided_on=DECIDED,
            acting_user=hub_lead,
        )
