"""Reads of the community pipeline: results and rankings, the survey beside the votes, lists,
and the indicators the dashboard reads (``initiatives_awarded``, ``initiatives_completed``)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet

from grants.models import GrantCycle

from . import permissions
from .models import Consultation, ConsultationPriority, Idea, IdeaPlan, Initiative, PriorityTheme


@dataclass
class PriorityResult:
    priority: ConsultationPriority
    votes: int
    rank: int
    survey_rank: int | None = None
    survey_mean: float | None = None
    survey_n: int = 0


def competition_ranks(values: list) -> list[int]:
    """Rank of each value, best first, ties sharing a rank ("1, 2, 2, 4"); values sorted best first."""
    ranks, previous = [], None
    for index, value in enumerate(values, start=1):
        ranks.append(ranks[-1] if value == previous else index)
        previous = value
    return ranks


def consultation_results(consultation: Consultation) -> list[PriorityResult]:
    """Priorities ranked by votes: paper totals, or the count of individual votes."""
    priorities = consultation.priorities.select_related("theme", "retained_by").annotate(
        individual_votes=Count("votes")
    )
    individual = consultation.vote_mode == Consultation.VoteMode.INDIVIDUAL
    rows = [(p, p.individual_votes if individual else p.paper_votes) for p in priorities]
    rows.sort(key=lambda row: (-row[1], row[0].theme.order, row[0].pk))
    ranks = competition_ranks([votes for _p, votes in rows])
    results = [PriorityResult(p, votes, rank) for (p, votes), rank in zip(rows, ranks, strict=True)]
    _add_survey_ranks(consultation, results)
    return results


def survey_priority_ranks(survey_round, municipality_id: int | None) -> dict[str, tuple[int, float, int]]:
    """Mean place of each choice of the round's ranking question (1 = most important), and its rank.

    Read from the responses of the consultation's municipality; returns choice -> (rank, mean, n).
    """
    from surveys.models import Question

    question = (
        Question.objects.filter(version=survey_round.version, type=Question.Type.RANK)
        .order_by("position", "pk")
        .first()
    )
    if question is None:
        return {}
    places: dict[str, list[int]] = defaultdict(list)
    responses = survey_round.responses.all()
    if municipality_id:
        responses = responses.filter(municipality_id=municipality_id)
    for answers in responses.values_list("answers", flat=True):
        order = answers.get(question.name) or []
        if isinstance(order, str):
            order = order.split()
        for place, choice in enumerate(order, start=1):
            places[choice].append(place)
    means = sorted(((sum(p) / len(p), choice, len(p)) for choice, p in places.items()), key=lambda m: (m[0], m[1]))
    ranks = competition_ranks([round(mean, 6) for mean, _c, _n in means])
    return {choice: (rank, mean, n) for (mean, choice, n), rank in zip(means, ranks, strict=True)}


def _add_survey_ranks(consultation: Consultation, results: list[PriorityResult]) -> None:
    if consultation.survey_round_id is None:
        return
    survey = survey_priority_ranks(consultation.survey_round, consultation.municipality_id)
    for result in results:
        found = survey.get(result.priority.theme.survey_choice)
        if found:
            result.survey_rank, result.survey_mean, result.survey_n = found


def consultations_for_list(user) -> QuerySet[Consultation]:
    return permissions.consultations_visible_to(user).for_list()


def themes() -> QuerySet[PriorityTheme]:
    return PriorityTheme.objects.filter(is_active=True)


def retained_priorities(municipality=None) -> QuerySet[ConsultationPriority]:
    qs = ConsultationPriority.objects.filter(retained=True).select_related("theme", "consultation__municipality")
    return qs.filter(consultation__municipality=municipality) if municipality else qs


def ideas_for_list(user) -> QuerySet[Idea]:
    return permissions.ideas_visible_to(user).for_list()


def cycle_priorities(cycle: GrantCycle) -> list[tuple[Consultation, list[PriorityResult]]]:
    """The consultations of the cycle's municipalities, each with its votes beside the survey's ranks."""
    consultations = Consultation.objects.select_related("municipality", "survey_round__version")
    if cycle.municipalities.exists():
        consultations = consultations.filter(municipality__in=cycle.municipalities.all())
    return [(c, consultation_results(c)) for c in consultations.order_by("municipality__name_en", "-date")]


def cycle_summary(cycle: GrantCycle, user) -> dict:
    ideas = permissions.ideas_visible_to(user).filter(cycle=cycle).for_list()
    counts = dict(ideas.order_by().values_list("status").annotate(n=Count("pk")))
    awarded = Idea.objects.filter(cycle=cycle).awarded().count()
    return {"ideas": list(ideas), "counts": counts, "awarded": awarded, "target": cycle.target_awards}


def idea_detail_context(idea: Idea) -> dict:
    plans = list(idea.plans.select_related("created_by").order_by("number"))
    return {
        "plans": plans,
        "experts": list(idea.experts.select_related("expert").order_by("-start_date", "-pk")),
        "meetings": list(idea.meetings.select_related("expert")),
        "events": list(idea.events.select_related("actor")[:30]),
        "referrals": list(idea.referrals.for_list().prefetch_related("events__actor")),
        "proposal": idea.proposals.select_related("decision").first(),
    }


def plan_diff(old: IdeaPlan, new: IdeaPlan) -> dict:
    """What changed between two budget and workplan versions: lines by item, activities by name."""
    old_lines = {line["item"]: line for line in old.budget}
    new_lines = {line["item"]: line for line in new.budget}
    changed = [
        (item, old_lines[item], new_lines[item])
        for item in sorted(old_lines.keys() & new_lines.keys())
        if Decimal(old_lines[item]["amount"]) != Decimal(new_lines[item]["amount"])
        or Decimal(old_lines[item].get("cofunding") or 0) != Decimal(new_lines[item].get("cofunding") or 0)
    ]
    old_work = {w["activity"]: w["month"] for w in old.workplan}
    new_work = {w["activity"]: w["month"] for w in new.workplan}
    return {
        "summary_changed": old.summary != new.summary,
        "lines_added": [new_lines[i] for i in sorted(new_lines.keys() - old_lines.keys())],
        "lines_removed": [old_lines[i] for i in sorted(old_lines.keys() - new_lines.keys())],
        "lines_changed": changed,
        "work_added": sorted((a, m) for a, m in new_work.items() if a not in old_work),
        "work_removed": sorted((a, m) for a, m in old_work.items() if a not in new_work),
        "work_moved": sorted(
            (a, old_work[a], new_work[a]) for a in old_work.keys() & new_work.keys() if old_work[a] != new_work[a]
        ),
        "old_total": old.total,
        "new_total": new.total,
    }


def initiative_context(initiative: Initiative) -> dict:
    from .models import cofunding_received

    return {
        "tranches": list(initiative.tranches.prefetch_related("visits").select_related("reported_by")),
        "visits": list(initiative.visits.select_related("visitor", "tranche")),
        "photos": list(initiative.photos.select_related("uploaded_by")),
        "cofunding": list(initiative.cofunding.select_related("recorded_by")),
        "cofunding_received": cofunding_received(initiative),
        "completion": getattr(initiative, "completion", None),
    }


# Indicators for the dashboard (issue 14 wires them up) -------------------------------------------


def initiatives_awarded(*, municipality=None, cycle=None) -> int:
    """Community initiatives awarded: ideas with a signed grant (an Initiative row)."""
    qs = Initiative.objects.all()
    if municipality is not None:
        qs = qs.filter(idea__municipality=municipality)
    if cycle is not None:
        qs = qs.filter(idea__cycle=cycle)
    return qs.count()


def initiatives_completed(*, municipality=None, cycle=None) -> int:
    """Community initiatives completed: a completion recorded by the expert."""
    qs = Initiative.objects.completed()
    if municipality is not None:
        qs = qs.filter(idea__municipality=municipality)
    if cycle is not None:
        qs = qs.filter(idea__cycle=cycle)
    return qs.count()


def people_reached(*, municipality=None) -> dict[str, int]:
    """People reached by completed initiatives, by sex, age group and status (sums of the completions)."""
    from django.db.models import Sum

    from .models import Completion
    from .models.people import COUNT_FIELDS

    qs = Completion.objects.all()
    if municipality is not None:
        qs = qs.filter(initiative__idea__municipality=municipality)
    totals = qs.aggregate(**{f: Sum(f) for f in COUNT_FIELDS})
    return {f: totals[f] or 0 for f in COUNT_FIELDS}


def ideas_referred(*, helped_only: bool = False) -> int:
    from .models import IdeaReferral

    qs = IdeaReferral.objects.all()
    return qs.filter(outcome__in=IdeaReferral.HELPED).count() if helped_only else qs.count()
