"""Reference data: the pilot's two coordination committees, as the project document names them."""

from django.db import transaction

from ..models import Committee

COMMITTEES = [
    (
        "PSC",
        Committee.Kind.STEERING,
        "პროექტის სამეთვალყურეო კომიტეტი",
        "Project Steering Committee",
        "პროექტის სტრატეგიული ხელმძღვანელობა; საპილოტე ინიციატივების ეროვნულ დონეზე კოორდინირება; "
        "შედეგების გაზიარების ხელშეწყობა.",
        "Provides support and strategic guidance to the overall implementation of the project, validating "
        "piloted approaches to reintegration and ensuring a follow-up at the national level.",
    ),
    (
        "CC",
        Committee.Kind.CONSULTATIVE,
        "საკონსულტაციო კომიტეტი",
        "Consultative Committee",
        "ცენტრალურ და ადგილობრივ პარტნიორ ორგანიზაციებს შორის კოორდინაციის სტრუქტურა, ამ ორგანიზაციების "
        "პროგრამებთან და ინიციატივებთან სინერჯისა და კოორდინაციის უზრუნველყოფა.",
        "National and local level structure (technical management level), ensuring participation and "
        "coordination between the national and local partners and synergies with their programmes and services.",
    ),
]


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Create the two committees if missing; never overwrite what officers edited."""
    created = 0
    for order, (code, kind, name_ka, name_en, mandate_ka, mandate_en) in enumerate(COMMITTEES):
        _committee, new = Committee.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name_ka": name_ka,
                "name_en": name_en,
                "mandate_ka": mandate_ka,
                "mandate_en": mandate_en,
                "sort_order": order,
            },
        )
        created += new
    return {"committees": created}
