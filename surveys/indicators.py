"""Survey indicators and data-quality checks (convention: dashboard.indicators)."""

from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Response, Round, RoundTarget


def survey_sample_reached(*, start, end, hub_ids) -> dict:
    """Responses collected as a share of the sample targets, both counted where the round starts
    (targets) or the response was submitted (responses) in the period."""
    targets = RoundTarget.objects.filter(target__gt=0)
    responses = Response.objects.all()
    if start:
        targets = targets.filter(round__start_date__gte=start)
        responses = responses.filter(submitted_at__date__gte=start)
    if end:
        targets = targets.filter(round__start_date__lte=end)
        responses = responses.filter(submitted_at__date__lte=end)
    if hub_ids is not None:
        targets = targets.filter(municipality__hub__in=hub_ids)
        responses = responses.filter(municipality__hub__in=hub_ids)
    place = ("municipality__hub", "municipality__region_id")
    facts = [
        {"pk": None, "hub": hub, "region": region, "date": day, "n": 0, "d": target}
        for hub, region, day, target in targets.values_list(*place, "round__start_date", "target")
    ]
    facts += [
        {"pk": pk, "hub": hub, "region": region, "date": timezone.localdate(at), "n": 1}
        for pk, hub, region, at in responses.values_list("pk", *place, "submitted_at")
    ]
    return {
        "facts": facts,
        "records": Response.objects.for_list(),
        "link": lambda response: reverse("surveys:response-detail", args=[response.pk]),
    }


INDICATORS = {"survey_sample_reached": survey_sample_reached}


def rounds_behind_target(hub_ids):
    """Rounds past their end date (or closed) with fewer responses than their sample target."""
    targets = RoundTarget.objects.filter(round=OuterRef("pk"))
    responses = Response.objects.filter(round=OuterRef("pk"))
    if hub_ids is not None:
        targets = targets.filter(municipality__hub__in=hub_ids)
        responses = responses.filter(municipality__hub__in=hub_ids)
    target_total = Subquery(targets.order_by().values("round").annotate(t=Sum("target")).values("t")[:1])
    response_total = Subquery(responses.order_by().values("round").annotate(c=Count("pk")).values("c")[:1])
    rounds = Round.objects.exclude(status=Round.Status.PLANNED).filter(end_date__lt=timezone.localdate())
    rounds = rounds.annotate(scope_target=target_total, scope_responses=Coalesce(response_total, 0))
    return rounds.filter(scope_target__gt=0, scope_responses__lt=F("scope_target")).order_by("end_date")


QUALITY_CHECKS = {
    "rounds_behind_target": {
        "label": _("Survey rounds behind their sample target"),
        "records": rounds_behind_target,
        "date": lambda round_: round_.end_date,
        "hub": lambda round_: None,
        "fix": lambda round_: reverse("surveys:round-detail", args=[round_.pk]),
        "fix_label": _("Enter or import responses"),
    },
}
