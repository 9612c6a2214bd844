"""Referral indicators and data-quality checks (convention: dashboard.indicators)."""

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegration.indicators import in_hubs, person_dimensions, person_fields, with_person

from .models import Referral, ReferralGuide, Service

PREFIX = "case__beneficiary__"


def _sent(start, end, hub_ids):
    referrals = Referral.objects.filter(sent_at__isnull=False)
    if start:
        referrals = referrals.filter(sent_at__date__gte=start)
    if end:
        referrals = referrals.filter(sent_at__date__lte=end)
    referrals = in_hubs(referrals, "case__hub_id", hub_ids)
    return with_person(referrals, PREFIX).values(
        "pk", "case__hub_id", "sent_at", "status", "outcome", *person_fields(PREFIX)
    )


def _fact(row) -> dict:
    date = timezone.localdate(row["sent_at"])
    return {"pk": row["pk"], "hub": row["case__hub_id"], "date": date, **person_dimensions(row, PREFIX, date)}


def _result(facts) -> dict:
    return {
        "facts": facts,
        "records": Referral.objects.for_list(),
        "link": lambda referral: reverse("referrals:referral-detail", args=[referral.pk]),
    }


def referrals_made(*, start, end, hub_ids) -> dict:
    """Referrals sent in the period, on the date they were sent."""
    return _result([_fact(row) for row in _sent(start, end, hub_ids)])


def referrals_completed_share(*, start, end, hub_ids) -> dict:
    """Of the referrals sent in the period, those completed with an outcome recorded."""
    facts = []
    for row in _sent(start, end, hub_ids):
        completed = row["status"] == Referral.Status.COMPLETED and bool(row["outcome"])
        facts.append(_fact(row) | {"n": int(completed), "d": 1})
    return _result(facts)


def referral_guides_published(*, start, end, hub_ids) -> dict:
    """Regions whose guide has a published edition, on the date of its first edition."""
    guides = ReferralGuide.objects.annotate(first=Min("editions__published_at")).filter(first__isnull=False)
    if start:
        guides = guides.filter(first__date__gte=start)
    if end:
        guides = guides.filter(first__date__lte=end)
    if hub_ids is not None:
        guides = guides.filter(region__municipalities__hub__in=hub_ids).distinct()
    facts = [
        {"pk": pk, "region": region, "date": timezone.localdate(first)}
        for pk, region, first in guides.values_list("pk", "region_id", "first")
    ]
    return {
        "facts": facts,
        "records": ReferralGuide.objects.select_related("region"),
        "link": lambda guide: reverse("referrals:guide-detail", args=[guide.pk]),
    }


INDICATORS = {
    "referrals_made": referrals_made,
    "referrals_completed_share": referrals_completed_share,
    "referral_guides_published": referral_guides_published,
}


def referrals_without_outcome(hub_ids):
    """Sent referrals still without an outcome after their follow-up date."""
    waiting = Referral.objects.filter(
        status__in=[Referral.Status.SENT, Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS],
        follow_up_on__lt=timezone.localdate(),
        outcome="",
    )
    return in_hubs(waiting, "case__hub_id", hub_ids).for_list()


def stale_services(hub_ids):
    """Active directory entries nobody confirmed within the verification period (programme-wide)."""
    return Service.objects.active().stale().select_related("organization").order_by("last_verified_at", "pk")


QUALITY_CHECKS = {
    "referrals_without_outcome": {
        "label": _("Referrals without an outcome past their follow-up date"),
        "records": referrals_without_outcome,
        "date": lambda referral: referral.follow_up_on,
        "hub": lambda referral: referral.case.hub,
        "fix": lambda referral: reverse("referrals:referral-detail", args=[referral.pk]),
        "fix_label": _("Record the outcome"),
    },
    "stale_services": {
        "label": _("Directory entries not verified lately"),
        "records": stale_services,
        "date": lambda service: service.last_verified_at and timezone.localdate(service.last_verified_at),
        "hub": lambda service: None,
        "fix": lambda service: reverse("referrals:service-detail", args=[service.pk]),
        "fix_label": _("Verify the entry"),
        "officers_only": True,
    },
}
