"""Reintegration's sections of the data-subject export, and the access log section that ends it.

Registered in ReintegrationConfig.ready(); other apps register theirs the same way
(reintegration.subject_export). Each section reads in a fixed number of queries.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessLog

from .models import (
    AssessedNeed,
    Beneficiary,
    Case,
    CaseStatusChange,
    CaseTransfer,
    Consent,
    CounsellingSession,
    FollowUp,
    Household,
    HouseholdMember,
    MigrationEpisode,
    NeedAssessment,
    PlanAction,
    PlanGoal,
)
from .subject_export import Coded, Column, ExportContext, Table, column, columns, register_export_section

PERSON_FIELDS = (
    "name_ka",
    "name_latin",
    "personal_number",
    "birth_date",
    "birth_year",
    "sex",
    "phone",
    "municipality",
    "address",
    "category",
    "citizenship",
    "has_disability",
    "has_chronic_illness",
    "is_idp",
    "created_at",
    "created_by",
)


def person_section(ctx: ExportContext) -> list[Table]:
    ctx.viewed.append((Beneficiary, [ctx.person.pk]))
    return [Table.of("person", _("Registry record"), columns(Beneficiary, *PERSON_FIELDS), [ctx.person], single=True)]


def household_section(ctx: ExportContext) -> list[Table]:
    household = ctx.household
    if household is None:
        return [
            Table("household", _("Household"), columns(Household, "size", "female_headed", "head")),
            Table("members", _("Household members"), _member_columns()),
        ]
    ctx.viewed.append((Household, [household.pk]))
    members = household.members.select_related("beneficiary").order_by("pk")
    return [
        Table.of(
            "household",
            _("Household"),
            [column("id", _("household number"), lambda h: h.pk)]
            + columns(Household, "size", "female_headed", "head", "created_at"),
            [household],
            single=True,
        ),
        Table.of("members", _("Household members"), _member_columns(), members),
    ]


def _member_columns() -> list[Column]:
    return columns(HouseholdMember, "full_name", "beneficiary", "personal_number", "relationship", "birth_year", "sex")


def consent_section(ctx: ExportContext) -> list[Table]:
    consents = ctx.person.consents.select_related("hub", "recorded_by", "withdrawn_by").order_by("given_on", "pk")
    fields = ("purpose", "hub", "provider_name", "given_on", "method", "witness", "recorded_by", "withdrawn_at")
    return [Table.of("consents", _("Consents"), columns(Consent, *fields), consents)]


def migration_section(ctx: ExportContext) -> list[Table]:
    episodes = ctx.person.migration_episodes.order_by("departure_date", "pk")
    fields = ("country", "departure_date", "return_date", "status_abroad", "return_type")
    return [Table.of("migration_episodes", _("Migration history"), columns(MigrationEpisode, *fields), episodes)]


def case_section(ctx: ExportContext) -> list[Table]:
    ctx.viewed.append((Case, ctx.case_ids))
    case_fields = (
        "number",
        "hub",
        "counsellor",
        "status",
        "opened_on",
        "closed_on",
        "closure_reason",
        "closure_note",
        "transferred_from",
        "summary",
        "second_hub_reason",
    )
    changes = CaseStatusChange.objects.filter(case_id__in=ctx.case_ids).select_related("case", "actor")
    transfers = CaseTransfer.objects.filter(case_id__in=ctx.case_ids).select_related(
        "case", "from_hub", "to_hub", "requested_by", "decided_by"
    )
    transfer_fields = ("case", "from_hub", "to_hub", "reason", "status", "requested_at", "decided_at", "decision_note")
    return [
        Table.of("cases", _("Cases"), columns(Case, *case_fields), ctx.cases),
        Table.of(
            "status_changes",
            _("Status changes"),
            columns(CaseStatusChange, "case", "from_status", "to_status", "at", "actor", "note"),
            changes.order_by("at", "pk"),
        ),
        Table.of("transfers", _("Transfers"), columns(CaseTransfer, *transfer_fields), transfers.order_by("pk")),
    ]


def needs_section(ctx: ExportContext) -> list[Table]:
    assessments = NeedAssessment.objects.filter(case_id__in=ctx.case_ids).select_related("case", "assessed_by")
    needs = AssessedNeed.objects.filter(assessment__case_id__in=ctx.case_ids).select_related("assessment__case")
    return [
        Table.of(
            "assessments",
            _("Needs assessments"),
            columns(NeedAssessment, "case", "assessed_on", "assessed_by", "notes"),
            assessments.order_by("assessed_on", "pk"),
        ),
        Table.of(
            "needs",
            _("Needs"),
            [column("case", _("case"), lambda n: n.assessment.case.number)]
            + columns(AssessedNeed, "need", "dimension", "priority", "status", "note"),
            needs.order_by("assessment__assessed_on", "pk"),
        ),
    ]


def session_section(ctx: ExportContext) -> list[Table]:
    fields = ["case", "held_on", "kind", "mode", "duration_minutes", "topics", "next_steps", "counsellor"]
    if ctx.include_confidential:  # only after a break-glass reason, logged per case by the service
        fields.append("confidential_notes")
    sessions = CounsellingSession.objects.filter(case_id__in=ctx.case_ids).select_related("case", "counsellor")
    return [
        Table.of(
            "sessions",
            _("Counselling sessions"),
            columns(CounsellingSession, *fields),
            sessions.order_by("held_on", "pk"),
        )
    ]


def plan_section(ctx: ExportContext) -> list[Table]:
    goals = PlanGoal.objects.filter(case_id__in=ctx.case_ids).select_related("case")
    actions = PlanAction.objects.filter(goal__case_id__in=ctx.case_ids).select_related("goal")
    return [
        Table.of(
            "goals",
            _("Plan goals"),
            columns(PlanGoal, "case", "dimension", "description", "target_date", "status"),
            goals.order_by("pk"),
        ),
        Table.of(
            "actions",
            _("Plan actions"),
            columns(PlanAction, "goal", "kind", "description", "target_date", "status"),
            actions.order_by("pk"),
        ),
    ]


def follow_up_section(ctx: ExportContext) -> list[Table]:
    follow_ups = FollowUp.objects.filter(case_id__in=ctx.case_ids).select_related("case", "assigned_to")
    fields = ("case", "due_on", "purpose", "assigned_to", "done_at", "outcome")
    return [Table.of("follow_ups", _("Follow-ups"), columns(FollowUp, *fields), follow_ups.order_by("due_on", "pk"))]


def access_log_section(ctx: ExportContext) -> list[Table]:
    """Who opened, exported or was refused the person's records, and when: no reasons, no addresses."""
    match = Q(pk__in=[])
    for model, ids in ctx.viewed:
        if ids:
            content_type = ContentType.objects.get_for_model(model)
            match |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
    entries = list(AccessLog.objects.filter(match).select_related("user", "content_type").order_by("at", "pk"))
    who = column("user", _("who"), lambda e: (e.user.full_name or e.user.email) if e.user else None)
    every = Table.of(
        "access_log",
        _("Who viewed the record"),
        [
            column("at", _("when"), lambda e: e.at),
            who,
            column("action", _("action"), _coded_action),
            column("record", _("record type"), _record_type),
        ],
        entries,
        only="json",
    )
    # The document reads one line per day, person, action and record type (with how many times):
    # a record opened daily for a year stays readable; the JSON keeps every entry.
    days: dict[tuple, dict] = {}
    for entry, row in zip(entries, every.rows, strict=True):
        key = (timezone.localtime(entry.at).date(), row["user"], entry.action, row["record"])
        days.setdefault(
            key, {"day": key[0], "user": row["user"], "action": row["action"], "record": row["record"], "times": 0}
        )
        days[key]["times"] += 1
    per_day = Table(
        "access_log_days",
        _("Who viewed the record"),
        [
            column("day", _("date"), None),
            column("user", _("who"), None),
            column("action", _("action"), None),
            column("record", _("record type"), None),
            column("times", _("times"), None),
        ],
        list(days.values()),
        only="pdf",
    )
    return [every, per_day]


def _record_type(entry) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    return str(model._meta.verbose_name) if model else ""


def _coded_action(entry) -> Coded:
    return Coded(entry.action, str(entry.get_action_display()))


def register() -> None:
    for key, title, fn, order in (
        ("person", _("Registry record"), person_section, 10),
        ("household", _("Household"), household_section, 20),
        ("consents", _("Consents"), consent_section, 30),
        ("migration", _("Migration history"), migration_section, 40),
        ("cases", _("Cases"), case_section, 50),
        ("needs", _("Needs"), needs_section, 60),
        ("sessions", _("Counselling sessions"), session_section, 70),
        ("plan", _("Reintegration plan"), plan_section, 80),
        ("follow_ups", _("Follow-ups"), follow_up_section, 90),
        # Last, so that every section has named the records whose views it lists.
        ("access_log", _("Who viewed the record"), access_log_section, 1000),
    ):
        register_export_section(key, title, fn, order=order)
