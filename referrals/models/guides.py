"""Referral guides: one per target region, published as numbered, frozen editions.

An edition keeps a JSON snapshot of the services covering the region at the time it was
published, so a printed guide can always be reproduced and compared with the next one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hubs.models import Region


class ReferralGuideQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("region")
            .annotate(edition_count=models.Count("editions"), latest_number=models.Max("editions__number"))
            .order_by("region__sort_order")
        )


class ReferralGuide(models.Model):
    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="referral_guide"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReferralGuideQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral guide")
        verbose_name_plural = _("referral guides")
        ordering = ["region__sort_order"]

    def __str__(self) -> str:
        return str(_("Referral guide: %(region)s") % {"region": self.region.name})


class GuideEdition(models.Model):
    guide = models.ForeignKey(
        ReferralGuide, verbose_name=_("referral guide"), on_delete=models.PROTECT, related_name="editions"
    )
    number = models.PositiveIntegerField(_("edition"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("editor"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note on this edition"), blank=True)
    snapshot = models.JSONField(_("snapshot"), editable=False)

    class Meta:
        verbose_name = _("guide edition")
        verbose_name_plural = _("guide editions")
        ordering = ["guide", "-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="referrals_edition_number_once")]

    def __str__(self) -> str:
        return f"{self.guide} · {self.number}"

    @property
    def services(self) -> list[dict]:
        return self.snapshot.get("services", [])
