"""The need taxonomy, defined once: needs assessments use it, and so do the referral directory's
service categories, so that a person's need proposes matching services.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    ECONOMIC = "economic", _("Economic")
    SOCIAL = "social", _("Social")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    HEALTH = "health", _("Health")


class Need(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment and job search")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training and retraining")
    BUSINESS_SUPPORT = "business_support", _("Business start-up and self-employment")
    FINANCIAL_ASSISTANCE = "financial_assistance", _("Financial assistance")
    FUNDING = "funding", _("Alternative funding schemes")
    HOUSING = "housing", _("Housing and temporary accommodation")
    LEGAL_DOCUMENTS = "legal_documents", _("Legal aid and documents")
    EDUCATION = "education", _("Education")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance and benefits")
    INFORMATION = "information", _("Information and advice")
    PSYCHOLOGICAL_COUNSELLING = "psychological_counselling", _("Psychological counselling")
    PSYCHOSOCIAL_REHABILITATION = "psychosocial_rehabilitation", _("Psychosocial rehabilitation")
    FAMILY_SUPPORT = "family_support", _("Family support")
    MEDICAL_CARE = "medical_care", _("Medical care and diagnostics")
    EMERGENCY_CARE = "emergency_care", _("Emergency medical care")
    MEDICATION = "medication", _("Medication")
    DISABILITY_SUPPORT = "disability_support", _("Disability support")


DIMENSION_OF: dict[str, str] = {
    Need.EMPLOYMENT: Dimension.ECONOMIC,
    Need.VOCATIONAL_TRAINING: Dimension.ECONOMIC,
    Need.BUSINESS_SUPPORT: Dimension.ECONOMIC,
    Need.FINANCIAL_ASSISTANCE: Dimension.ECONOMIC,
    Need.FUNDING: Dimension.ECONOMIC,
    Need.HOUSING: Dimension.SOCIAL,
    Need.LEGAL_DOCUMENTS: Dimension.SOCIAL,
    Need.EDUCATION: Dimension.SOCIAL,
    Need.SOCIAL_ASSISTANCE: Dimension.SOCIAL,
    Need.INFORMATION: Dimension.SOCIAL,
    Need.PSYCHOLOGICAL_COUNSELLING: Dimension.PSYCHOSOCIAL,
    Need.PSYCHOSOCIAL_REHABILITATION: Dimension.PSYCHOSOCIAL,
    Need.FAMILY_SUPPORT: Dimension.PSYCHOSOCIAL,
    Need.MEDICAL_CARE: Dimension.HEALTH,
    Need.EMERGENCY_CARE: Dimension.HEALTH,
    Need.MEDICATION: Dimension.HEALTH,
    Need.DISABILITY_SUPPORT: Dimension.HEALTH,
}


def needs_in(dimension: str) -> list[Need]:
    return [need for need in Need if DIMENSION_OF[need] == dimension]


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped by dimension, for a select with optgroups."""
    return [(dimension.label, [(n.value, n.label) for n in needs_in(dimension)]) for dimension in Dimension]


# Which other service categories also serve a need (the referral page offers them after the exact
# category): e.g. psychosocial rehabilitation for psychological counselling, training for employment.
SERVED_ALSO_BY: dict[str, tuple[str, ...]] = {
    Need.EMPLOYMENT: (Need.VOCATIONAL_TRAINING, Need.BUSINESS_SUPPORT, Need.INFORMATION),
    Need.VOCATIONAL_TRAINING: (Need.EDUCATION, Need.EMPLOYMENT),
    Need.BUSINESS_SUPPORT: (Need.FUNDING, Need.FINANCIAL_ASSISTANCE, Need.VOCATIONAL_TRAINING),
    Need.FINANCIAL_ASSISTANCE: (Need.SOCIAL_ASSISTANCE, Need.FUNDING),
    Need.FUNDING: (Need.BUSINESS_SUPPORT, Need.FINANCIAL_ASSISTANCE),
    Need.HOUSING: (Need.SOCIAL_ASSISTANCE,),
    Need.LEGAL_DOCUMENTS: (Need.INFORMATION,),
    Need.EDUCATION: (Need.VOCATIONAL_TRAINING,),
    Need.SOCIAL_ASSISTANCE: (Need.FINANCIAL_ASSISTANCE, Need.FAMILY_SUPPORT),
    Need.INFORMATION: (Need.LEGAL_DOCUMENTS,),
    Need.PSYCHOLOGICAL_COUNSELLING: (Need.PSYCHOSOCIAL_REHABILITATION, Need.FAMILY_SUPPORT),
    Need.PSYCHOSOCIAL_REHABILITATION: (Need.PSYCHOLOGICAL_COUNSELLING,),
    Need.FAMILY_SUPPORT: (Need.PSYCHOLOGICAL_COUNSELLING, Need.SOCIAL_ASSISTANCE),
    Need.MEDICAL_CARE: (Need.EMERGENCY_CARE, Need.MEDICATION, Need.DISABILITY_SUPPORT),
    Need.EMERGENCY_CARE: (Need.MEDICAL_CARE,),
    Need.MEDICATION: (Need.MEDICAL_CARE,),
    Need.DISABILITY_SUPPORT: (Need.MEDICAL_CARE, Need.SOCIAL_ASSISTANCE),
}


def categories_serving(need: str) -> list[str]:
    """The need's own category first, then the related ones."""
    return [need, *SERVED_ALSO_BY.get(need, ())]
