"""A realistic Kobo export imported through the pages, and the analysis checked by hand."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from surveys import analysis
from surveys.models import ImportJob, Response
from surveys.services import import_commit

from . import kobo_exports
from .factories import RoundFactory, build_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def places(world):
    return {"a": world.hub_a.municipality.code, "b": world.hub_b.municipality.name_en}


@pytest.fixture
def rounds(world):
    municipalities = [world.hub_a.municipality, world.hub_b.municipality]
    baseline = RoundFactory(name_en="Baseline", municipalities=municipalities)
    final = RoundFactory(name_en="Final", municipalities=municipalities, version=build_version())
    return baseline, final


def upload(client, round_, content: bytes, name: str, capture) -> ImportJob:
    with capture(execute=True):
        response = client.post(
            reverse("surveys:import-create", args=[round_.pk]), {"file": SimpleUploadedFile(name, content)}
        )
    job = ImportJob.objects.latest("pk")
    assert response.url == reverse("surveys:import-detail", args=[job.pk])
    return job


def commit(client, job, capture) -> ImportJob:
    with capture(execute=True):
        response = client.post(reverse("surveys:import-commit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def imported(client, round_, content, name, capture) -> ImportJob:
    job = upload(client, round_, content, name, capture)
    assert job.status == ImportJob.Status.CHECKED, job.problems
    return commit(client, job, capture)


def test_dry_run_lists_every_problem_by_row_and_column_and_stores_nothing(
    client_for, officer, rounds, places, django_capture_on_commit_callbacks
):
    content = kobo_exports.as_csv(kobo_exports.baseline_rows(places))
    job = upload(client_for(officer), rounds[0], content, "baseline.csv", django_capture_on_commit_callbacks)
    errors = {(p["row"], p["column"]) for p in job.problems if p["level"] == "error"}
    assert errors == {(12, "_uuid"), (13, "respondent/age")}
    assert (job.total_rows, job.valid_rows, job.problem_count) == (12, 10, 2)
    assert not Response.objects.exists()
    page = client_for(officer).get(reverse("surveys:import-detail", args=[job.pk])).content.decode()
    assert (
        "<td>12</td><td><code>_uuid</code></td>" in page and "<td>13</td><td><code>respondent/age</code></td>" in page
    )


def test_import_is_idempotent_by_uuid(client_for, officer, rounds, places, django_capture_on_commit_callbacks):
    client, capture = client_for(officer), django_capture_on_commit_callbacks
    content = kobo_exports.as_csv(kobo_exports.baseline_rows(places))
    job = imported(client, rounds[0], content, "baseline.csv", capture)
    assert (job.status, job.created_count, job.skipped_count) == (ImportJob.Status.DONE, 10, 2)
    again = imported(client, rounds[0], content, "baseline.csv", capture)
    assert (again.valid_rows, again.created_count, again.skipped_count) == (0, 0, 12)
    assert Response.objects.count() == 10
    stored = Response.objects.get(uuid="base-0001")
    assert stored.answers["needs"] == ["employment", "housing"] and stored.answers["priorities"] == ["water", "jobs"]
    assert stored.municipality == rounds[0].targets.order_by("pk").first().municipality


def test_commit_twice_queues_one_import(officer, rounds, places, django_capture_on_commit_callbacks):
    job = ImportJob.objects.create(
        round=rounds[0], original_name="x.csv", file="x.csv", status="checked", created_by=officer
    )
    with django_capture_on_commit_callbacks() as callbacks:
        import_commit(job=job, acting_user=officer)
        import_commit(job=job, acting_user=officer)
    assert len(callbacks) == 1


def test_xlsx_export_imports_like_csv(client_for, officer, rounds, places, django_capture_on_commit_callbacks):
    content = kobo_exports.as_xlsx(kobo_exports.baseline_rows(places))
    job = imported(client_for(officer), rounds[0], content, "baseline.xlsx", django_capture_on_commit_callbacks)
    assert (job.created_count, job.skipped_count) == (10, 2)


def test_missing_uuid_column_fails_the_dry_run(client_for, officer, rounds, django_capture_on_commit_callbacks):
    content = b"respondent/sex,municipality\nfemale,x\n"
    job = upload(client_for(officer), rounds[0], content, "bad.csv", django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert {(p["row"], p["column"]) for p in job.problems if p["level"] == "error"} == {(1, "_uuid")}


@pytest.fixture
def analysed(client_for, officer, rounds, places, django_capture_on_commit_callbacks):
    client = client_for(officer)
    imported(
        client,
        rounds[0],
        kobo_exports.as_csv(kobo_exports.baseline_rows(places)),
        "b.csv",
        django_capture_on_commit_callbacks,
    )
    final = kobo_exports.as_csv(kobo_exports.rows(kobo_exports.FINAL, "final", places))
    imported(client, rounds[1], final, "f.csv", django_capture_on_commit_callbacks)
    return rounds


def _rows(table, name):
    result = next(r for r in table.questions if r.question.name == name)
    return result, {
        row.label: [None if c.value is None else round(c.value, 2) for c in row.cells] for row in result.rows
    }


def test_analysis_page_numbers_equal_hand_computed_values(client_for, officer, analysed):
    page = client_for(officer).get(reverse("surveys:round-analysis", args=[analysed[0].pk]))
    table = page.context["table"]
    assert table.total == 10
    result, rows = _rows(table, "sex")
    assert [c.n for c in result.n] == [10] and list(rows.values()) == [[50.0], [50.0]]
    _result, rows = _rows(table, "age")
    assert list(rows.values()) == [[41.9]]  # 419 / 10
    result, rows = _rows(table, "months_abroad")
    assert (result.n[0].n, list(rows.values())) == (6, [[24.0]])  # (12+24+36+6+18+48) / 6
    result, rows = _rows(table, "income")
    assert (result.n[0].n, list(rows.values())) == (9, [[700.0]])  # 6300 / 9
    result, rows = _rows(table, "needs")
    # everyone was asked: the respondent who ticked nothing is in the base (5/10, 4/10, 3/10)
    assert result.n[0].n == 10 and list(rows.values()) == [[50.0], [40.0], [30.0]]
    result, rows = _rows(table, "plan_to_leave")
    assert result.n[0].n == 9 and list(rows.values())[0] == [33.33]  # 3/9: the 63-year-old non-returnee was skipped
    assert "33.3%" in page.content.decode() or "33,3%" in page.content.decode()


def test_disaggregation_flags_small_cells_and_hides_them_from_partners(client_for, officer, partner, analysed):
    url = reverse("surveys:round-analysis", args=[analysed[0].pk]) + "?by=sex"
    table = client_for(officer).get(url).context["table"]
    assert [key for key, _label in table.groups] == ["female", "male"]
    result, rows = _rows(table, "needs")
    assert [c.n for c in result.n] == [5, 5] and list(rows.values())[0] == [40.0, 60.0]  # employment: 2/5, 3/5
    result, rows = _rows(table, "plan_to_leave")  # the 63-year-old woman was not asked
    assert [c.n for c in result.n] == [4, 5] and [c.small for c in result.n] == [True, False]
    assert list(rows.values())[0] == [25.0, 40.0]  # yes: 1 of 4 women, 2 of 5 men
    table = client_for(partner).get(url).context["table"]
    result, rows = _rows(table, "plan_to_leave")
    assert list(rows.values())[0] == [None, 40.0] and result.rows[0].cells[0].hidden


def test_disaggregation_by_municipality_returnee_and_age_group(officer, analysed, world):
    table = analysis.analyse(analysed[0], dimension="municipality")
    assert [label for _k, label in table.groups] == [world.hub_a.municipality.name, world.hub_b.municipality.name]
    assert [c.n for c in _rows(table, "age")[0].n] == [6, 4]
    table = analysis.analyse(analysed[0], dimension="returnee")
    assert [c.n for c in _rows(table, "income")[0].n] == [5, 4]  # the 70-year-old returnee gave no income
    table = analysis.analyse(analysed[0], dimension="age_group")
    assert [k for k, _l in table.groups] == ["18-29", "30-44", "45-59", "60+"]
    assert [c.n for c in _rows(table, "sex")[0].n] == [3, 3, 2, 2]


def test_sampling_weights_weight_percentages_and_means(analysed):
    table = analysis.analyse(analysed[0], weighted=True)
    assert list(_rows(table, "sex")[1].values()) == [[66.67], [33.33]]  # women weigh 2: 10 / 15
    assert list(_rows(table, "age")[1].values()) == [[40.53]]  # (2 × 189 + 230) / 15


def test_baseline_versus_final_difference_and_confidence_interval(client_for, officer, analysed):
    baseline, final = analysed
    url = reverse("surveys:comparison") + f"?baseline={baseline.pk}&final={final.pk}"
    results = dict(client_for(officer).get(url).context["results"])
    by_name = {q.name: rows for q, rows in results.items()}
    (income,) = by_name["income"]
    assert (income.n1, income.n2, income.value1, income.value2) == (9, 8, 700.0, 987.5)
    # SE = √(75000/9 + 41250/8): sample variances 600000/8 and 288750/7
    assert round(income.difference, 2) == 287.5
    assert (round(income.low, 2), round(income.high, 2)) == (59.86, 515.14)
    plan_yes = by_name["plan_to_leave"][0]
    # 3/9 at baseline, 1/8 at the end: SE = √(⅓·⅔/9 + ⅛·⅞/8)
    assert (plan_yes.n1, plan_yes.n2) == (9, 8)
    assert round(plan_yes.difference, 2) == -20.83
    assert (round(plan_yes.low, 2), round(plan_yes.high, 2)) == (-59.22, 17.56)
    assert "priorities" not in by_name and "comment" not in by_name


def test_xlsx_exports_hold_the_table_and_the_raw_responses(client_for, officer, partner, analysed):
    from io import BytesIO

    from accounts.models import AccessLog

    client = client_for(officer)
    response = client.get(reverse("surveys:round-responses-export", args=[analysed[0].pk]))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (rows[0][0], rows[0][2:4], len(rows)) == ("_uuid", ("municipality", "weight"), 11)
    assert AccessLog.objects.filter(action="export", user=officer).exists()
    response = client_for(partner).get(reverse("surveys:round-analysis-export", args=[analysed[0].pk]) + "?by=sex")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = [row for row in sheet.iter_rows(values_only=True) if row[0] and row[0].startswith("plan_to_leave")]
    yes_women, yes_men = rows[0][3:9], rows[1][3:9]  # the choice "yes", then the groups: women, men
    assert yes_men[0] == 40 and yes_men[3] == 5  # men planning to leave: 2 of 5
    assert yes_women == ("<5",) * 4 + (None, "<5")  # 1 of 4 women: hidden from partners


def test_analysis_page_shows_a_chart_without_a_cdn(client_for, officer, analysed):
    page = client_for(officer).get(reverse("surveys:round-analysis", args=[analysed[0].pk])).content.decode()
    assert "vendor/chart.js/chart.umd.min.js" in page and 'id="survey-charts"' in page
    assert "http" not in page.split("survey-charts")[0].split("<script")[-1]


def test_comparison_exports_as_xlsx_with_both_intervals_and_the_difference(client_for, officer, analysed):
    from io import BytesIO

    baseline, final = analysed
    url = reverse("surveys:comparison-export") + f"?baseline={baseline.pk}&final={final.pk}"
    response = client_for(officer).get(url)
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    income = next(row for row in rows if row[0] and str(row[0]).startswith("income"))
    # baseline 700 (n 9), final 987.5 (n 8); difference 287.5 ± 1.96·√(75000/9 + 41250/8)
    assert (income[2], income[5], income[6], income[9]) == (700, 9, 987.5, 8)
    assert income[10:13] == (287.5, 59.86, 515.14)
    se1 = (600000 / 8 / 9) ** 0.5  # baseline mean's standard error: sample variance 600000/8, n 9
    assert (income[3], income[4]) == (round(700 - 1.96 * se1, 2), round(700 + 1.96 * se1, 2))
    assert book.worksheets[1].max_row == 6  # the methods, one paragraph a row
