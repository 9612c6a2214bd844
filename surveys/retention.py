"""What surveys hold on a person, for reintegration.anonymisation (registered in SurveysConfig.ready()).

A response belongs to its household, not to one person: the answers stay (the analysis counts them),
and any text answer that names the person (their name, number or phone) has those values taken out.
Uploaded Kobo/ODK exports hold every respondent's raw answers: they are deleted once imported and
past their period.
"""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegration.anonymisation import RetentionKind, Subject, delete_files, scrub_json_field

from .models import ImportJob, Response


def anonymise_person(subject: Subject) -> dict[str, int]:
    if not subject.household_id:
        return {}
    return scrub_json_field(Response.objects.filter(household_id=subject.household_id), "answers", subject.searchable)


def import_files_due(cutoff: datetime.datetime) -> QuerySet:
    finished = [ImportJob.Status.DONE, ImportJob.Status.FAILED]
    return (
        ImportJob.objects.filter(status__in=finished, finished_at__lt=cutoff)
        .exclude(file="")
        .select_related("round")
        .order_by("pk")
    )


def delete_import_files(jobs: QuerySet) -> dict[str, int]:
    return delete_files(jobs, "file")


KIND = RetentionKind(
    key="survey_import_files",
    label=_("Uploaded survey exports (Kobo/ODK files)"),
    setting="RETENTION_SURVEY_IMPORT_DAYS",
    purpose_end=_("the import finished"),
    due=import_files_due,
    describe=lambda job: str(_("import no. %(pk)s") % {"pk": job.pk}),
    anonymise=delete_import_files,
    order=40,
)
