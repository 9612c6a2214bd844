"""The surveys section of the data-subject export: responses linked to the person's household."""

from django.utils.translation import gettext_lazy as _

from reintegration.subject_export import ExportContext, Table, column, columns, register_export_section

from .models import Response


def response_section(ctx: ExportContext) -> list[Table]:
    household = ctx.household
    responses = (
        Response.objects.filter(household=household)
        .select_related("round", "municipality")
        .order_by("submitted_at", "pk")
        if household is not None
        else Response.objects.none()
    )
    return [
        Table.of(
            "responses",
            _("Survey responses of the household"),
            [column("round", _("round"), lambda r: str(r.round))]
            + columns(Response, "municipality", "submitted_at", "source", "answers"),
            responses,
        )
    ]


def register() -> None:
    register_export_section("surveys", _("Survey responses of the household"), response_section, order=130)
