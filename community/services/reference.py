"""Reference data of the community pipeline: the managed list of priority themes (from the
community-priorities survey's choices) and the committee's default criteria for community projects."""

from decimal import Decimal

from django.db import transaction

from surveys.reference import PRIORITIES

from ..models import CommunityCriterion, PriorityTheme

# The project sheet (seeds) says only that a committee selects "according to determined selection
# criteria"; these are derived from the SPEC's community pipeline (section 4): the idea answers a
# priority the community retained, benefits returnees and residents, has a feasible budget and
# workplan, lasts after the grant, and is co-funded locally. Scored 1-5, minimum 3 each (SPEC).
CRITERIA = [
    # code, Georgian, English, weight, guidance for scorers (Georgian, then English)
    (
        "priority",
        "პასუხობს თემის მიერ შერჩეულ პრიორიტეტს",
        "Answers a priority the community retained",
        "2",
        "რამდენად პასუხობს იდეა კონსულტაციაზე და კვლევით დადასტურებულ პრიორიტეტს. / "
        "How directly the idea answers the priority voted at the consultation and confirmed by the survey.",
    ),
    (
        "benefit",
        "სარგებელი დაბრუნებული მიგრანტებისა და თემისთვის",
        "Benefit to returnees and the wider community",
        "2",
        "ვინ და რამდენი ადამიანი ისარგებლებს, მათ შორის დაბრუნებული მიგრანტები და მოწყვლადი ჯგუფები. / "
        "Who benefits and how many, returnees and vulnerable groups among them.",
    ),
    (
        "feasibility",
        "ბიუჯეტისა და სამუშაო გეგმის რეალისტურობა",
        "Feasibility of the budget and workplan",
        "1.5",
        "შემოწმებული ღირებულება, ვადები და ექსპერტის შეფასება. / "
        "The checked cost, the timeline and the expert's assessment.",
    ),
    (
        "sustainability",
        "მდგრადობა გრანტის დასრულების შემდეგ",
        "Sustainability after the grant",
        "1",
        "ვინ მოუვლის და დააფინანსებს შედეგს პროექტის შემდეგ. / "
        "Who maintains and pays for the result once the project ends.",
    ),
    (
        "cofunding",
        "ადგილობრივი და მუნიციპალური თანადაფინანსება",
        "Local and municipal co-funding",
        "1",
        "თემისა და მუნიციპალიტეტის წვლილი თანხით ან შრომით. / "
        "The community's and the municipality's contribution, in money or in work.",
    ),
]


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Idempotent: creates the rows that are missing (by survey choice or code), never overwrites edits."""
    themes = 0
    for order, (choice, name_ka, name_en) in enumerate(PRIORITIES, start=1):
        _theme, new = PriorityTheme.objects.get_or_create(
            survey_choice=choice, defaults={"name_ka": name_ka, "name_en": name_en, "order": order}
        )
        themes += new
    criteria = 0
    for order, (code, name_ka, name_en, weight, guidance) in enumerate(CRITERIA, start=1):
        defaults = {"name_ka": name_ka, "name_en": name_en, "weight": Decimal(weight), "description": guidance}
        _criterion, new = CommunityCriterion.objects.get_or_create(code=code, defaults=defaults | {"order": order})
        criteria += new
    return {"priority_themes": themes, "community_criteria": criteria}


def default_committee_criteria() -> list[dict]:
    """The grants.defaults provider for community cycles: the criteria in use, in order."""
    return [criterion.as_criterion() for criterion in CommunityCriterion.objects.active()]
