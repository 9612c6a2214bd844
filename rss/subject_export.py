"""The sustainability survey's section of the data-subject export (registered in RssConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from reintegration.subject_export import ExportContext, Table, columns, register_export_section

from .models import Round


def round_section(ctx: ExportContext) -> list[Table]:
    rounds = list(
        Round.objects.filter(case_id__in=ctx.case_ids)
        .select_related("case", "version", "entered_by")
        .order_by("case_id", "month", "pk")
    )
    ctx.viewed.append((Round, [r.pk for r in rounds]))
    fields = (
        "case",
        "kind",
        "month",
        "due_on",
        "status",
        "conducted_on",
        "version",
        "composite",
        "scores",
        "inputs",
        "entered_by",
    )
    return [Table.of("rounds", _("Sustainability survey rounds"), columns(Round, *fields), rounds)]


def register() -> None:
    register_export_section("rss", _("Sustainability survey rounds"), round_section, order=110)
