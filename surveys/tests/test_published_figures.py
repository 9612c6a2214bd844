"""Issue 12: a raw Kobo export imported without editing, and every published figure checked by hand.

The export is built here as KoboToolbox writes it: group paths, select_multiple option columns with
some respondents ticking nothing, a respondent-sex question called `resp_sex` (f/m), no
municipality column (the round covers one municipality), one answer to a question skip logic
hides, one broken constraint and one column the form does not know.
"""

import datetime
import io
import math
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from surveys import analysis
from surveys.kobo import export_bytes
from surveys.models import ImportJob, Response
from surveys.problems import problem_text

from .factories import RoundFactory, build_version

pytestmark = pytest.mark.django_db

YES_NO = [("y", "კი", "Yes"), ("n", "არა", "No")]
QUESTIONS = [
    {"name": "resp_sex", "group": "respondent", "type": "select_one", "label_ka": "სქესი", "label_en": "Sex",
     "required": True, "list_name": "sx", "choices": [("f", "ქალი", "Woman"), ("m", "კაცი", "Man")]},
    {"name": "resp_age", "group": "respondent", "type": "integer", "label_ka": "ასაკი", "label_en": "Age"},
    {"name": "worked_abroad", "group": "respondent", "type": "select_one", "label_ka": "მუშაობდით საზღვარგარეთ?",
     "label_en": "Did you work abroad?", "list_name": "yn", "choices": YES_NO},
    {"name": "months_away", "group": "migration", "type": "integer", "label_ka": "რამდენი თვე?",
     "label_en": "How many months?", "relevant": "${worked_abroad} = 'y'"},
    {"name": "services", "group": "services", "type": "select_multiple", "label_ka": "რა მომსახურება გჭირდებათ?",
     "label_en": "Which services do you need?", "list_name": "sv",
     "choices": [("jobs", "სამუშაო", "Jobs"), ("health", "ჯანმრთელობა", "Health"), ("legal", "იურიდიული", "Legal")]},
    {"name": "satisfaction", "group": "", "type": "integer", "label_ka": "კმაყოფილება", "label_en": "Satisfaction",
     "constraint": ". >= 1 and . <= 5", "constraint_message_ka": "კმაყოფილება 1-დან 5-მდე",
     "constraint_message_en": "Satisfaction is 1 to 5"},
]  # fmt: skip

HEADER = ["start", "end", "respondent/resp_sex", "respondent/resp_age", "respondent/worked_abroad",
          "migration/months_away", "services/services", "services/services/jobs", "services/services/health",
          "services/services/legal", "satisfaction", "enumerator_note", "weight", "_id", "_uuid",
          "_submission_time", "_index"]  # fmt: skip

# sex, age, worked abroad, months away, services ticked, satisfaction; rows 8 and 9 have problems
DATA = [
    ("f", 30, "y", 12, "jobs health", 4),  # row 2
    ("f", 41, "n", "", "", 3),  # row 3: ticked nothing
    ("m", 25, "y", 6, "jobs", 5),  # row 4
    ("m", 52, "n", "", "legal", 2),  # row 5
    ("f", 36, "y", 24, "", 4),  # row 6: ticked nothing
    ("m", 60, "y", 36, "jobs legal", 3),  # row 7
    ("f", 29, "n", 10, "health", 4),  # row 8: months away answered, but skip logic hides it
    ("m", 45, "n", "", "jobs", 9),  # row 9: satisfaction 9 breaks the rule
    ("f", 33, "y", 8, "", 5),  # row 10: ticked nothing
    ("m", 38, "n", "", "health", 3),  # row 11
    ("f", 27, "n", "", "jobs", 4),  # row 12
    ("m", 48, "y", 15, "", 2),  # row 13: ticked nothing
]
# The ten valid rows (2–7 and 10–13): who ticked what.
VALID = [row for number, row in enumerate(DATA, start=2) if number not in (8, 9)]


def export_row(values, number: int) -> list:
    sex, age, abroad, months, services, satisfaction = values
    ticked = services.split()
    return ["2026-03-02T10:00:00.000+04:00", "2026-03-02T10:20:00.000+04:00", sex, age, abroad, months, services,
            int("jobs" in ticked), int("health" in ticked), int("legal" in ticked), satisfaction, "tired",
            2 if sex == "f" else 1, 5000 + number, f"kobo-{number:03d}", "2026-03-02T06:21:13",
            number - 1]  # fmt: skip


def kobo_csv() -> bytes:
    return export_bytes(HEADER, [export_row(values, number) for number, values in enumerate(DATA, start=2)])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def version():
    return build_version(QUESTIONS)


@pytest.fixture
def round_one(world, version):
    return RoundFactory(name_en="Household survey, Hub A", version=version, municipalities=[world.hub_a.municipality])


@pytest.fixture(autouse=True)
def _english():
    """Labels and messages are checked in English here; one test reads them in Georgian."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer_client(client_for, officer, settings):
    client = client_for(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def map_profile(client, version):
    """The officer maps sex, age and returnee status to the instrument's own questions, on the page."""
    questions = {q.name: q.pk for q in version.questions.all()}
    response = client.post(
        reverse("surveys:version-profile", args=[version.pk]),
        {"sex_question": questions["resp_sex"], "sex_female": "f", "sex_male": "m",
         "age_question": questions["resp_age"], "returnee_question": questions["worked_abroad"], "returnee_yes": "y"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    version.refresh_from_db()


def upload(client, round_, content: bytes, name: str, capture) -> tuple[ImportJob, object]:
    with capture(execute=True):
        response = client.post(
            reverse("surveys:import-create", args=[round_.pk]), {"file": SimpleUploadedFile(name, content)}
        )
    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("surveys:import-detail", args=[job.pk])
    return job, client.get(response.url)


def commit(client, job, capture) -> ImportJob:
    with capture(execute=True):
        assert client.post(reverse("surveys:import-commit", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    return job


@pytest.fixture
def imported(officer_client, version, round_one, django_capture_on_commit_callbacks):
    map_profile(officer_client, version)
    job, _page = upload(officer_client, round_one, kobo_csv(), "household.csv", django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.CHECKED, job.problems
    job = commit(officer_client, job, django_capture_on_commit_callbacks)
    assert job.created_count == 10
    return round_one


def wald(chosen: int, n: int) -> tuple[float, float, float]:
    """The hand computation: p and p ± 1.96·√(p(1 − p) / n), in %, cut to 0–100."""
    p = chosen / n
    margin = 1.96 * math.sqrt(p * (1 - p) / n)
    return 100 * p, max(0.0, 100 * (p - margin)), min(100.0, 100 * (p + margin))


def figures(table, name: str) -> dict[str, list[tuple]]:
    result = next(r for r in table.questions if r.question.name == name)
    return {row.label: [(c.n, c.value, c.low, c.high) for c in row.cells] for row in result.rows}


def approx(values):
    return [tuple(pytest.approx(v, abs=1e-9) if isinstance(v, float) else v for v in item) for item in values]


# The dry run ---------------------------------------------------------------------------------------


def test_dry_run_lists_exactly_the_problem_rows_then_each_ignored_column_once(
    officer_client, version, round_one, django_capture_on_commit_callbacks
):
    map_profile(officer_client, version)
    job, page = upload(officer_client, round_one, kobo_csv(), "household.csv", django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.CHECKED
    assert [(p["row"], p["column"], p["level"]) for p in job.problems] == [
        (8, "migration/months_away", "error"),
        (9, "satisfaction", "error"),
        (1, "enumerator_note", "warning"),  # in every row, named once
    ]
    assert (job.total_rows, job.valid_rows, job.problem_count) == (12, 10, 3)
    texts = [row["text"] for row in page.context["page"].object_list]
    assert texts == [
        "Skip logic hides this question for this respondent (rule: ${worked_abroad} = 'y'), "
        "yet it has the answer “10”.",
        "Satisfaction is 1 to 5 (answer “9”, rule: . >= 1 and . <= 5)",
        "This column matches no question; it is ignored.",
    ]
    assert "Satisfaction is 1 to 5 (answer “9”" in page.content.decode()
    assert not Response.objects.exists()


def test_problems_are_stored_as_codes_and_read_in_the_readers_language(
    officer_client, version, round_one, django_capture_on_commit_callbacks
):
    job, _page = upload(officer_client, round_one, kobo_csv(), "household.csv", django_capture_on_commit_callbacks)
    constraint = next(p for p in job.problems if p["row"] == 9)
    assert constraint["code"] == "constraint_message" and "message" not in constraint
    with translation.override("ka"):
        georgian = problem_text(constraint["code"], constraint["params"])
    with translation.override("en"):
        english = problem_text(constraint["code"], constraint["params"])
    assert georgian.startswith("კმაყოფილება 1-დან 5-მდე (") and "9" in georgian and georgian != english
    assert english == "Satisfaction is 1 to 5 (answer “9”, rule: . >= 1 and . <= 5)"


def test_a_one_municipality_round_needs_no_municipality_column_and_times_are_utc(imported, world, officer_client):
    assert set(Response.objects.values_list("municipality", flat=True)) == {world.hub_a.municipality.pk}
    stored = Response.objects.get(uuid="kobo-002")
    assert stored.submitted_at == datetime.datetime(2026, 3, 2, 6, 21, 13, tzinfo=datetime.UTC)
    assert stored.answers["services"] == ["jobs", "health"] and "months_away" in stored.answers
    assert Response.objects.get(uuid="kobo-003").answers.get("services") in (None, [])
    export = officer_client.get(reverse("surveys:round-responses-export", args=[imported.pk]))
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.iter_rows(values_only=True))
    first = next(row for row in rows if row[0] == "kobo-002")
    assert first[1] == datetime.datetime(2026, 3, 2, 10, 21, 13)  # Tbilisi time, as the pages show it


def test_a_round_of_several_municipalities_asks_which_column_holds_it(
    officer_client, world, version, django_capture_on_commit_callbacks
):
    municipalities = [world.hub_a.municipality, world.hub_b.municipality]
    round_ = RoundFactory(version=version, municipalities=municipalities)
    header = [*HEADER, "respondent/place"]
    rows = [export_row(values, n) + [world.hub_b.municipality.code] for n, values in enumerate(DATA, start=2)]
    job, page = upload(
        officer_client, round_, export_bytes(header, rows), "two.csv", django_capture_on_commit_callbacks
    )
    assert job.status == ImportJob.Status.NEEDS_MUNICIPALITY and "respondent/place" in job.columns
    assert page.context["municipality_form"] is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("surveys:import-municipality", args=[job.pk]), {"column": "respondent/place"}
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.valid_rows, job.municipality_column) == (ImportJob.Status.CHECKED, 10, "respondent/place")
    assert "respondent/place" not in [p["column"] for p in job.problems]
    with django_capture_on_commit_callbacks(execute=True):  # or one municipality for every row
        officer_client.post(
            reverse("surveys:import-municipality", args=[job.pk]), {"municipality": world.hub_a.municipality.pk}
        )
    job.refresh_from_db()
    assert (job.status, job.municipality, job.municipality_column) == ("checked", world.hub_a.municipality, "")
    job = commit(officer_client, job, django_capture_on_commit_callbacks)
    assert set(Response.objects.values_list("municipality", flat=True)) == {world.hub_a.municipality.pk}


def test_a_file_uploaded_to_the_wrong_round_says_so(
    imported, officer_client, world, version, django_capture_on_commit_callbacks
):
    other = RoundFactory(name_en="Another round", version=version, municipalities=[world.hub_a.municipality])
    job, page = upload(officer_client, other, kobo_csv(), "household.csv", django_capture_on_commit_callbacks)
    assert job.valid_rows == 0
    assert job.problems[0]["code"] == "wrong_round" and job.problems[0]["params"]["count"] == 10
    assert (
        "10 submissions of this file are already stored in the round “Household survey, Hub A”. "
        "Was the file uploaded to the wrong round?"
    ) in page.content.decode()
    assert {p["row"] for p in job.problems if p["code"] == "other_round"} == {2, 3, 4, 5, 6, 7, 10, 11, 12, 13}


# Files that cannot be read ----------------------------------------------------------------------


def zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("export.xlsx", zip_without_workbook()),
        ("export.xlsx", b"\x13\x37" * 300),
        ("export.csv", "_uuid,სქესი\nx,ქალი\n".encode("utf-16")),
        ("export.csv", b"_uuid,resp_sex\x00\x01\x02\n"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_at_upload_with_its_reason(
    officer_client, round_one, name, content
):
    """The shared upload validator (issue 10) reads the head of the file: no job is started for it."""
    page = officer_client.post(
        reverse("surveys:import-create", args=[round_one.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert page.status_code == 200
    assert "This file is not an accepted type" in " ".join(page.context["form"].errors["file"])
    assert not ImportJob.objects.exists() and not Response.objects.exists()


# Past the head the upload check reads (8 KiB), only the import task reads the whole file.
VALID_HEAD = b"_uuid,resp_sex\n" + b"x,f\n" * 20_000


@pytest.mark.parametrize(
    ("name", "content", "code", "reason"),
    [
        ("export.csv", VALID_HEAD + "ქალი".encode("utf-16"), "not_utf8", "not UTF-8 text"),
        ("export.csv", VALID_HEAD + b"x,\x00\x01\x02\n", "not_text", "not a CSV text file"),
    ],
)
def test_a_file_that_cannot_be_read_fails_the_job_with_its_reason_in_eager_mode(
    officer_client, round_one, django_capture_on_commit_callbacks, name, content, code, reason
):
    job, page = upload(officer_client, round_one, content, name, django_capture_on_commit_callbacks)
    assert (job.status, job.error) == (ImportJob.Status.FAILED, code)
    assert page.status_code == 200 and reason in page.content.decode()
    assert not Response.objects.exists()


# The figures ------------------------------------------------------------------------------------


def test_every_share_has_everyone_asked_as_base_and_the_wald_interval(imported, officer_client):
    page = officer_client.get(reverse("surveys:round-analysis", args=[imported.pk]))
    table = page.context["table"]
    # 10 respondents were asked which services they need; 4 of them ticked nothing.
    jobs, health, legal = (sum(name in row[4].split() for row in VALID) for name in ("jobs", "health", "legal"))
    assert (jobs, health, legal) == (4, 2, 2)
    services = figures(table, "services")
    assert services["Jobs"] == approx([(10, *wald(4, 10))])
    assert services["Health"] == approx([(10, *wald(2, 10))])
    assert services["Legal"] == approx([(10, *wald(2, 10))])
    assert services["Jobs"][0][1:] == pytest.approx((40.0, 9.6358106, 70.3641894))
    sex = figures(table, "resp_sex")  # single choice: base = those who answered
    assert sex["Woman"] == approx([(10, *wald(5, 10))])
    content = page.content.decode()
    assert "40.0%" in content and "9.6–70.4%" in content and "n = 10" in content
    assert "How these figures are computed" in content


def test_every_mean_shows_its_base_and_interval(imported):
    table = analysis.round_analysis(imported)
    values = [row[5] for row in VALID]
    mean = sum(values) / 10  # 3.5
    variance = sum((x - mean) ** 2 for x in values) / 9  # 10.5 / 9
    margin = 1.96 * math.sqrt(variance / 10)
    assert figures(table, "satisfaction")["Mean"] == approx([(10, 3.5, 3.5 - margin, 3.5 + margin)])
    assert (3.5 - margin, 3.5 + margin) == pytest.approx((2.8305330, 4.1694670))
    months = figures(table, "months_away")["Mean"]  # asked of the 6 who worked abroad: 12, 6, 24, 36, 8, 15
    assert months[0][:2] == (6, pytest.approx(101 / 6))


def test_weighted_shares_use_kish_effective_n(imported):
    table = analysis.round_analysis(imported, weighted=True)
    # women weigh 2, men 1: Σw = 15, Σw² = 25, n_eff = 225 / 25 = 9; legal: two men, 2/15
    p, n_eff = 2 / 15, 15**2 / 25
    margin = 1.96 * math.sqrt(p * (1 - p) / n_eff)
    result = next(r for r in table.questions if r.question.name == "services")
    legal = next(row for row in result.rows if row.label == "Legal").cells[0]
    assert (legal.n, legal.n_eff) == (10, pytest.approx(9.0))
    assert (legal.value, legal.low, legal.high) == pytest.approx((100 * p, 0.0, 100 * (p + margin)))  # cut at 0


def test_the_sex_breakdown_works_through_the_mapping(imported, officer_client):
    assert sorted(Response.objects.values_list("sex", flat=True)) == ["female"] * 5 + ["male"] * 5
    table = officer_client.get(reverse("surveys:round-analysis", args=[imported.pk]) + "?by=sex").context["table"]
    assert [key for key, _label in table.groups] == ["female", "male"]
    services = figures(table, "services")
    # women: jobs+health, —, —, —, jobs; men: jobs, legal, jobs+legal, health, —
    assert services["Jobs"] == approx([(5, *wald(2, 5)), (5, *wald(2, 5))])
    assert services["Legal"] == approx([(5, *wald(0, 5)), (5, *wald(2, 5))])
    by_returnee = analysis.round_analysis(imported, dimension="returnee")
    assert [c.n for c in next(r for r in by_returnee.questions if r.question.name == "services").n] == [6, 4]


def test_remapping_recomputes_the_stored_profiles(imported, officer_client, version):
    questions = {q.name: q.pk for q in version.questions.all()}
    officer_client.post(
        reverse("surveys:version-profile", args=[version.pk]),
        {"sex_question": questions["resp_sex"], "sex_female": "m", "sex_male": "f"},
    )
    assert Response.objects.get(uuid="kobo-002").sex == "male"
    assert set(Response.objects.values_list("is_returnee", "age_group")) == {(None, "")}


def test_the_mapping_refuses_a_choice_of_another_question(officer_client, version):
    questions = {q.name: q.pk for q in version.questions.all()}
    response = officer_client.post(
        reverse("surveys:version-profile", args=[version.pk]),
        {"sex_question": questions["resp_sex"], "sex_female": "y", "sex_male": "m"},
    )
    assert response.status_code == 200 and response.context["form"].errors["sex_female"]
    version.refresh_from_db()
    assert version.sex_question is None


# Small cells ------------------------------------------------------------------------------------


def test_a_partner_gets_less_than_5_for_a_small_cell_on_page_chart_and_export(imported, client_for, partner):
    client = client_for(partner)
    url = reverse("surveys:round-analysis", args=[imported.pk]) + "?by=returnee"
    page = client.get(url)
    table = page.context["table"]
    assert [c.n for c in table.questions[0].n] == [6, 4]  # returnees, not returnees
    services = next(r for r in table.questions if r.question.name == "services")
    small = services.rows[0].cells[1]
    assert small.hidden and (small.value, small.low, small.high, small.count) == (None, None, None, None)
    content = page.content.decode()
    assert 'data-cell="hidden"' in content and "&lt;5" in content
    assert "⚠" not in content.split('data-testid="analysis-table"')[1]  # partners see "<5", not the flag
    export = client.get(reverse("surveys:round-analysis-export", args=[imported.pk]) + "?by=returnee")
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.iter_rows(values_only=True))
    services_rows = [row for row in rows if row[0] and row[0].startswith("services")]
    assert services_rows[1][3:7] == ("<5", "<5", "<5", "<5")  # jobs, non-returnees: value, CI, n
    assert services_rows[0][6] == 6 and services_rows[0][8] == "<5"  # jobs, returnees: n = 6, 3 chose it: "<5"


def test_an_officer_sees_the_small_cell_flagged(imported, officer_client):
    page = officer_client.get(reverse("surveys:round-analysis", args=[imported.pk]) + "?by=returnee")
    services = next(r for r in page.context["table"].questions if r.question.name == "services")
    cell = services.rows[0].cells[1]  # jobs among the 4 non-returnees: 1 (row 12)
    assert (cell.small, cell.hidden, cell.n, cell.count) == (True, False, 4, 1)
    assert cell.value == pytest.approx(wald(1, 4)[0])
    assert 'data-cell="small"' in page.content.decode()


def test_the_analysis_page_costs_the_same_queries_whatever_the_data_size(imported, officer_client):
    from tests.queries import assert_constant_queries

    from .factories import ResponseFactory

    url = reverse("surveys:round-analysis", args=[imported.pk]) + "?by=municipality"
    answers = {"resp_sex": "f", "resp_age": 40, "worked_abroad": "n", "services": ["jobs"], "satisfaction": 3}
    assert_constant_queries(
        officer_client, url, lambda: [ResponseFactory(round=imported, answers=answers) for _n in range(5)]
    )


def test_a_partner_chart_of_a_small_round_draws_no_bar_and_labels_it_less_than_5(client_for, partner, world):
    from .factories import ResponseFactory

    round_ = RoundFactory(municipalities=[world.hub_a.municipality])  # the sample questionnaire
    for _n in range(3):
        ResponseFactory(round=round_, answers={"sex": "female", "age": 30, "returnee": "no", "needs": ["housing"]})
    charts = client_for(partner).get(reverse("surveys:round-analysis", args=[round_.pk])).context["charts"]
    chart_id = f"chart-{round_.version.questions.get(name='needs').pk}"
    needs = next(chart for chart in charts if chart["id"] == chart_id)
    assert needs["values"] == [None, None, None] and needs["ns"] == ["<5", "<5", "<5"]
    assert all(label.endswith("(<5)") for label in needs["labels"])
