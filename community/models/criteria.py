"""The committee's default criteria for community projects (reference data, ka/en)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CommunityCriterionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CommunityCriterion(models.Model):
    """A criterion every new community cycle starts with; each cycle keeps its own copy."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description = models.TextField(_("guidance for scorers"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1.00"))
    score_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    score_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    minimum = models.DecimalField(_("minimum mean score"), max_digits=5, decimal_places=2, default=Decimal("3.00"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = CommunityCriterionQuerySet.as_manager()

    class Meta:
        verbose_name = _("default criterion for community projects")
        verbose_name_plural = _("default criteria for community projects")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score_max__gt=models.F("score_min")), name="community_criterion_range"
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="community_criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name_en if get_language() == "en" else self.name_ka

    def as_criterion(self) -> dict:
        """The fields a cycle's grants.Criterion is made of."""
        fields = ["name_ka", "name_en", "description", "weight", "score_min", "score_max", "minimum"]
        return {name: getattr(self, name) for name in fields}
