from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin, pick
from accounts.constraints import choices_checked
from accounts.models import active_on


class CommitteeQuerySet(models.QuerySet):
    def for_list(self):
        today = timezone.localdate()
        return self.annotate(
            member_count=models.Count("members", filter=active_on(today, prefix="members__"), distinct=True),
            meeting_count=models.Count("meetings", distinct=True),
        ).order_by("sort_order", "code")


@choices_checked("kind")
class Committee(BilingualNameMixin, models.Model):
    """A coordination body of the pilot: the Steering and the Consultative Committee, or another."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering committee")
        CONSULTATIVE = "consultative", _("Consultative committee")
        OTHER = "other", _("Other coordination body")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    mandate_ka = models.TextField(_("mandate (Georgian)"), blank=True)
    mandate_en = models.TextField(_("mandate (English)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    last_decision_number = models.PositiveIntegerField(_("last decision number"), default=0, editable=False)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coordination:committee-detail", args=[self.pk])

    @property
    def mandate(self) -> str:
        return pick(self.mandate_ka, self.mandate_en)

    @property
    def approves_methodology(self) -> bool:
        """Only the Steering Committee validates the pilot's methodology for national follow-up."""
        return self.kind == self.Kind.STEERING


class CommitteeMemberQuerySet(models.QuerySet):
    def active(self, on=None):
        return self.filter(active_on(on))

    def for_list(self):
        return self.select_related("committee", "user")


@choices_checked("position")
class CommitteeMember(models.Model):
    """A seat on a committee for one term. The person may be an external partner without an account."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordination_seats",
        help_text=_("Leave empty for a partner who does not sign in."),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.CharField(_("organisation represented"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    start_date = models.DateField(_("term starts"), default=timezone.localdate)
    end_date = models.DateField(_("term ends"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CommitteeMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["committee", "position", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"

    @property
    def contact_email(self) -> str:
        return self.user.email if self.user_id else self.email

    def is_active_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
