"""Information sessions a hub holds for the public, counted as people informed."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin

from .places import Hub

# (field, category, sex): the participants of a session counted by category and sex.
PARTICIPANT_FIELDS = [
    ("returnee_women", "returnee", "women"),
    ("returnee_men", "returnee", "men"),
    ("potential_women", "potential", "women"),
    ("potential_men", "potential", "men"),
    ("resident_women", "resident", "women"),
    ("resident_men", "resident", "men"),
]


class InfoSessionTopic(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("information session topic")
        verbose_name_plural = _("information session topics")
        ordering = ["sort_order", "name_en"]

    def __str__(self) -> str:
        return self.name


def people_expression():
    total = None
    for field, _category, _sex in PARTICIPANT_FIELDS:
        term = Coalesce(models.F(field), 0)
        total = term if total is None else total + term
    return total


class InfoSessionQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("hub", "topic", "facilitator")


class InfoSession(models.Model):
    hub = models.ForeignKey(Hub, verbose_name=_("hub"), on_delete=models.PROTECT, related_name="info_sessions")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    topic = models.ForeignKey(
        InfoSessionTopic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="sessions"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="info_sessions_facilitated",
    )
    facilitator_name = models.CharField(_("facilitator (without an account)"), max_length=200, blank=True)
    returnee_women = models.PositiveIntegerField(_("returnees: women"), default=0)
    returnee_men = models.PositiveIntegerField(_("returnees: men"), default=0)
    potential_women = models.PositiveIntegerField(_("potential migrants: women"), default=0)
    potential_men = models.PositiveIntegerField(_("potential migrants: men"), default=0)
    resident_women = models.PositiveIntegerField(_("local residents: women"), default=0)
    resident_men = models.PositiveIntegerField(_("local residents: men"), default=0)
    materials = models.TextField(_("materials handed out"), blank=True)
    materials_count = models.PositiveIntegerField(_("copies handed out"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = InfoSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("information session")
        verbose_name_plural = _("information sessions")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.hub.code} · {self.date:%Y-%m-%d} · {self.topic}"

    @property
    def people(self) -> int:
        return sum(getattr(self, field) for field, _c, _s in PARTICIPANT_FIELDS)

    @property
    def women(self) -> int:
        return sum(getattr(self, field) for field, _c, sex in PARTICIPANT_FIELDS if sex == "women")

    @property
    def men(self) -> int:
        return sum(getattr(self, field) for field, _c, sex in PARTICIPANT_FIELDS if sex == "men")

    @property
    def facilitator_display(self) -> str:
        return self.facilitator.full_name if self.facilitator_id else self.facilitator_name
