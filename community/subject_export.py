"""The community section of the data-subject export: community ideas that name the person.

Community records hold counts, not people; the one place a person can be named is an idea's
applicant or contact, so ideas whose applicant or contact holds the person's name (either script)
or phone are listed.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegration.subject_export import ExportContext, Table, columns, register_export_section

from .models import Idea


def naming(person) -> Q:
    match = Q(pk__in=[])
    for value in (person.name_ka, person.name_latin):
        if value and value.strip():
            match |= Q(applicant__icontains=value.strip()) | Q(contact__icontains=value.strip())
    if person.phone and person.phone.strip():
        match |= Q(contact__icontains=person.phone.strip())
    return match


def idea_section(ctx: ExportContext) -> list[Table]:
    ideas = Idea.objects.filter(naming(ctx.person)).select_related("cycle", "municipality").order_by("pk")
    fields = ("reference", "cycle", "title", "municipality", "applicant", "contact", "estimated_cost", "status")
    return [Table.of("ideas", _("Community ideas naming the person"), columns(Idea, *fields), ideas)]


def register() -> None:
    register_export_section("community", _("Community records"), idea_section, order=140)
