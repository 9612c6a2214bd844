"""Referral guides: the list, a guide with its editions, an edition on screen, printed and as a PDF, and
what changed between two editions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import deny, get_in_scope_or_404, require
from accounts.pdf import pdf_response, render_pdf
from accounts.refusals import refusals_shown

from ..forms import PublishEditionForm
from ..guide_display import edition_sections, implementer_names
from ..permissions import can_publish_guide, can_view_directory, editions_visible_to, guides_visible_to
from ..selectors import edition_diff, edition_unchanged, editions_of, guide_snapshot, guides_for_list
from ..services import guide_publish


@require(can_view_directory)
def guide_list(request):
    return render(request, "referrals/referralguide_list.html", {"guides": guides_for_list(user=request.user)})


@require(can_view_directory)
def guide_detail(request, pk):
    guide = get_in_scope_or_404(request, guides_visible_to(request.user).select_related("region"), pk=pk)
    editions = list(editions_of(user=request.user, guide=guide))
    context = {
        "guide": guide,
        "editions": editions,
        "can_publish": can_publish_guide(request.user, guide),
        "draft": edition_sections(guide_snapshot(region=guide.region)["services"]),
    }
    return render(request, "referrals/referralguide_detail.html", context)


@require(can_view_directory)
def guide_publish_view(request, pk):
    """GET: the confirmation page with the note; POST: publish the next edition."""
    guide = get_in_scope_or_404(request, guides_visible_to(request.user).select_related("region"), pk=pk)
    if not can_publish_guide(request.user, guide):
        deny(request, model=type(guide), object_id=guide.pk)
    form = PublishEditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form) as outcome:
            edition = guide_publish(guide=guide, acting_user=request.user, note=form.cleaned_data["note"])
        if outcome.ok:
            messages.success(request, _("Edition %(number)s was published.") % {"number": edition.number})
            return redirect("referrals:edition-detail", pk=edition.pk)
    context = {"guide": guide, "form": form, "unchanged": edition_unchanged(guide)}
    return render(request, "referrals/referralguide_confirm_publish.html", context)


def _edition(request, pk):
    scope = editions_visible_to(request.user).select_related("guide__region", "published_by")
    return get_in_scope_or_404(request, scope, pk=pk)


def _edition_context(edition) -> dict:
    sections = edition_sections(edition.services)
    return {"edition": edition, "sections": sections, "implementers": implementer_names(edition.snapshot)}


@require(can_view_directory)
def edition_detail(request, pk):
    edition = _edition(request, pk)
    context = _edition_context(edition)
    return render(request, "referrals/guideedition_detail.html", context)


@require(can_view_directory)
def edition_pdf(request, pk):
    edition = _edition(request, pk)
    pdf = render_pdf("referrals/pdf/guide_edition.html", _edition_context(edition))
    filename = f"referral-guide-{edition.guide.region.code}-{edition.number}.pdf"
    return pdf_response(pdf, filename)


@require(can_view_directory)
def edition_diff_view(request, pk):
    """What changed from edition ``?from=`` (default: the one before) to this edition."""
    newer = _edition(request, pk)
    older_scope = editions_visible_to(request.user).filter(guide=newer.guide, number__lt=newer.number)
    from_number = request.GET.get("from")
    older = older_scope.filter(number=from_number).first() if from_number else older_scope.order_by("-number").first()
    if older is None:
        raise Http404
    context = {"older": older, "newer": newer, "diff": edition_diff(older, newer), "choices": older_scope}
    return render(request, "referrals/guideedition_diff.html", context)
