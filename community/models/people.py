"""Counts of people by sex, age group and migration status, shared by consultations, ideas and completions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SEX_FIELDS = ("female", "male")
AGE_FIELDS = ("age_0_17", "age_18_29", "age_30_44", "age_45_59", "age_60_plus")
STATUS_FIELDS = ("returnees", "potential_migrants", "local_residents")
COUNT_FIELDS = SEX_FIELDS + AGE_FIELDS + STATUS_FIELDS


class ResidentStatus(models.TextChoices):
    RETURNEE = "returnee", _("Returned migrant")
    POTENTIAL_MIGRANT = "potential_migrant", _("Potential migrant")
    LOCAL_RESIDENT = "local_resident", _("Local resident")


class AgeGroup(models.TextChoices):
    # The survey app's age groups (surveys.models.AGE_GROUPS), so the two can be compared.
    A0_17 = "0-17", "0–17"
    A18_29 = "18-29", "18–29"
    A30_44 = "30-44", "30–44"
    A45_59 = "45-59", "45–59"
    A60 = "60+", "60+"


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


def _count(label):
    return models.PositiveIntegerField(label, default=0)


class PeopleCounts(models.Model):
    """Three breakdowns of one group of people; each one adds up to the same total."""

    female = _count(_("women"))
    male = _count(_("men"))
    age_0_17 = _count(_("aged 0–17"))
    age_18_29 = _count(_("aged 18–29"))
    age_30_44 = _count(_("aged 30–44"))
    age_45_59 = _count(_("aged 45–59"))
    age_60_plus = _count(_("aged 60 and over"))
    returnees = _count(_("returned migrants"))
    potential_migrants = _count(_("potential migrants"))
    local_residents = _count(_("local residents"))

    class Meta:
        abstract = True

    @property
    def people_total(self) -> int:
        return self.female + self.male

    @property
    def women_share(self):
        from decimal import Decimal

        total = self.people_total
        return (Decimal(self.female) / total).quantize(Decimal("0.001")) if total else Decimal(0)

    def clean(self):
        super().clean()
        sums = {
            "sex": sum(getattr(self, f) or 0 for f in SEX_FIELDS),
            "age": sum(getattr(self, f) or 0 for f in AGE_FIELDS),
            "status": sum(getattr(self, f) or 0 for f in STATUS_FIELDS),
        }
        if len(set(sums.values())) > 1:
            raise ValidationError(
                _(
                    "The counts by sex (%(sex)s), by age group (%(age)s) and by status (%(status)s) "
                    "must add up to the same number of people."
                )
                % sums
            )
