"""The managed list of priority themes, seeded from the community-priorities survey's choices."""

from django.db import transaction

from surveys.reference import PRIORITIES

from ..models import PriorityTheme


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Idempotent: creates the themes that are missing (by survey choice), never overwrites edits."""
    created = 0
    for order, (choice, name_ka, name_en) in enumerate(PRIORITIES, start=1):
        _theme, new = PriorityTheme.objects.get_or_create(
            survey_choice=choice, defaults={"name_ka": name_ka, "name_en": name_en, "order": order}
        )
        created += new
    return {"priority_themes": created}
