"""What community records hold on a person, for reintegration.anonymisation (CommunityConfig.ready()).

Community records name people in free text only (an idea's applicant and contact, meeting notes);
no row links to a beneficiary. Those texts have the person's values taken out; the counts of people
by sex, age group and status stay. An idea's contact details go once the idea is closed.
"""

import datetime

from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from reintegration.anonymisation import MARK, RetentionKind, Subject, overwrite, scrub

from .models import Completion, Consultation, ConsultationPriority, ExpertMeeting, Idea, IdeaEvent, VoteSet

TEXTS = [
    (Idea, ["title", "location", "description", "applicant", "contact", "feasibility_note"]),
    (IdeaEvent, ["note"]),
    (ExpertMeeting, ["notes"]),
    (Consultation, ["village", "place", "facilitator", "notes"]),
    (ConsultationPriority, ["description", "retention_reason"]),
    (VoteSet, ["voter"]),
    (Completion, ["narrative"]),
]
CLOSED = [Idea.Status.UNFEASIBLE, Idea.Status.REJECTED, Idea.Status.COMPLETED, Idea.Status.WITHDRAWN]


def anonymise_person(subject: Subject) -> dict[str, int]:
    rows: dict[str, int] = {}
    values = subject.searchable
    if not values:
        return rows
    for model, fields in TEXTS:
        rows |= scrub(model.objects.all(), fields, values)
    return rows


def idea_contacts_due(cutoff: datetime.datetime) -> QuerySet:
    return (
        Idea.objects.filter(status__in=CLOSED)
        .exclude(contact="")
        .exclude(contact=MARK)
        .annotate(last_event=Max("events__at"))
        .filter(last_event__lt=cutoff)
        .order_by("pk")
    )


def anonymise_idea_contacts(ideas: QuerySet) -> dict[str, int]:
    return overwrite(Idea.objects.filter(pk__in=ideas.values("pk")), contact="")


KIND = RetentionKind(
    key="community_idea_contacts",
    label=_("Contact details of community ideas"),
    setting="RETENTION_COMMUNITY_CONTACT_DAYS",
    purpose_end=_("the idea was closed"),
    due=idea_contacts_due,
    describe=lambda idea: idea.reference,
    anonymise=anonymise_idea_contacts,
    order=50,
)
