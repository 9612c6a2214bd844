from django.core.paginator import Paginator
from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.bilingual import pick
from accounts.models import User

from .counts import attach_counts, hub_count_columns, municipality_count_columns
from .models import (
    Hub,
    HubMembership,
    HubStatusChange,
    InfoSession,
    Municipality,
    MunicipalityApplication,
    Region,
    SelectionCriterion,
    TrainingEvent,
    TrainingParticipant,
)
from .models.outreach import PARTICIPANT_FIELDS, people_expression
from .permissions import applications_visible_to, hub_staff_visible_to, hubs_visible_to

PAGE_SIZE = 25


def paginate(request, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def hubs_for_home(*, user) -> QuerySet[Hub]:
    return hubs_visible_to(user).for_list()


def colleagues_for_home(*, user) -> QuerySet[HubMembership]:
    return hub_staff_visible_to(user).active().select_related("user", "hub").order_by("hub__code", "role")


def hubs_by_region(*, user) -> QuerySet[Region]:
    """Aggregated counts only: what a partner may see."""
    visible = hubs_visible_to(user).values("pk")
    return (
        Region.objects.filter(is_target=True)
        .annotate(
            hub_count=Count("municipalities__hub", filter=Q(municipalities__hub__in=visible), distinct=True),
            operational_count=Count(
                "municipalities__hub",
                filter=Q(municipalities__hub__in=visible, municipalities__hub__status=Hub.Status.OPERATIONAL),
                distinct=True,
            ),
        )
        .order_by("sort_order")
    )


def hub_list(*, user, page) -> tuple[list[Hub], list[dict]]:
    """The hubs on one page, with the counts other apps registered."""
    hubs = list(page.object_list)
    columns = hub_count_columns(hub.pk for hub in hubs)
    return attach_counts(hubs, columns), columns


def hub_page(*, hub: Hub, user) -> dict:
    """Everything the hub page shows, in a fixed number of queries."""
    memberships = list(
        HubMembership.objects.filter(hub=hub).select_related("user").order_by("end_date", "role", "user__full_name")
    )
    today = timezone.localdate()
    current = [m for m in memberships if m.is_active]
    future = [m for m in memberships if m.start_date > today]
    past = [m for m in memberships if m.end_date is not None and m.end_date < today]
    columns = hub_count_columns([hub.pk])
    return {
        "current_staff": current,
        "future_staff": future,
        "past_staff": past,
        "opening_hours": list(hub.opening_hours.all()),
        "status_changes": list(HubStatusChange.objects.filter(hub=hub).select_related("by")[:20]),
        "counts": [{"label": c["label"], "value": c["values"].get(hub.pk, 0)} for c in columns],
        "training": hub_training_stats(hub=hub, staff_ids=[m.user_id for m in current]),
        "info_people": info_people_total(InfoSession.objects.filter(hub=hub)),
    }


def hub_training_stats(*, hub: Hub, staff_ids: list[int]) -> dict:
    participants = TrainingParticipant.objects.filter(hub=hub)
    stats = participants.stats()
    trained_now = (
        TrainingParticipant.objects.completed().filter(user_id__in=staff_ids).values("user").distinct().count()
    )
    stats.update(
        current_staff=len(set(staff_ids)),
        current_staff_trained=trained_now,
        cascade_sessions=TrainingEvent.objects.filter(hub=hub, format=TrainingEvent.Format.CASCADE).count(),
    )
    return stats


def info_people_total(sessions) -> int:
    return sessions.aggregate(total=Sum(people_expression()))["total"] or 0


def people_assignable(*, hub: Hub) -> QuerySet:
    """Active accounts that do not work at this hub now."""
    working_here = HubMembership.objects.filter(hub=hub).current_or_future().values("user")
    return User.objects.filter(is_active=True).exclude(pk__in=working_here).order_by("full_name")


def region_list() -> QuerySet[Region]:
    return Region.objects.for_list().order_by("sort_order")


def municipality_list(*, page) -> tuple[list[Municipality], list[dict]]:
    municipalities = list(page.object_list)
    columns = municipality_count_columns(m.pk for m in municipalities)
    return attach_counts(municipalities, columns), columns


def municipality_page(*, municipality: Municipality) -> dict:
    columns = municipality_count_columns([municipality.pk])
    return {
        "counts": [{"label": c["label"], "value": c["values"].get(municipality.pk, 0)} for c in columns],
        "applications": list(municipality.applications.all()),
    }


def staff_of_hub(*, hub: Hub) -> QuerySet[HubMembership]:
    return HubMembership.objects.filter(hub=hub).for_list()


# Trainings ------------------------------------------------------------------------------------


def _subquery_value(queryset, expression):
    return Subquery(queryset.values("hub").annotate(value=expression).values("value")[:1])


def training_stats_by_hub(*, hubs: QuerySet[Hub]) -> list[Hub]:
    """Per hub: staff trained (distinct accounts who completed), cascade sessions held, average score gain."""
    participants = TrainingParticipant.objects.filter(hub=OuterRef("pk")).order_by()
    return list(
        hubs.select_related("municipality")
        .annotate(
            staff_trained=_subquery_value(
                participants.filter(completed_on__isnull=False, user__isnull=False), Count("user", distinct=True)
            ),
            cascade_sessions=_subquery_value(
                TrainingEvent.objects.filter(hub=OuterRef("pk"), format=TrainingEvent.Format.CASCADE).order_by(),
                Count("pk"),
            ),
            average_gain=_subquery_value(
                participants.filter(pre_score__isnull=False, post_score__isnull=False),
                Avg(F("post_score") - F("pre_score")),
            ),
        )
        .order_by("municipality__region__sort_order", "code")
    )


def training_stats_total(*, hub_ids: list[int] | None = None) -> dict:
    """Programme totals; with ``hub_ids``, only those hubs' participants, their cascade sessions and
    the ToT events their staff attended."""
    participants = TrainingParticipant.objects.all()
    events = TrainingEvent.objects.all()
    if hub_ids is not None:
        participants = participants.filter(hub_id__in=hub_ids)
        events = events.filter(Q(hub_id__in=hub_ids) | Q(participants__hub_id__in=hub_ids)).distinct()
    stats = participants.stats()
    stats["cascade_sessions"] = events.filter(format=TrainingEvent.Format.CASCADE).count()
    stats["tot_events"] = events.filter(format=TrainingEvent.Format.TOT).count()
    return stats


def my_certificates(*, user) -> QuerySet[TrainingParticipant]:
    return TrainingParticipant.objects.completed().filter(user=user).for_list().order_by("-completed_on")


# Information sessions ---------------------------------------------------------------------------


def people_informed_by_hub_and_month(*, sessions: QuerySet[InfoSession]) -> list[dict]:
    """One row per hub and month: sessions held, and people informed by sex."""
    women = sum((F(field) for field, _c, sex in PARTICIPANT_FIELDS if sex == "women"), start=Value(0))
    men = sum((F(field) for field, _c, sex in PARTICIPANT_FIELDS if sex == "men"), start=Value(0))
    rows = (
        sessions.order_by()
        .annotate(month=TruncMonth("date"))
        .values("hub__code", "hub__name_ka", "hub__name_en", "month")
        .annotate(sessions=Count("pk"), women=Sum(women), men=Sum(men), people=Sum(people_expression()))
        .order_by("-month", "hub__code")
    )
    return [row | {"hub_name": pick(row["hub__name_ka"], row["hub__name_en"])} for row in rows]


def people_informed_totals(*, sessions: QuerySet[InfoSession]) -> dict:
    totals = sessions.aggregate(
        sessions=Count("pk"), **{field: Sum(field) for field, _category, _sex in PARTICIPANT_FIELDS}
    )
    totals = {key: value or 0 for key, value in totals.items()}
    totals["people"] = sum(totals[field] for field, _c, _s in PARTICIPANT_FIELDS)
    return totals


# Pilot selection -------------------------------------------------------------------------------


def _weighted_total(scores, criteria) -> tuple[float | None, dict[int, float]]:
    """Per-criterion means of all officers' scores, and the weighted total on a 0-100 scale.

    Each criterion's mean is brought to 0-1 within its own range, then weighted; criteria nobody
    scored yet are left out of the total (and of the weights it is divided by).
    """
    by_criterion: dict[int, list[int]] = {}
    for score in scores:
        by_criterion.setdefault(score.criterion_id, []).append(score.score)
    means = {cid: sum(values) / len(values) for cid, values in by_criterion.items()}
    weighted = weights = 0.0
    for criterion in criteria:
        if criterion.pk not in means:
            continue
        span = criterion.max_score - criterion.min_score
        weighted += float(criterion.weight) * (means[criterion.pk] - criterion.min_score) / span
        weights += float(criterion.weight)
    return (round(100 * weighted / weights, 1) if weights else None), means


def application_ranking(*, user) -> list[MunicipalityApplication]:
    """Applications best first, each with ``total`` (0-100), ``means`` per criterion, ``rank`` and ``scorers``."""
    criteria = list(SelectionCriterion.objects.filter(is_active=True))
    applications = list(applications_visible_to(user).for_list())
    for application in applications:
        scores = [s for s in application.scores.all() if s.criterion.is_active]
        application.total, means = _weighted_total(scores, criteria)
        application.means = [means.get(c.pk) for c in criteria]
        application.scorers = len({s.scorer_id for s in scores})
    applications.sort(key=lambda a: (a.total is None, -(a.total or 0), a.municipality.name_en))
    for position, application in enumerate(applications, start=1):
        application.rank = position if application.total is not None else None
    return applications


def application_page(*, application: MunicipalityApplication, user) -> dict:
    criteria = list(SelectionCriterion.objects.filter(is_active=True))
    scores = list(application.scores.select_related("criterion", "scorer").order_by("criterion__sort_order", "pk"))
    total, means = _weighted_total([s for s in scores if s.criterion.is_active], criteria)
    return {
        "criteria": [{"criterion": c, "mean": means.get(c.pk)} for c in criteria],
        "scores": scores,
        "total": total,
        "my_scores": {s.criterion_id: s for s in scores if s.scorer_id == user.pk},
        "documents": list(application.documents.select_related("uploaded_by")),
    }
