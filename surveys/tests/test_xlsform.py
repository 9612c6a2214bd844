import pytest

from surveys.models import InstrumentVersion
from surveys.services import version_signature
from surveys.xlsform import xlsform_import

from . import xlsforms
from .factories import InstrumentFactory
from .test_instruments import build_in_app

pytestmark = pytest.mark.django_db


def test_sample_xlsform_gives_the_same_questions_as_the_builder(officer):
    built = build_in_app(officer)
    version, problems = xlsform_import(instrument=InstrumentFactory(), content=xlsforms.workbook(), acting_user=officer)
    assert problems == []
    assert version.source == InstrumentVersion.Source.XLSFORM
    assert version.form_id == "sample_household"
    assert version_signature(version) == version_signature(built)
    assert len(version_signature(version)) == 10  # start and note rows are not questions


def test_xlsform_problems_are_reported_by_sheet_and_row_all_at_once(officer):
    survey = [row[:] for row in xlsforms.SURVEY]
    survey[3][0] = "select_one sexes"  # row 4: unknown list
    survey[4][5] = ". >= 18 and and"  # row 5: broken constraint
    survey[8][8] = "${nobody} = 'yes'"  # row 9: unknown question in relevant
    survey.append(["geopoint", "where", "სად", "Where"])  # row 26: unsupported
    survey.append(["text", "comment", "კიდევ", "Again"])  # row 27: duplicate name
    choices = xlsforms.CHOICES + [["needs", None, "უსახელო", "No name"]]  # row 12
    version, problems = xlsform_import(
        instrument=InstrumentFactory(), content=xlsforms.workbook(survey, choices), acting_user=officer
    )
    assert version is None
    where = sorted((p["sheet"], p["row"]) for p in problems)
    assert where == [("choices", 12), ("survey", 4), ("survey", 5), ("survey", 9), ("survey", 26), ("survey", 27)]
    assert not InstrumentVersion.objects.exists()


def test_a_file_that_is_not_a_workbook_is_one_problem(officer):
    version, problems = xlsform_import(instrument=InstrumentFactory(), content=b"not a workbook", acting_user=officer)
    assert version is None and len(problems) == 1
