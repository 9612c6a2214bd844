"""The grants section of the data-subject export: the person's team memberships and their applications."""

from django.utils.translation import gettext_lazy as _

from reintegration.subject_export import ExportContext, Table, column, columns, register_export_section

from .models import Application, TeamMember

APPLICATION_FIELDS = (
    "reference",
    "cycle",
    "team_name",
    "team_type",
    "business_idea",
    "description",
    "municipality",
    "hub",
    "requested_amount",
    "status",
    "submitted_at",
)


def grant_section(ctx: ExportContext) -> list[Table]:
    memberships = list(
        TeamMember.objects.filter(beneficiary=ctx.person).select_related("application").order_by("application_id", "pk")
    )
    applications = (
        Application.objects.filter(pk__in=[m.application_id for m in memberships])
        .select_related("cycle", "municipality", "hub", "award")
        .order_by("pk")
    )
    return [
        Table.of(
            "team_memberships",
            _("Grant team memberships"),
            [column("application", _("application"), lambda m: m.application.reference)]
            + columns(
                TeamMember, "full_name", "personal_number", "sex", "age", "is_returnee", "vulnerabilities", "is_lead"
            ),
            memberships,
        ),
        Table.of(
            "applications",
            _("Grant applications"),
            columns(Application, *APPLICATION_FIELDS)
            + [column("award", _("award (GEL)"), lambda a: a.award.amount if hasattr(a, "award") else None)],
            applications,
        ),
    ]


def register() -> None:
    register_export_section("grants", _("Grant teams and applications"), grant_section, order=120)
