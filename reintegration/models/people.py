"""People: households, beneficiaries (the registry record) and their migration history."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.constraints import choices_checked
from hubs.transliteration import romanise

from .. import vulnerability as vuln

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


@choices_checked("relationship", "sex")
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


@choices_checked("sex", "category", "citizenship")
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
    # Set when the retention period ended or the person asked for erasure (reintegration.anonymisation).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
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
        # The two derived fields, set here only (every write path passes through save()).
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


@choices_checked("status_abroad", "return_type")
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
