"""Methodology and lessons learned: versioned documents; approval is a Steering Committee decision."""

from django.db import transaction
from django.db.models import Max

from accounts.models import User
from accounts.refusals import authorize

from ..models import MethodologyDocument, MethodologyVersion
from ..permissions import can_manage_coordination
from ._common import DOCUMENTS_ONLY, attach


@transaction.atomic
def methodology_document_create(
    *, acting_user: User, title_ka: str, kind: str, title_en: str = "", summary: str = ""
) -> MethodologyDocument:
    authorize(can_manage_coordination(acting_user))
    document = MethodologyDocument(
        title_ka=title_ka, title_en=title_en, kind=kind, summary=summary, created_by=acting_user
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def methodology_version_add(
    *, document: MethodologyDocument, acting_user: User, file, changes: str = ""
) -> MethodologyVersion:
    """The next version number of the document (approved versions stay as they are)."""
    authorize(can_manage_coordination(acting_user))
    document = MethodologyDocument.objects.select_for_update().get(pk=document.pk)
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = MethodologyVersion(document=document, number=number, changes=changes, uploaded_by=acting_user)
    attach(version, "file", file, allowed=DOCUMENTS_ONLY)
    version.full_clean()
    version.save()
    return version
