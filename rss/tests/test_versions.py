"""Loading versions: the provisional one, an official table (CSV or XLSX), errors by row, immutability."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from rss import loader, selectors, services
from rss.models import Dimension, Option, Round, Version, VersionLocked
from rss.tests.factories import HAND_TABLE, HEADER, answers_all, hand_version, provisional, scored_case, write_table

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The error messages are checked in English (their Georgian is in the catalogue)."""
    with translation.override("en"):
        yield


def test_the_provisional_version_has_15_indicators_in_3_dimensions_with_equal_weights():
    version = provisional()
    assert version.is_provisional and version.is_current
    assert version.indicators.count() == 15 and version.questions.count() == 15
    for dimension in version.dimensions.all():
        assert dimension.indicators.count() == 5
        assert dimension.weight == Decimal("0.3333333333")
        assert {i.weight for i in dimension.indicators.all()} == {Decimal("0.2")}
    assert all(q.text_ka and q.text_en for q in version.questions.all())


def test_loading_the_provisional_version_twice_changes_nothing():
    provisional()
    assert services.reference_load() == {"rss versions": 0}
    assert Version.objects.count() == 1


def test_the_command_loads_an_xlsx_table(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in HAND_TABLE:
        sheet.append(row)
    book.save(tmp_path / "official.xlsx")
    call_command("load_rss_version", str(tmp_path / "official.xlsx"), "--make-current")
    version = Version.objects.get(name="hand")
    assert version.is_current and not version.is_provisional
    assert version.indicators.get(code="e1").weight == Decimal("0.6")


def _broken_rows():
    rows = [list(r) for r in HAND_TABLE]
    rows[1][3] = "0.6"  # row 3: economic 0.6 -> dimensions sum to 1.1
    rows[4][2] = "nowhere"  # row 6: indicator e1 names a dimension that does not exist
    rows[20][4] = "1.5"  # row 22: an option valued outside [0, 1]
    rows[7][3] = "-0.25"  # row 9: a negative weight
    return rows


def test_a_malformed_file_gets_errors_by_row_and_loads_nothing(tmp_path):
    path = write_table(tmp_path / "broken.csv", _broken_rows())
    with pytest.raises(loader.TableError) as caught:
        services.version_load(path=path)
    errors = "\n".join(caught.value.errors)
    assert "Row 2: the weights of the dimensions sum to 1.1, not 1." in errors
    assert "Row 6: indicator “e1” names dimension “nowhere”" in errors
    assert "Row 22: the value 1.5 is outside [0, 1]." in errors
    assert "Row 9: the weight -0.25 is negative." in errors
    assert Version.objects.count() == 0 and Dimension.objects.count() == 0 and Option.objects.count() == 0


def test_the_command_reports_every_error_and_loads_nothing(tmp_path, capsys):
    path = write_table(tmp_path / "broken.csv", _broken_rows())
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_rss_version", str(path))
    assert "Row 22" in capsys.readouterr().err
    assert not Version.objects.exists()


def test_an_indicator_defined_twice_or_a_question_without_options_is_refused(tmp_path):
    rows = [list(r) for r in HAND_TABLE if not (r[0] == "option" and r[2] == "p2a")]
    rows.append(["indicator", "e1", "social", "0", "", "ორჯერ", "Twice", "", ""])
    with pytest.raises(loader.TableError) as caught:
        services.version_load(path=write_table(tmp_path / "dup.csv", rows))
    errors = "\n".join(caught.value.errors)
    assert "indicator “e1” is already defined on row 6" in errors
    assert "question “p2a” has nothing under it" in errors


def test_a_version_name_is_never_reused(tmp_path):
    hand_version(tmp_path)
    with pytest.raises(loader.TableError, match="already loaded"):
        hand_version(tmp_path)


def test_a_version_used_by_a_score_refuses_changes_at_the_model_level(tmp_path, world):
    version = hand_version(tmp_path)
    scored_case(world.hub_a, world.user("counsellor"), version, [answers_all(version)])
    with pytest.raises(VersionLocked):
        Option.objects.filter(version=version).first().save()
    with pytest.raises(VersionLocked):
        version.dimensions.first().delete()
    with pytest.raises(VersionLocked):
        services.version_assert_editable(version)
    version.min_answered_share = Decimal("0.9")
    with pytest.raises(VersionLocked):
        version.save()


def test_an_old_score_keeps_its_value_and_explanation_after_a_new_version_is_loaded(tmp_path, world):
    old = hand_version(tmp_path)
    answers = {"e1a": "full", "e1b": "half", "e2a": "quarter", "s1a": "half", "p1a": "none", "p2a": "full"}
    _, (baseline,) = scored_case(world.hub_a, world.user("counsellor"), old, [answers])
    before = (baseline.composite, dict(baseline.scores), baseline.explanation)
    rows = [list(r) for r in HAND_TABLE]
    rows[1][3], rows[2][3] = "0.3", "0.5"  # the new version swaps the economic and social weights
    hand_version(tmp_path, name="official-2027", rows=rows)
    baseline = Round.objects.get(pk=baseline.pk)
    assert baseline.version == old and Version.objects.get(name="official-2027").is_current
    assert (baseline.composite, baseline.scores, baseline.explanation) == before
    assert baseline.composite == Decimal("0.5750")
    recomputed = selectors.recompute(baseline)
    assert recomputed.scores()["composite"] == Decimal("0.5750")
    assert recomputed.explanation() == baseline.explanation


def test_the_demo_seeds_rounds_once(world):
    from reintegration.tests.factories import case_at
    from rss import demo

    for _ in range(6):
        case_at(world.hub_a, world.user("counsellor"))
    demo.seed()
    completed = Round.objects.filter(status="completed").count()
    assert completed > 0 and Round.objects.filter(kind="baseline").count() <= 6
    demo.seed()
    assert Round.objects.filter(status="completed").count() == completed


def test_the_version_pages_cost_the_same_queries_whatever_the_data(client_for, counsellor, tmp_path):
    from django.urls import reverse

    from tests.queries import assert_constant_queries, queries_for

    small = hand_version(tmp_path)  # 7 questions
    client = client_for(counsellor)
    assert_constant_queries(client, reverse("rss:version-list"), lambda: hand_version(tmp_path, name="second"))
    large = provisional()  # 15 questions
    assert queries_for(client, small.get_absolute_url()) == queries_for(client, large.get_absolute_url())
    page = client.get(small.get_absolute_url()).content.decode()
    assert "სამუშაო?" in page
