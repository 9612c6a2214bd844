"""Methodology and lessons learned: versioned documents; partners see the approved versions."""

from functools import partial

from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.access import get_in_scope_or_404, require

from .. import services
from ..forms import MethodologyDocumentForm, MethodologyVersionForm
from ..models import MethodologyVersion
from ..permissions import (
    can_browse_methodology,
    can_manage_coordination,
    methodology_documents_visible_to,
    methodology_versions_visible_to,
)
from ._helpers import file_download, form_page


@require(can_browse_methodology)
def methodology_list(request):
    """Officers see every document and its drafts; partners the approved versions only."""
    manage = can_manage_coordination(request.user)
    versions = (
        methodology_versions_visible_to(request.user)
        .for_list()
        .order_by("document__kind", "document__title_ka", "-number")
    )
    context = {
        "approved": [v for v in versions if v.is_approved],
        "documents": list(methodology_documents_visible_to(request.user).for_list()) if manage else [],
        "can_manage": manage,
    }
    return render(request, "coordination/methodology_list.html", context)


@require(can_manage_coordination)
def methodology_create(request):
    form = MethodologyDocumentForm(request.POST or None)
    return form_page(
        request,
        form,
        services.methodology_document_create,
        template="coordination/form_page.html",
        success=_("The methodology document was created: upload its first version."),
        next_url=lambda document: document.get_absolute_url(),
        context={"title": _("New methodology document")},
    )


@require(can_browse_methodology)
def methodology_detail(request, pk):
    document = get_in_scope_or_404(request, methodology_documents_visible_to(request.user), pk=pk)
    versions = methodology_versions_visible_to(request.user).filter(document=document).for_list()
    context = {"document": document, "versions": list(versions), "can_manage": can_manage_coordination(request.user)}
    return render(request, "coordination/methodology_detail.html", context)


@require(can_manage_coordination)
def version_add(request, pk):
    document = get_in_scope_or_404(request, methodology_documents_visible_to(request.user), pk=pk)
    form = MethodologyVersionForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        partial(services.methodology_version_add, document=document),
        template="coordination/form_page.html",
        success=_("The new version was uploaded."),
        next_url=lambda version: document.get_absolute_url(),
        context={"title": _("Upload a new version"), "document": document},
    )


@require(can_browse_methodology)
def version_download(request, pk):
    version: MethodologyVersion = get_in_scope_or_404(request, methodology_versions_visible_to(request.user), pk=pk)
    return file_download(version.file, version.original_name)
