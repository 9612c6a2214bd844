from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import deny, get_in_scope_or_404
from accounts.pdf import pdf_response, render_pdf

from .. import permissions, selectors, services
from ..forms import ConflictForm, ConsensusForm, DecisionForm, ReasonForm, ScoreForm
from ..models import Decision, Review
from .common import run

__all__ = [
    "consensus_save",
    "cycle_decide",
    "cycle_minutes",
    "cycle_ranking",
    "decision_record",
    "proposal_detail",
    "proposal_feedback",
    "review_abstain",
    "review_conflict",
    "review_submit",
    "score_save",
    "scoring_close",
]


def _proposal(request, pk):
    scope = permissions.proposals_visible_to(request.user).select_related(
        "cycle", "municipality", "consensus", "decision"
    )
    return get_in_scope_or_404(request, scope, pk=pk)


def _own_review(request, proposal):
    if not permissions.can_review(request.user, proposal):
        deny(request, model=Review)
    return services.review_for(proposal=proposal, acting_user=request.user)


def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    cycle, user = proposal.cycle, request.user
    seat = permissions.seat_in(user, cycle)
    review = proposal.reviews.filter(membership=seat).first() if seat else None
    if review is None and permissions.can_review(user, proposal) and seat.votes:
        # Shown, not saved: the review row is created when the member takes the conflict step (POST).
        review = Review(proposal=proposal, membership=seat, system_flags=services.system_conflicts(seat, proposal))
    show_scores = permissions.can_see_scores(user, proposal, review)
    reviews = list(selectors.reviews_of(proposal)) if show_scores else []
    context = {
        "proposal": proposal,
        "cycle": cycle,
        "review": review,
        "my_scores": list(review.scores.select_related("criterion")) if review and review.pk else [],
        "can_review": permissions.can_review(user, proposal),
        "show_scores": show_scores,
        "aggregate": selectors.proposal_aggregate(cycle, proposal, reviews) if show_scores else None,
        "reviews": reviews,
        "can_write_consensus": permissions.can_write_consensus(user, cycle),
        "can_decide": permissions.can_record_decision(user, cycle),
        "conflict_form": ConflictForm(),
        "reason_form": ReasonForm(),
        "consensus_form": ConsensusForm(initial=_consensus_initial(proposal)),
        "decision_form": DecisionForm(),
        "next_proposal": services.next_proposal_for(cycle=cycle, user=user, after=proposal),
        **selectors.committee_view_of(proposal),
    }
    return render(request, "grants/proposal_detail.html", context)


def _consensus_initial(proposal) -> dict:
    consensus = getattr(proposal, "consensus", None)
    return {"text": consensus.text, "minority_views": consensus.minority_views} if consensus else {}


@require_POST
def review_conflict(request, pk):
    proposal = _proposal(request, pk)
    review = _own_review(request, proposal)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you have a conflict of interest."))
    elif form.cleaned_data["choice"] == "none":
        run(
            request,
            _("You may now score this proposal."),
            services.review_confirm_no_conflict,
            review=review,
            acting_user=request.user,
        )
    else:
        note = form.cleaned_data["note"]
        run(
            request,
            _("You are recused from this proposal."),
            services.review_declare_conflict,
            review=review,
            note=note,
            acting_user=request.user,
        )
    return redirect("grants:proposal-detail", pk=proposal.pk)


@require_POST
def score_save(request, pk, criterion_pk):
    """htmx: one criterion's score and comment, saved as the member types."""
    proposal = _proposal(request, pk)
    review = _own_review(request, proposal)
    if not proposal.cycle.criteria.filter(pk=criterion_pk).exists():
        raise Http404  # a criterion that is not this cycle's
    form = ScoreForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            score = services.score_save(
                review=review,
                criterion_id=criterion_pk,
                value=form.cleaned_data["value"],
                comment=form.cleaned_data["comment"],
                acting_user=request.user,
            )
        except ValidationError as refusal:
            error, score = " ".join(refusal.messages), None
    else:
        error, score = _("Enter a whole number."), None
    if request.htmx:
        return render(request, "grants/proposal_detail.html#save-state", {"score": score, "error": error})
    if error:
        messages.error(request, error)
    return redirect("grants:proposal-detail", pk=proposal.pk)


def review_submit(request, pk):
    """A confirmation page, then the one submission. Opening the page writes nothing: without a
    review (the conflict step comes first) there is nothing to submit."""
    proposal = _proposal(request, pk)
    if not permissions.can_review(request.user, proposal):
        deny(request, model=Review)
    review = proposal.reviews.filter(membership=permissions.seat_in(request.user, proposal.cycle)).first()
    if review is None:
        messages.error(request, _("Declare whether you have a conflict of interest first."))
        return redirect("grants:proposal-detail", pk=proposal.pk)
    if request.method == "POST" and run(
        request, _("Your scores are submitted."), services.review_submit, review=review, acting_user=request.user
    ):
        upcoming = services.next_proposal_for(cycle=proposal.cycle, user=request.user, after=proposal)
        return redirect("grants:proposal-detail", pk=(upcoming or proposal).pk)
    scores = review.scores.select_related("criterion")
    return render(
        request, "grants/review_confirm_submit.html", {"proposal": proposal, "review": review, "scores": scores}
    )


@require_POST
def review_abstain(request, pk):
    proposal = _proposal(request, pk)
    review = _own_review(request, proposal)
    reason = request.POST.get("reason", "")
    run(
        request,
        _("You abstain on this proposal."),
        services.review_abstain,
        review=review,
        reason=reason,
        acting_user=request.user,
    )
    return redirect("grants:proposal-detail", pk=proposal.pk)


def scoring_close(request, pk):
    """The chair only: a confirmation that says how many reviews are still pending, then POST."""
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    if not permissions.can_close_scoring(request.user, cycle):
        deny(request)
    if request.method == "POST":
        services.scoring_close(cycle=cycle, acting_user=request.user)
        messages.success(request, _("Scoring is closed; every score is now visible to the committee."))
        return redirect("grants:cycle-ranking", pk=cycle.pk)
    context = {"cycle": cycle, "pending": services.pending_reviews(cycle)}
    return render(request, "grants/grantcycle_confirm_close_scoring.html", context)


def cycle_ranking(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    if not permissions.can_see_ranking(request.user, cycle):
        deny(request)
    ranked = selectors.cycle_ranking(cycle)
    proposals = {p.pk: p for p in cycle.proposals.for_list()}
    rows = [(item, proposals[item.proposal.pk]) for item in ranked]
    context = {"cycle": cycle, "rows": rows, "criteria": list(cycle.criteria.all())}
    context["can_decide"] = permissions.can_record_decision(request.user, cycle)
    context["outcomes"] = Decision.Outcome.choices
    return render(request, "grants/grantcycle_ranking.html", context)


@require_POST
def consensus_save(request, pk):
    proposal = _proposal(request, pk)
    if not permissions.can_write_consensus(request.user, proposal.cycle):
        deny(request)
    form = ConsensusForm(request.POST)
    if form.is_valid():
        run(
            request,
            _("Consensus comment saved."),
            services.consensus_save,
            proposal=proposal,
            acting_user=request.user,
            **form.cleaned_data,
        )
    return redirect("grants:proposal-detail", pk=proposal.pk)


@require_POST
def decision_record(request, pk):
    proposal = _proposal(request, pk)
    if not permissions.can_record_decision(request.user, proposal.cycle):
        deny(request)
    form = DecisionForm(request.POST)
    if form.is_valid():
        run(
            request,
            _("Decision recorded."),
            services.decision_record,
            proposal=proposal,
            acting_user=request.user,
            **form.cleaned_data,
        )
    if request.POST.get("next") == "ranking":
        return redirect("grants:cycle-ranking", pk=proposal.cycle_id)
    return redirect("grants:proposal-detail", pk=proposal.pk)


def cycle_decide(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    if not permissions.can_record_decision(request.user, cycle):
        deny(request)
    if request.method == "POST" and run(
        request, _("The cycle is decided and locked."), services.cycle_decide, cycle=cycle, acting_user=request.user
    ):
        return redirect("grants:cycle-detail", pk=cycle.pk)
    undecided = cycle.proposals.filter(decision__isnull=True)
    return render(request, "grants/grantcycle_confirm_decide.html", {"cycle": cycle, "undecided": undecided})


def _language(request) -> str:
    language = request.GET.get("lang", translation.get_language())
    return language if language in ("ka", "en") else "ka"


def cycle_minutes(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    if not permissions.can_read_minutes(request.user, cycle):
        deny(request)
    with translation.override(_language(request)):
        stored = cycle.minutes.filter(language=_language(request)).first()
        if stored is not None:  # as rendered at decision time: later edits never reach it
            # Safe: our own minutes template rendered (and escaped) it at decision time.
            body = mark_safe(stored.body)  # noqa: S308  # nosec B308, B703
        else:  # a cycle decided before the minutes were stored
            body = render_to_string("grants/_minutes_body.html", selectors.minutes_context(cycle))
        pdf = render_pdf("grants/minutes_pdf.html", {"body": body})
    return pdf_response(pdf, f"minutes-{cycle.pk}-{_language(request)}.pdf")


def proposal_feedback(request, pk):
    proposal = _proposal(request, pk)
    if not permissions.can_read_minutes(request.user, proposal.cycle):
        deny(request)
    with translation.override(_language(request)):
        pdf = render_pdf("grants/feedback_pdf.html", selectors.feedback_context(proposal))
    return pdf_response(pdf, f"feedback-{proposal.reference}-{_language(request)}.pdf")
