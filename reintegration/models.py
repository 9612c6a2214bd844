"""People, their households and migration history, consent, and the cases hubs hold for them."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hubs.transliteration import romanise

from . import vulnerability as vuln
from .taxonomy import DIMENSION_OF, Dimension, Need

personal_number_validator = RegexValidator(r"^\d{11}$", _("A personal number has exactly 11 digits."))


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


# --------------------------------------------------------------------------------------------
# Household
# --------------------------------------------------------------------------------------------
class Household(models.Model):
    """A household; beneficiaries registered in the same one are 'the same household'."""

    HOLDS_PERSONAL_DATA = True

    size = models.PositiveSmallIntegerField(
        _("household size"), validators=[MinValueValidator(1), MaxValueValidator(50)], default=1
    )
    female_headed = models.BooleanField(_("female-headed household"), default=False)
    head = models.ForeignKey(
        "Beneficiary",
        verbose_name=_("head of household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return str(_("Household %(id)s") % {"id": self.pk})


class HouseholdMember(models.Model):
    """Someone living in the household: a registered beneficiary or a person named only here."""

    HOLDS_PERSONAL_DATA = True

    class Relationship(models.TextChoices):
        HEAD = "head", _("Head of household")
        SPOUSE = "spouse", _("Spouse or partner")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Brother or sister")
        OTHER = "other", _("Other relative or person")

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    beneficiary = models.ForeignKey(
        "Beneficiary",
        verbose_name=_("registered beneficiary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="household_memberships",
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    personal_number = models.CharField(
        _("personal number"), max_length=11, blank=True, validators=[personal_number_validator]
    )
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "beneficiary"],
                condition=Q(beneficiary__isnull=False),
                name="household_member_once",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or str(self.beneficiary or "")


# --------------------------------------------------------------------------------------------
# Beneficiary
# --------------------------------------------------------------------------------------------
class BeneficiaryQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("municipality__region", "household")

    def with_vulnerability(self, code: str, today: datetime.date | None = None):
        """Filter on one vulnerability, derived ones by the same thresholds as ``Beneficiary``."""
        year = (today or timezone.localdate()).year
        V = vuln.Vulnerability
        if code == V.YOUTH:
            return self.filter(birth_year__gte=year - vuln.YOUTH_MAX_AGE, birth_year__lte=year - vuln.YOUTH_MIN_AGE)
        if code == V.ELDERLY_WOMAN:
            return self.filter(sex=Sex.FEMALE, birth_year__lte=year - vuln.ELDERLY_WOMAN_AGE)
        if code == V.FEMALE_HEAD:
            return self.filter(sex=Sex.FEMALE, household__female_headed=True, household__head=models.F("pk"))
        if code == V.DEPORTEE:
            return self.filter(migration_episodes__return_type=MigrationEpisode.ReturnType.DEPORTED).distinct()
        if code == V.DISABILITY:
            return self.filter(has_disability=True)
        if code == V.CHRONIC_ILLNESS:
            return self.filter(has_chronic_illness=True)
        if code == V.IDP:
            return self.filter(is_idp=True)
        return self.none()


class Beneficiary(models.Model):
    """A person the hubs work with; written in Georgian, found in either script."""

    HOLDS_PERSONAL_DATA = True

    class Category(models.TextChoices):
        RETURNEE = "returnee", _("Returnee")
        POTENTIAL_MIGRANT = "potential_migrant", _("Potential migrant")
        LOCAL_RESIDENT = "local_resident", _("Local resident")
        FAMILY_MEMBER = "family_member", _("Migrant's family member")

    class Citizenship(models.TextChoices):
        GEORGIAN = "georgian", _("Citizen of Georgia")
        STATELESS_WITH_STATUS = "stateless_status", _("Stateless person with status in Georgia")
        OTHER = "other", _("Other citizenship")

    name_ka = models.CharField(_("full name (Georgian)"), max_length=200)
    name_latin = models.CharField(
        _("full name (Latin script)"),
        max_length=300,
        blank=True,
        help_text=_("Filled in automatically from the Georgian name; correct it to match the passport."),
    )
    personal_number = models.CharField(
        _("personal number"), max_length=11, blank=True, validators=[personal_number_validator]
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    municipality = models.ForeignKey(
        "hubs.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="beneficiaries"
    )
    address = models.CharField(_("village or address"), max_length=255, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    citizenship = models.CharField(
        _("citizenship"), max_length=20, choices=Citizenship.choices, default=Citizenship.GEORGIAN
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="beneficiaries",
    )
    has_disability = models.BooleanField(_("disability"), default=False)
    has_chronic_illness = models.BooleanField(_("chronic illness"), default=False)
    is_idp = models.BooleanField(_("internally displaced person (IDP)"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["name_ka"]
        constraints = [
            models.UniqueConstraint(
                fields=["personal_number"],
                condition=~Q(personal_number=""),
                name="beneficiary_personal_number_unique_when_given",
            ),
            models.CheckConstraint(
                condition=Q(birth_date__isnull=False) | Q(birth_year__isnull=False),
                name="beneficiary_birth_date_or_year",
            ),
        ]
        indexes = [models.Index(fields=["phone"])]

    def __str__(self) -> str:
        return self.name_ka

    def save(self, *args, **kwargs):
        if not self.name_latin:
            self.name_latin = romanise(self.name_ka)
        if self.birth_date:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    def age(self, on: datetime.date | None = None) -> int | None:
        on = on or timezone.localdate()
        if self.birth_date:
            return on.year - self.birth_date.year - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        if self.birth_year:
            return on.year - self.birth_year
        return None

    def vulnerabilities(self, episodes=None) -> list[vuln.Finding]:
        """Derived and recorded vulnerabilities, each with its rule. Pass prefetched episodes."""
        V = vuln.Vulnerability
        episodes = self.migration_episodes.all() if episodes is None else episodes
        age = self.age()
        codes = []
        if any(e.return_type == MigrationEpisode.ReturnType.DEPORTED for e in episodes):
            codes.append(V.DEPORTEE)
        if vuln.is_elderly_woman(age, self.sex):
            codes.append(V.ELDERLY_WOMAN)
        household = self.household
        if self.sex == Sex.FEMALE and household and household.female_headed and household.head_id == self.pk:
            codes.append(V.FEMALE_HEAD)
        if vuln.is_youth(age):
            codes.append(V.YOUTH)
        codes += [
            code
            for code, flag in (
                (V.DISABILITY, self.has_disability),
                (V.CHRONIC_ILLNESS, self.has_chronic_illness),
                (V.IDP, self.is_idp),
            )
            if flag
        ]
        return [vuln.finding(code) for code in codes]


class MigrationEpisode(models.Model):
    HOLDS_PERSONAL_DATA = True

    class StatusAbroad(models.TextChoices):
        REGULAR = "regular", _("Regular")
        IRREGULAR = "irregular", _("Irregular")
        ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
        REFUGEE = "refugee", _("Refugee status")

    class ReturnType(models.TextChoices):
        VOLUNTARY = "voluntary", _("Voluntary")
        ASSISTED = "assisted", _("Assisted voluntary return")
        DEPORTED = "deported", _("Deported or forced")
        READMISSION = "readmission", _("Readmission")

    beneficiary = models.ForeignKey(
        Beneficiary, verbose_name=_("beneficiary"), on_delete=models.CASCADE, related_name="migration_episodes"
    )
    country = models.CharField(_("country"), max_length=100)
    departure_date = models.DateField(_("departure date"), null=True, blank=True)
    return_date = models.DateField(_("return date"), null=True, blank=True)
    status_abroad = models.CharField(_("status abroad"), max_length=20, choices=StatusAbroad.choices)
    return_type = models.CharField(_("return type"), max_length=20, choices=ReturnType.choices, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("migration episode")
        verbose_name_plural = _("migration episodes")
        ordering = ["-return_date", "-departure_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(return_date__isnull=True)
                | Q(departure_date__isnull=True)
                | Q(return_date__gte=models.F("departure_date")),
                name="migration_episode_return_after_departure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.departure_date or ''}–{self.return_date or ''}"

    @property
    def months_abroad(self) -> int | None:
        if not (self.departure_date and self.return_date):
            return None
        d, r = self.departure_date, self.return_date
        return (r.year - d.year) * 12 + r.month - d.month - (r.day < d.day)


# --------------------------------------------------------------------------------------------
# Consent
# --------------------------------------------------------------------------------------------
class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """Consent for one purpose; a withdrawal keeps the row and stamps it."""

    HOLDS_PERSONAL_DATA = True

    class Purpose(models.TextChoices):
        DATA_PROCESSING = "data_processing", _("Processing of personal data")
        SHARING = "sharing", _("Sharing with a named provider")
        SURVEYS = "surveys", _("Inclusion in surveys")

    class Method(models.TextChoices):
        SIGNED_FORM = "signed_form", _("Signed form")
        VERBAL_WITNESS = "verbal_witness", _("Verbal, with a witness")

    beneficiary = models.ForeignKey(
        Beneficiary, verbose_name=_("beneficiary"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    provider_name = models.CharField(
        _("provider"), max_length=255, blank=True, help_text=_("The organisation the data may be shared with.")
    )
    given_on = models.DateField(_("date given"), default=timezone.localdate)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    witness = models.CharField(_("witness"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(purpose="sharing") | ~Q(provider_name=""), name="consent_sharing_names_provider"
            ),
            models.CheckConstraint(
                condition=~Q(method="verbal_witness") | ~Q(witness=""), name="consent_verbal_has_witness"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


# --------------------------------------------------------------------------------------------
# Case
# --------------------------------------------------------------------------------------------
class CaseNumberCounter(models.Model):
    """The last sequence number used per hub and year; locked while a number is taken."""

    hub = models.ForeignKey("hubs.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")
        constraints = [models.UniqueConstraint(fields=["hub", "year"], name="case_counter_per_hub_year")]

    def __str__(self) -> str:
        return f"{self.hub_id}-{self.year}: {self.last}"


class CaseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("beneficiary__municipality", "hub", "counsellor")

    def for_hub(self, hub):
        return self.filter(hub=hub)

    def live(self):
        return self.exclude(status__in=[Case.Status.CLOSED, Case.Status.TRANSFERRED])


class Case(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIVE = "active", _("Active")
        CLOSURE_REQUESTED = "closure_requested", _("Closure requested")
        CLOSED = "closed", _("Closed")
        TRANSFERRED = "transferred", _("Transferred")

    class ClosureReason(models.TextChoices):
        GOALS_MET = "goals_met", _("Reintegration goals met")
        NO_LONGER_INTERESTED = "no_longer_interested", _("No longer interested")
        LOST_CONTACT = "lost_contact", _("Contact lost")
        MIGRATED_AGAIN = "migrated_again", _("Migrated again")
        MOVED_AWAY = "moved_away", _("Moved out of the hub's area")
        DECEASED = "deceased", _("Deceased")
        OTHER = "other", _("Other")

    TRANSITIONS: dict[str, set[str]] = {
        Status.OPEN: {Status.ACTIVE, Status.CLOSURE_REQUESTED, Status.TRANSFERRED},
        Status.ACTIVE: {Status.CLOSURE_REQUESTED, Status.TRANSFERRED},
        Status.CLOSURE_REQUESTED: {Status.CLOSED, Status.ACTIVE},
        Status.CLOSED: {Status.ACTIVE},
        Status.TRANSFERRED: set(),
    }

    number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, verbose_name=_("beneficiary"), on_delete=models.PROTECT, related_name="cases"
    )
    hub = models.ForeignKey("hubs.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="cases")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible counsellor"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("registered on"), default=timezone.localdate)
    closure_reason = models.CharField(_("closure reason"), max_length=30, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(_("closure note"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    transferred_from = models.ForeignKey(
        "self",
        verbose_name=_("transferred from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transferred_to",
    )
    summary = models.TextField(_("summary"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    intake_token = models.UUIDField(_("intake form token"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-number"]
        indexes = [models.Index(fields=["hub", "status"])]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("reintegration:case-detail", kwargs={"pk": self.pk})

    @property
    def is_live(self) -> bool:
        return self.status not in (self.Status.CLOSED, self.Status.TRANSFERRED)


class CaseStatusChange(models.Model):
    """One row per status change: who, from, to, when, why."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Case.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("case status change")
        verbose_name_plural = _("case status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} → {self.to_status}"


class CaseTransfer(models.Model):
    """A request to move a case to another hub; the receiving hub's lead accepts or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the receiving hub")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="transfers")
    from_hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("from hub"), on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("to hub"), on_delete=models.PROTECT, related_name="transfers_in"
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    new_case = models.OneToOneField(
        Case,
        verbose_name=_("case at the receiving hub"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="pending"), name="one_pending_transfer_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_hub}"


# --------------------------------------------------------------------------------------------
# Needs assessment
# --------------------------------------------------------------------------------------------
class NeedAssessment(models.Model):
    HOLDS_PERSONAL_DATA = True

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.assessed_on}"


class AssessedNeed(models.Model):
    """One need found in an assessment; referrals start from one of these."""

    HOLDS_PERSONAL_DATA = True

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        IN_PROGRESS = "in_progress", _("Being addressed")
        MET = "met", _("Met")
        UNMET = "unmet", _("Not met")
        NOT_RELEVANT = "not_relevant", _("No longer relevant")

    assessment = models.ForeignKey(
        NeedAssessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="needs"
    )
    need = models.CharField(_("need"), max_length=40, choices=Need.choices)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices, editable=False)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessed need")
        verbose_name_plural = _("assessed needs")
        ordering = ["assessment", "dimension", "need"]
        constraints = [models.UniqueConstraint(fields=["assessment", "need"], name="assessed_need_once")]

    def __str__(self) -> str:
        return self.get_need_display()

    def save(self, *args, **kwargs):
        self.dimension = DIMENSION_OF[self.need]
        super().save(*args, **kwargs)


# --------------------------------------------------------------------------------------------
# Counselling, plan, follow-ups
# --------------------------------------------------------------------------------------------
class CounsellingSession(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        COUNSELLING = "counselling", _("Counselling")
        PFA = "pfa", _("Psychosocial first aid")
        FOLLOW_UP = "follow_up", _("Follow-up")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        ONLINE = "online", _("Online")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    topics = models.TextField(_("topics"))
    next_steps = models.TextField(_("next steps"), blank=True)
    confidential_notes = models.TextField(
        _("confidential notes"), blank=True, help_text=_("Only the case's hub staff see these.")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("counsellor"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on}"


class PlanGoal(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="goals")
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    description = models.CharField(_("goal"), max_length=500)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["dimension", "target_date", "pk"]

    def __str__(self) -> str:
        return self.description


class PlanAction(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Kind(models.TextChoices):
        COUNSELLING = "counselling", _("Counselling step")
        REFERRAL = "referral", _("Referral")
        GRANT = "grant", _("Grant application")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    goal = models.ForeignKey(PlanGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("action"), max_length=500)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["target_date", "pk"]

    def __str__(self) -> str:
        return self.description


class FollowUpQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today: datetime.date | None = None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())

    def for_list(self):
        return self.select_related("case__beneficiary", "case__hub", "assigned_to")


class FollowUp(models.Model):
    HOLDS_PERSONAL_DATA = True

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    purpose = models.CharField(_("purpose"), max_length=300)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    last_reminded_on = models.DateField(_("last reminder sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["assigned_to", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case} · {self.due_on}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
