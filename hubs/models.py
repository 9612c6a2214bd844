from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin
from accounts.models import MembershipQuerySet
from accounts.roles import Role


class Region(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    is_target = models.BooleanField(_("target region of the pilot"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["sort_order", "name_en"]


class Municipality(BilingualNameMixin, models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        CITY = "city", _("Self-governing city")
        DISTRICT = "district", _("Tbilisi district")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    is_pilot = models.BooleanField(_("pilot municipality"), default=False)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["region__sort_order", "name_en"]


class HubQuerySet(models.QuerySet):
    def for_list(self):
        today = timezone.localdate()
        active = models.Q(memberships__start_date__lte=today) & (
            models.Q(memberships__end_date__isnull=True) | models.Q(memberships__end_date__gte=today)
        )
        return self.select_related("municipality__region").annotate(
            staff_count=models.Count("memberships", filter=active, distinct=True)
        )


class Hub(BilingualNameMixin, models.Model):
    """A municipal service hub: where counsellors take in, counsel and refer people."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPERATIONAL = "operational", _("Operational")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed")

    code = models.CharField(
        _("code"), max_length=5, unique=True, help_text=_("Three capital letters, used in case numbers.")
    )
    name_ka = models.CharField(_("name (Georgian)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    municipality = models.OneToOneField(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="hub"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    opening_date = models.DateField(_("opening date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    is_provisional = models.BooleanField(
        _("provisional choice"),
        default=False,
        help_text=_("Chosen for the demo from the programme's target regions; confirm or change it."),
    )
    history = HistoricalRecords()

    objects = HubQuerySet.as_manager()

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["municipality__region__sort_order", "name_en"]


class HubMembership(models.Model):
    """A person working at a hub as counsellor or hub lead, for a period."""

    HOLDS_PERSONAL_DATA = True
    ROLE_CHOICES = [(Role.COUNSELLOR.value, Role.COUNSELLOR.label), (Role.HUB_LEAD.value, Role.HUB_LEAD.label)]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="hub_memberships"
    )
    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("hub staff membership")
        verbose_name_plural = _("hub staff memberships")
        ordering = ["hub__code", "role", "user__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="hub_membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.hub} · {self.get_role_display()}"
