from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel
from accounts.bilingual import BilingualNameMixin
from accounts.constraints import choices_checked
from accounts.models import MembershipQuerySet, active_on
from accounts.roles import Role


class RegionQuerySet(models.QuerySet):
    def for_list(self):
        return self.annotate(
            municipality_count=models.Count("municipalities", distinct=True),
            hub_count=models.Count("municipalities__hub", distinct=True),
        )


class Region(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    is_target = models.BooleanField(_("target region of the pilot"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["sort_order", "name_en"]

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("region", "hub")


@choices_checked("kind")
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
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    administrative_centre = models.CharField(_("administrative centre"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["region__sort_order", "name_en"]

    def __str__(self) -> str:
        return self.name


class HubQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("municipality__region").annotate(
            staff_count=models.Count(
                "memberships",
                filter=active_on(prefix="memberships__") & not_ended("memberships__"),
                distinct=True,
            )
        )


@choices_checked("status")
class Hub(BilingualNameMixin, models.Model):
    """A municipal service hub: where counsellors take in, counsel and refer people."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPERATIONAL = "operational", _("Operational")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed")

    # Which status may follow which: a closed hub stays closed.
    TRANSITIONS = {
        Status.PLANNED: {Status.OPERATIONAL, Status.CLOSED},
        Status.OPERATIONAL: {Status.SUSPENDED, Status.CLOSED},
        Status.SUSPENDED: {Status.OPERATIONAL, Status.CLOSED},
        Status.CLOSED: set(),
    }

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

    def __str__(self) -> str:
        return self.name

    def allowed_statuses(self) -> list[str]:
        return [status for status in self.Status if status in self.TRANSITIONS[self.Status(self.status)]]


@choices_checked("from_status", "to_status")
class HubStatusChange(AppendOnlyModel):
    """One row per status change of a hub: who moved it, from what, to what, when and why."""

    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Hub.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Hub.Status.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("hub status change")
        verbose_name_plural = _("hub status changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.hub.code}: {self.get_from_status_display()} → {self.get_to_status_display()}"


@choices_checked("weekday")
class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["hub", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_hours_close_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


def not_ended(prefix: str = "") -> models.Q:
    """Not stopped early: a membership ended "today, now" stops at once, not at midnight."""
    return models.Q(**{f"{prefix}ended_at__isnull": True}) | models.Q(**{f"{prefix}ended_at__gt": timezone.now()})


class HubMembershipQuerySet(MembershipQuerySet):
    def for_list(self):
        return self.select_related("user", "hub")

    def active(self, on=None):
        memberships = super().active(on)
        if on is None or on >= timezone.localdate():  # the past keeps its end dates as they were
            memberships = memberships.filter(not_ended())
        return memberships

    def current_or_future(self, on=None):
        day = on or timezone.localdate()
        return self.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=day)).filter(not_ended())


@choices_checked("role")
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
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = HubMembershipQuerySet.as_manager()

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

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        if self.ended_at is not None and self.ended_at <= timezone.now():
            return False
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)
