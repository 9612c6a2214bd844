"""The service directory, in the shape of Open Referral's HSDS 3.

Organisations offer services (one category each, from the need taxonomy that needs assessments
use, so a person's need proposes matching services), at locations, reachable by phone, for a
coverage area (the whole country, some regions or some municipalities). Reference entries carry
a natural ``key`` so that loading them again changes nothing; HSDS identifiers are UUIDs.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin, pick
from accounts.constraints import choices_checked
from hubs.models import Municipality, Region
from reintegration.taxonomy import Need

# A service whose information nobody confirmed for this long is flagged as stale.
VERIFICATION_PERIOD = timedelta(days=365)


class Language(models.TextChoices):
    GEORGIAN = "ka", _("Georgian")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    ARMENIAN = "hy", _("Armenian")
    AZERBAIJANI = "az", _("Azerbaijani")
    TURKISH = "tr", _("Turkish")
    GERMAN = "de", _("German")
    GREEK = "el", _("Greek")


class TargetGroup(models.TextChoices):
    RETURNEES = "returnees", _("Returning migrants")
    POTENTIAL_MIGRANTS = "potential_migrants", _("Potential migrants")
    LOCAL_RESIDENTS = "local_residents", _("Local residents")
    MIGRANT_FAMILIES = "migrant_families", _("Families of migrants")
    REFUGEES = "refugees", _("Persons with refugee or humanitarian status")
    VULNERABLE = "vulnerable", _("Persons in a vulnerable situation")


class Coverage(models.TextChoices):
    NATIONAL = "national", _("The whole country")
    REGION = "region", _("Some regions")
    MUNICIPALITY = "municipality", _("Some municipalities")


def bilingual(field: str) -> property:
    """``obj.<field>`` in the page's language, from ``<field>_ka`` and ``<field>_en``."""
    return property(lambda self: pick(getattr(self, f"{field}_ka"), getattr(self, f"{field}_en")))


@choices_checked("type")
class Organization(BilingualNameMixin, models.Model):
    class Type(models.TextChoices):
        STATE = "state", _("State")
        MUNICIPAL = "municipal", _("Municipal")
        NGO = "ngo", _("Non-governmental organisation")
        INTERNATIONAL = "international", _("International organisation")
        PRIVATE = "private", _("Private")

    uuid = models.UUIDField(_("HSDS identifier"), default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("reference key"), max_length=80, unique=True, null=True, blank=True, editable=False)
    name_ka = models.CharField(_("name (Georgian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    description_ka = models.TextField(_("description (Georgian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("last modified"), auto_now=True)
    history = HistoricalRecords()

    description = bilingual("description")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_ka"]

    def __str__(self) -> str:
        return self.name


class Program(BilingualNameMixin, models.Model):
    """A collection of related services (HSDS ``program``), e.g. the state reintegration programme."""

    uuid = models.UUIDField(_("HSDS identifier"), default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("reference key"), max_length=80, unique=True, null=True, blank=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="programs"
    )
    name_ka = models.CharField(_("name (Georgian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description_ka = models.TextField(_("description (Georgian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    description = bilingual("description")

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name_ka"]

    def __str__(self) -> str:
        return self.name


class ProgramImplementer(models.Model):
    """An organisation that delivers a programme in the regions it won (state programme: one NGO per direction)."""

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="implementers"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="implements"
    )
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), related_name="+")

    class Meta:
        verbose_name = _("programme implementer")
        verbose_name_plural = _("programme implementers")
        constraints = [
            models.UniqueConstraint(fields=["program", "organization"], name="referrals_one_implementer_row")
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.organization}"


@choices_checked("location_type")
class Location(BilingualNameMixin, models.Model):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    uuid = models.UUIDField(_("HSDS identifier"), default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("reference key"), max_length=80, unique=True, null=True, blank=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="locations"
    )
    location_type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    name_ka = models.CharField(_("name (Georgian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    address_ka = models.CharField(_("address (Georgian)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    address = bilingual("address")

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name_ka"]

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("organization", "program", "last_verified_by").prefetch_related(
            "regions", "municipalities", "phones", "locations__municipality", "locations__phones"
        )

    def active(self):
        return self.filter(status=Service.Status.ACTIVE)

    def stale(self, now=None):
        limit = (now or timezone.now()) - VERIFICATION_PERIOD
        return self.filter(Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=limit))

    def covering_region(self, region: Region):
        return self.filter(
            Q(coverage=Coverage.NATIONAL)
            | Q(coverage=Coverage.REGION, regions=region)
            | Q(coverage=Coverage.MUNICIPALITY, municipalities__region=region)
        ).distinct()

    def covering_municipality(self, municipality: Municipality):
        return self.filter(
            Q(coverage=Coverage.NATIONAL)
            | Q(coverage=Coverage.REGION, regions=municipality.region_id)
            | Q(coverage=Coverage.MUNICIPALITY, municipalities=municipality)
        ).distinct()


@choices_checked("status", "category", "coverage")
class Service(BilingualNameMixin, models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    uuid = models.UUIDField(_("HSDS identifier"), default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("reference key"), max_length=80, unique=True, null=True, blank=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="services"
    )
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    name_ka = models.CharField(_("name (Georgian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description_ka = models.TextField(_("description (Georgian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    category = models.CharField(_("category"), max_length=40, choices=Need.choices)
    eligibility_ka = models.TextField(_("eligibility (Georgian)"), blank=True)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    fees_ka = models.CharField(_("cost (Georgian)"), max_length=255, blank=True)
    fees_en = models.CharField(_("cost (English)"), max_length=255, blank=True)
    application_process_ka = models.TextField(_("how to apply (Georgian)"), blank=True)
    application_process_en = models.TextField(_("how to apply (English)"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    documents_ka = models.TextField(_("documents needed (Georgian)"), blank=True)
    documents_en = models.TextField(_("documents needed (English)"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("email"), blank=True, help_text=_("Where referrals to this service are sent."))
    coverage = models.CharField(_("coverage"), max_length=20, choices=Coverage.choices, default=Coverage.NATIONAL)
    regions = models.ManyToManyField(Region, verbose_name=_("regions covered"), blank=True, related_name="+")
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities covered"), blank=True, related_name="+"
    )
    locations = models.ManyToManyField(Location, verbose_name=_("locations"), blank=True, related_name="services")
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True, editable=False)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("last modified"), auto_now=True)
    history = HistoricalRecords()

    objects = ServiceQuerySet.as_manager()

    description = bilingual("description")
    eligibility = bilingual("eligibility")
    fees = bilingual("fees")
    application_process = bilingual("application_process")
    documents = bilingual("documents")

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["category", "name_ka"]
        indexes = [models.Index(fields=["modified_at"]), models.Index(fields=["category", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="referrals_service_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.minimum_age is not None and self.maximum_age is not None and self.maximum_age < self.minimum_age:
            raise ValidationError({"maximum_age": _("The maximum age cannot be below the minimum age.")})
        unknown = set(self.languages) - set(Language.values)
        if unknown:
            raise ValidationError({"languages": _("Unknown language.")})
        if set(self.target_groups) - set(TargetGroup.values):
            raise ValidationError({"target_groups": _("Unknown target group.")})

    @property
    def is_stale(self) -> bool:
        return self.last_verified_at is None or self.last_verified_at < timezone.now() - VERIFICATION_PERIOD

    @property
    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(code, code)) for code in self.target_groups]

    def coverage_names(self) -> list[str]:
        """Names of the areas covered (uses the prefetched regions and municipalities)."""
        if self.coverage == Coverage.REGION:
            return [region.name for region in self.regions.all()]
        if self.coverage == Coverage.MUNICIPALITY:
            return [municipality.name for municipality in self.municipalities.all()]
        return [str(Coverage.NATIONAL.label)]


class Phone(models.Model):
    uuid = models.UUIDField(_("HSDS identifier"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=40)
    description_ka = models.CharField(_("description (Georgian)"), max_length=255, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=255, blank=True)

    description = bilingual("description")

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(service__isnull=False) | Q(location__isnull=False),
                name="referrals_phone_belongs_somewhere",
            ),
            models.UniqueConstraint(
                fields=["organization", "service", "location", "number"], name="referrals_phone_once"
            ),
        ]

    def __str__(self) -> str:
        return self.number
