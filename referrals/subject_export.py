"""The referrals section of the data-subject export (registered in ReferralsConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from reintegration.subject_export import ExportContext, Table, column, columns, register_export_section

from .models import Referral, ReferralEvent

REFERRAL_FIELDS = (
    "case",
    "need",
    "service",
    "status",
    "reason",
    "follow_up_on",
    "decline_reason",
    "outcome",
    "outcome_note",
    "feedback",
    "created_by",
    "created_at",
    "sent_at",
    "answered_at",
    "completed_at",
)


def referral_section(ctx: ExportContext) -> list[Table]:
    referrals = list(
        Referral.objects.filter(case_id__in=ctx.case_ids)
        .select_related("case", "need", "service", "created_by")
        .order_by("created_at", "pk")
    )
    ctx.viewed.append((Referral, [r.pk for r in referrals]))
    events = (
        ReferralEvent.objects.filter(referral__case_id__in=ctx.case_ids)
        .select_related("referral__service", "actor")
        .order_by("referral_id", "at", "pk")
    )
    referral_column = column(
        "referral", _("referral"), lambda obj: obj.pk if isinstance(obj, Referral) else obj.referral_id
    )
    return [
        Table.of("referrals", _("Referrals"), [referral_column] + columns(Referral, *REFERRAL_FIELDS), referrals),
        Table.of(
            "events",
            _("Referral history"),
            [referral_column, column("service", _("service"), lambda e: str(e.referral.service))]
            + columns(ReferralEvent, "at", "actor", "by_provider", "from_status", "to_status", "note"),
            events,
        ),
    ]


def register() -> None:
    register_export_section("referrals", _("Referrals"), referral_section, order=100)
