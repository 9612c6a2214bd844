"""Reads of the sustainability survey: the case panel, the timeline, "my work", the cohort and the
dashboard's "share of clients whose reintegration improved"."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubs.permissions import hub_ids_of
from reintegration.models import Case, MigrationEpisode, PlanAction, PlanGoal, Sex
from reintegration.panels import read_once

from . import scoring
from .models import Indicator, Round, Version
from .permissions import can_enter_round, can_read_answers, cohort_hubs_for, sees_small_cells
from .statistics import Share, wilson

SCORE_KEYS = ["economic", "social", "psychosocial", "composite"]
AGE_GROUPS = [(0, 17, "0-17"), (18, 29, "18-29"), (30, 44, "30-44"), (45, 59, "45-59"), (60, 200, "60+")]
SUPPORT = {
    "grant": gettext_lazy("Grant"),
    "direct": gettext_lazy("Direct assistance"),
    "referral": gettext_lazy("Referral only"),
    "none": gettext_lazy("None recorded"),
}
DISAGGREGATIONS = {
    "hub": gettext_lazy("Hub"),
    "sex": gettext_lazy("Sex"),
    "age_group": gettext_lazy("Age group"),
    "return_type": gettext_lazy("Return type"),
    "support": gettext_lazy("Support received"),
}


def score_labels() -> dict[str, str]:
    return {
        "economic": _("Economic"),
        "social": _("Social"),
        "psychosocial": _("Psychosocial"),
        "composite": _("Composite"),
    }


# The case page -------------------------------------------------------------------------------
def case_rounds(case: Case) -> list[Round]:
    """The case's rounds but cancelled ones, read once per page view (the panel and the timeline share them),
    each marked with whether the current version is provisional (in the same query)."""
    current_is_provisional = Exists(Version.objects.filter(is_current=True, is_provisional=True))
    return read_once(
        case,
        "rss.rounds",
        lambda: list(
            case.rss_rounds.exclude(status=Round.Status.CANCELLED)
            .select_related("version")
            .annotate(current_version_provisional=current_is_provisional)
            .order_by("month", "pk")
        ),
    )


def chart_data(rounds: list[Round]) -> dict:
    """What the case's charts draw: the trend of the four scores and the latest round against the baseline."""
    done = [r for r in rounds if r.status == Round.Status.COMPLETED]
    labels = score_labels()
    data = {
        "labels": [f"{r.label} · {r.conducted_on:%d.%m.%Y}" for r in done],
        "series": [
            {"key": key, "label": labels[key], "values": [_float(r.score_of(key)) for r in done]} for key in SCORE_KEYS
        ],
        "radar": {"axes": [labels[k] for k in SCORE_KEYS[:3]], "rounds": []},
    }
    for r in [done[0], done[-1]] if len(done) > 1 else done:
        data["radar"]["rounds"].append({"label": r.label, "values": [_float(r.score_of(k)) for k in SCORE_KEYS[:3]]})
    return data


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def suggestions(case: Case, latest: Round | None) -> dict | None:
    """Goals proposed for the latest round's weakest dimension, weakest indicator first; goals the plan
    already holds (in either language) are left out. Nothing is written: the counsellor accepts each one.
    One query: the version's indicators with their dimensions, each marked if the plan holds it."""
    if latest is None or not latest.scores:
        return None
    in_plan = PlanGoal.objects.filter(case=case).filter(
        Q(description=OuterRef("suggestion_ka")) | Q(description=OuterRef("suggestion_en"))
    )
    indicators = list(
        Indicator.objects.filter(version=latest.version).select_related("dimension").annotate(planned=Exists(in_plan))
    )
    dimensions = sorted({i.dimension for i in indicators}, key=lambda d: (d.order, d.pk))
    codes = [d.code for d in dimensions]
    weakest = scoring.weakest({c: latest.score_of(c) for c in codes}, codes)
    if weakest is None:
        return None
    dimension = next(d for d in dimensions if d.code == weakest)
    indicator_scores = latest.explanation.get("indicators", {})
    items = []
    for indicator in indicators:
        if indicator.dimension_id != dimension.pk or not indicator.suggestion_ka:
            continue
        value = indicator_scores.get(indicator.code, {}).get("value")
        if indicator.planned or value is None or Decimal(value) >= 1:
            continue
        items.append({"indicator": indicator, "value": Decimal(value)})
    items.sort(key=lambda item: item["value"])
    if not items and latest.score_of(weakest) >= 1:
        return None  # every dimension is at its best: nothing to suggest
    return {"dimension": dimension, "score": latest.score_of(weakest), "items": items[:3], "round": latest}


def case_panel_context(case: Case, user) -> dict | None:
    """The survey's panel on the case page (which only the case's readers reach)."""
    rounds = case_rounds(case)
    done = [r for r in rounds if r.status == Round.Status.COMPLETED]
    can_enter = can_enter_round(user, case)
    return {
        "rss_rounds": rounds,
        "rss_done": done,
        "rss_baseline": next((r for r in rounds if r.kind == Round.Kind.BASELINE), None),
        "rss_chart": chart_data(rounds) if done else None,
        "rss_can_enter": can_enter,
        "rss_can_read_answers": can_read_answers(user, case),
        "rss_suggestions": suggestions(case, done[-1]) if done and can_enter else None,
        # A round scored with a provisional version, or rounds to come that will be (the form of a
        # case's first round says so itself: no query for the current version here).
        "rss_provisional": any(r.version and r.version.is_provisional for r in done)
        or any(r.current_version_provisional for r in rounds),
        "rss_labels": score_labels(),
    }


def _score_text(value: Decimal | None) -> str:
    return "—" if value is None else formats.number_format(value, 2)


def timeline_entries(case: Case, user) -> list[dict]:
    entries = []
    for r in (r for r in case_rounds(case) if r.status == Round.Status.COMPLETED):
        entries.append(
            {
                "at": r.conducted_on,
                "kind": _("Sustainability survey"),
                "title": _("%(round)s: composite score %(score)s")
                % {"round": r.label, "score": _score_text(r.composite)},
                "detail": _("provisional version") if r.version.is_provisional else "",
                "url": r.get_absolute_url(),
                "icon": "clipboard-data",
            }
        )
    return entries


def work_items(user, today: datetime.date, limit: int) -> list[dict]:
    """Follow-up rounds due within two weeks (or overdue) on the live cases the user counsels, the
    first ``limit`` by due date."""
    rounds = (
        Round.objects.scheduled()
        .filter(
            case__counsellor=user, case__hub_id__in=hub_ids_of(user), due_on__lte=today + datetime.timedelta(days=14)
        )
        .exclude(case__status__in=[Case.Status.CLOSED, Case.Status.TRANSFERRED])
        .for_list()
        .order_by("due_on", "pk")[:limit]
    )
    return [
        {
            "due_on": r.due_on,
            "overdue": r.due_on < today,
            "title": _("Sustainability survey: %(round)s") % {"round": r.label},
            "case": r.case,
            "url": reverse("rss:round-enter", kwargs={"pk": r.pk}),
        }
        for r in rounds
    ]


# Cohort ------------------------------------------------------------------------------------
@dataclass
class Client:
    case_id: int
    hub: str
    sex: str
    age_group: str
    return_type: str
    support: str
    latest: Round | None = None
    baseline: Round | None = None
    last_follow_up: Round | None = None

    @property
    def improved(self) -> bool | None:
        """Composite of the latest follow-up above the baseline's, both scored under the same version."""
        b, f = self.baseline, self.last_follow_up
        if b is None or f is None or b.composite is None or f.composite is None or b.version_id != f.version_id:
            return None
        return f.composite > b.composite


def _age_group(birth_date, birth_year, today) -> str:
    if birth_date:
        age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    elif birth_year:
        age = today.year - birth_year
    else:
        return ""
    return next((label for low, high, label in AGE_GROUPS if low <= age <= high), "")


def _support(kinds: set[str]) -> str:
    if PlanAction.Kind.GRANT in kinds:
        return "grant"
    if PlanAction.Kind.COUNSELLING in kinds:
        return "direct"
    if PlanAction.Kind.REFERRAL in kinds:
        return "referral"
    return "none"


def cohort_clients(hub_ids: Iterable[int], version: Version | None) -> list[Client]:
    """Every case of the hubs with a completed round under ``version``: five queries whatever the size."""
    today = timezone.localdate()
    rounds = Round.objects.completed().filter(case__hub_id__in=list(hub_ids)).order_by("conducted_on", "pk")
    if version is not None:
        rounds = rounds.filter(version=version)
    by_case: dict[int, list[Round]] = defaultdict(list)
    for r in rounds.only("case_id", "kind", "month", "conducted_on", "composite", "scores", "version_id"):
        by_case[r.case_id].append(r)
    cases = (
        Case.objects.filter(pk__in=by_case)
        .select_related("hub")
        .values(
            "pk",
            "hub__code",
            "beneficiary_id",
            "beneficiary__sex",
            "beneficiary__birth_date",
            "beneficiary__birth_year",
        )
    )
    returns = {}
    for e in (
        MigrationEpisode.objects.filter(beneficiary__cases__in=by_case)
        .order_by("return_date", "pk")
        .values("beneficiary_id", "return_type")
    ):
        if e["return_type"]:
            returns[e["beneficiary_id"]] = e["return_type"]
    kinds = defaultdict(set)
    for action in (
        PlanAction.objects.filter(goal__case__in=by_case)
        .exclude(status=PlanAction.Status.CANCELLED)
        .values("goal__case_id", "kind")
    ):
        kinds[action["goal__case_id"]].add(action["kind"])
    clients = []
    for c in cases:
        done = by_case[c["pk"]]
        follow_ups = [r for r in done if r.kind == Round.Kind.FOLLOW_UP]
        clients.append(
            Client(
                case_id=c["pk"],
                hub=c["hub__code"],
                sex=c["beneficiary__sex"],
                age_group=_age_group(c["beneficiary__birth_date"], c["beneficiary__birth_year"], today),
                return_type=returns.get(c["beneficiary_id"], ""),
                support=_support(kinds[c["pk"]]),
                latest=done[-1],
                baseline=next((r for r in done if r.kind == Round.Kind.BASELINE), None),
                last_follow_up=follow_ups[-1] if follow_ups else None,
            )
        )
    return clients


@dataclass
class Cell:
    label: str
    n: int
    hidden: bool
    means: dict[str, Decimal | None] = field(default_factory=dict)
    bands: list[tuple[str, int]] = field(default_factory=list)
    improved: Share | None = None

    @property
    def mean_list(self) -> list[Decimal | None]:
        return [self.means.get(key) for key in SCORE_KEYS]


def _mean(values: list[Decimal]) -> Decimal | None:
    return scoring.q4(sum(values, Decimal(0)) / len(values)) if values else None


def summarise(label: str, clients: list[Client], spec: scoring.VersionSpec | None, show_small: bool) -> Cell:
    """One row of the cohort table: the latest scores' means and bands, and the share improved."""
    n = len(clients)
    pairs = [c.improved for c in clients if c.improved is not None]
    if not show_small and (n < SMALL or (pairs and len(pairs) < SMALL)):
        return Cell(label=label, n=n, hidden=True)
    means = {}
    for key in SCORE_KEYS:
        values = [c.latest.score_of(key) for c in clients]
        means[key] = _mean([v for v in values if v is not None])
    bands = []
    if spec is not None and spec.thresholds:
        counts = defaultdict(int)
        for c in clients:
            found = scoring.band(spec, c.latest.composite)
            counts[found.label_en if found else ""] += 1
        bands = [(t.label_en, counts[t.label_en]) for t in sorted(spec.thresholds, key=lambda t: t.lower)]
    return Cell(label=label, n=n, hidden=False, means=means, bands=bands, improved=wilson(sum(pairs), len(pairs)))


SMALL = 5


def _group_labels(key: str) -> dict[str, str]:
    if key == "sex":
        return dict(Sex.choices)
    if key == "return_type":
        return dict(MigrationEpisode.ReturnType.choices)
    if key == "support":
        return {k: str(v) for k, v in SUPPORT.items()}
    return {}


def cohort(user, *, version: Version | None, by: str = "hub") -> dict:
    """The cohort table for this user: all clients, then one row per group of ``by``."""
    hubs = {h.pk: h for h in cohort_hubs_for(user)}
    clients = cohort_clients(hubs.keys(), version)
    spec = Version.objects.with_tree().get(pk=version.pk).spec() if version else None
    show_small = sees_small_cells(user)
    groups: dict[str, list[Client]] = defaultdict(list)
    for c in clients:
        groups[getattr(c, by) or ""].append(c)
    labels = _group_labels(by) or {h.code: str(h) for h in hubs.values()}
    rows = [
        summarise(labels.get(key, key) or _("Not recorded"), members, spec, show_small)
        for key, members in sorted(groups.items(), key=lambda item: str(labels.get(item[0], item[0])))
    ]
    return {
        "total": summarise(_("All clients"), clients, spec, show_small),
        "rows": rows,
        "thresholds": sorted(spec.thresholds, key=lambda t: t.lower) if spec else [],
    }


def share_improved(*, hub_ids: Iterable[int] | None = None, version: Version | None = None, user=None) -> Share:
    """The dashboard's indicator: the share of clients whose composite RSS score improved between the
    baseline and the latest follow-up (both under the same version), with Wilson's 95% interval.

    ``hub_ids`` limits it to those hubs (default: every hub the user may read in the cohort view, or
    every hub without a user); ``version`` to one RSS version (default: every version).
    """
    if hub_ids is None:
        from hubs.models import Hub

        hub_ids = (
            cohort_hubs_for(user).values_list("pk", flat=True) if user else Hub.objects.values_list("pk", flat=True)
        )
    pairs = [c.improved for c in cohort_clients(list(hub_ids), version) if c.improved is not None]
    return wilson(sum(pairs), len(pairs))


# Explanation -------------------------------------------------------------------------------------
def recompute(round_: Round) -> scoring.Result:
    """Score a stored round again from its stored inputs under its own version."""
    version = Version.objects.with_tree().get(pk=round_.version_id)
    return scoring.score(version.spec(), round_.inputs)


def explanation_rows(round_: Round) -> list[dict]:
    """The round's stored explanation laid over its version's tree, for the round page and the PDF."""
    version = Version.objects.with_tree().get(pk=round_.version_id)
    stored = round_.explanation
    rows = []
    options = {q.code: {o.code: o for o in q.options.all()} for q in version.questions.all()}
    questions_by_indicator = defaultdict(list)
    for q in version.questions.all():
        questions_by_indicator[q.indicator_id].append(q)
    indicators_by_dimension = defaultdict(list)
    for i in version.indicators.all():
        indicators_by_dimension[i.dimension_id].append(i)
    for d in version.dimensions.all():
        part = stored["dimensions"].get(d.code, {})
        dimension_row = {"dimension": d, "part": part, "indicators": []}
        for i in indicators_by_dimension[d.pk]:
            indicator_row = {"indicator": i, "part": stored["indicators"].get(i.code, {}), "questions": []}
            for q in questions_by_indicator[i.pk]:
                answer = round_.inputs.get(q.code)
                indicator_row["questions"].append(
                    {
                        "question": q,
                        "option": options[q.code].get(answer) if answer else None,
                        "part": stored["questions"].get(q.code, {}),
                    }
                )
            dimension_row["indicators"].append(indicator_row)
        rows.append(dimension_row)
    return rows
