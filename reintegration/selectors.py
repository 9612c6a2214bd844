"""Reads that start from the user's scope, and questions other apps ask about people."""

import datetime
import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.functions import Greatest, Replace
from django.utils import timezone
from django.utils.translation import gettext as _

from hubs.transliteration import has_georgian, romanise

from .eligibility import state_programme_eligibility
from .models import Beneficiary, Case, CaseTransfer, Consent, Household, HouseholdMember
from .panels import external_timeline_entries


def _provider_names(provider) -> set[str]:
    """The names a provider may be written under: a string, or an object with bilingual names."""
    if isinstance(provider, str):
        names = {provider}
    else:
        names = {str(getattr(provider, attr, "") or "") for attr in ("name", "name_ka", "name_en")} | {str(provider)}
    return {name.strip().casefold() for name in names if name and name.strip()}


def has_sharing_consent(beneficiary: Beneficiary, provider_name_or_org=None) -> bool:
    """True if the person's active consent allows sharing their data with this provider.

    Without a provider: whether any sharing consent is active. With a name or an organisation
    (anything with ``name``/``name_ka``/``name_en``): whether one active sharing consent names it
    (compared without regard to case or surrounding spaces).
    """
    consents = Consent.objects.active().filter(beneficiary=beneficiary, purpose=Consent.Purpose.SHARING)
    if provider_name_or_org is None:
        return consents.exists()
    wanted = _provider_names(provider_name_or_org)
    return any(name.strip().casefold() in wanted for name in consents.values_list("provider_name", flat=True))


def has_consent(beneficiary: Beneficiary, purpose: str) -> bool:
    return Consent.objects.active().filter(beneficiary=beneficiary, purpose=purpose).exists()


def household_of(beneficiary: Beneficiary) -> Household | None:
    """The household the person is registered in (as beneficiary, or listed as a member)."""
    if beneficiary.household_id:
        return beneficiary.household
    member = HouseholdMember.objects.filter(beneficiary=beneficiary).select_related("household").first()
    return member.household if member else None


def household_ids_of(beneficiary_ids) -> dict[int, set[int]]:
    """Beneficiary id -> the ids of the households they belong to, in two queries."""
    result: dict[int, set[int]] = {pk: set() for pk in beneficiary_ids}
    for pk, household_id in Beneficiary.objects.filter(pk__in=beneficiary_ids, household__isnull=False).values_list(
        "pk", "household_id"
    ):
        result[pk].add(household_id)
    for pk, household_id in HouseholdMember.objects.filter(beneficiary_id__in=beneficiary_ids).values_list(
        "beneficiary_id", "household_id"
    ):
        result[pk].add(household_id)
    return result


def same_household(a: Beneficiary, b: Beneficiary) -> bool:
    """Whether two people are registered in the same household (grants flag this as a conflict)."""
    if a.pk == b.pk:
        return False
    ids = household_ids_of([a.pk, b.pk])
    return bool(ids[a.pk] & ids[b.pk])


def household_members_matching(*, personal_number: str = "", full_name: str = ""):
    """Household members listed by personal number or exact name (for people without a record)."""
    query = Q()
    if personal_number:
        query |= Q(personal_number=personal_number) | Q(beneficiary__personal_number=personal_number)
    if full_name:
        query |= Q(full_name__iexact=full_name.strip()) | Q(beneficiary__name_ka__iexact=full_name.strip())
    if not query:
        return HouseholdMember.objects.none()
    return HouseholdMember.objects.filter(query).select_related("household", "beneficiary")


# Intake search --------------------------------------------------------------------------------
NAME_SIMILARITY = 0.4  # word similarity (0..1) above which a name counts as a close match
SEARCH_LIMIT = 10


@dataclass
class SearchResult:
    query: str
    exact: list[Beneficiary]  # same personal number: registering again is blocked
    close: list[Beneficiary]  # similar name or same phone: shown as a warning

    @property
    def blocks_new_record(self) -> bool:
        return bool(self.exact)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class _WordSimilar(Func):
    """``query <% column``: word similarity above the threshold, answered from the GIN index."""

    template = "%(expressions)s"
    arg_joiner = " <%% "  # psycopg: a literal % is written %%
    output_field = BooleanField()


def _name_matches(query: str, limit: int = SEARCH_LIMIT) -> list[Beneficiary]:
    latin = romanise(query) if has_georgian(query) else query
    people = Beneficiary.objects.select_related("municipality")
    if connection.vendor != "postgresql":
        # SQLite (development and fast tests): substring match in either script, no typo tolerance.
        matches = Q(name_ka__icontains=query) | Q(name_latin__icontains=latin) | Q(name_latin__icontains=query)
        return list(people.filter(matches).order_by("name_ka")[:limit])
    score = Greatest(TrigramWordSimilarity(query, "name_ka"), TrigramWordSimilarity(latin, "name_latin"))
    similar = _WordSimilar(Value(query), F("name_ka")) | _WordSimilar(Value(latin), F("name_latin"))
    with transaction.atomic():
        with connection.cursor() as cursor:
            # The threshold of the index-backed `<%` operator, for this transaction only.
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(NAME_SIMILARITY)])
        return list(people.filter(similar).annotate(score=score).order_by("-score", "name_ka")[:limit])


CASE_NUMBER_PREFIX = re.compile(r"^[A-Za-z]{3}-\d")


def _name_threshold_for_this_connection() -> None:
    """The word-similarity threshold of ``<%``, set on the connection (the same value everywhere)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(NAME_SIMILARITY)])


def case_search(queryset, query: str):
    """Cases whose number, person's personal number or name (either script, typo tolerant) match.

    The query is read once for what it is, so each kind of match uses its own index: a case number
    prefix, an 11-digit personal number, or a name matched on PostgreSQL with the trigram word-
    similarity operator, word by word, against the GIN index of the person table alone (no OR
    across joins). On SQLite (development) a substring in either script.
    """
    query = " ".join(query.split())
    if not query:
        return queryset
    if CASE_NUMBER_PREFIX.match(query):
        return queryset.filter(number__startswith=query.upper())
    digits = _digits(query)
    if len(digits) == 11 and digits == query:
        return queryset.filter(beneficiary__personal_number=digits)
    return queryset.filter(beneficiary_id__in=people_named(query).values("pk"))


def people_named(query: str):
    """People whose name matches every word of ``query`` (typo tolerant on PostgreSQL)."""
    column = "name_ka" if has_georgian(query) else "name_latin"
    if connection.vendor != "postgresql":
        latin = romanise(query) if has_georgian(query) else query
        return Beneficiary.objects.filter(
            Q(name_ka__icontains=query) | Q(name_latin__icontains=latin) | Q(name_latin__icontains=query)
        )
    # Every word must be close to a word of the name (each one answered from the GIN index).
    _name_threshold_for_this_connection()
    matches = Q()
    for word in query.split():
        matches &= Q(_WordSimilar(Value(word), F(column)))
    return Beneficiary.objects.filter(matches)


def intake_search(query: str) -> SearchResult:
    """People already registered anywhere who may be the person at the desk.

    An 11-digit query is a personal number (exact match); six or more digits also match phones;
    anything else is a name in either script, typo tolerant on PostgreSQL.
    """
    query = " ".join(query.split())
    digits = _digits(query)
    exact, close = [], []
    base = Beneficiary.objects.select_related("municipality")
    if len(digits) == 11 and digits == query:
        exact = list(base.filter(personal_number=digits))
    if len(digits) >= 6:
        phone = Replace(
            Replace(Replace(F("phone"), Value(" "), Value("")), Value("-"), Value("")), Value("+"), Value("")
        )
        close = list(base.annotate(phone_digits=phone).filter(phone_digits__endswith=digits[-9:])[:SEARCH_LIMIT])
    elif len(query) >= 2:
        close = _name_matches(query)
    close = [person for person in close if person not in exact]
    return SearchResult(query=query, exact=exact, close=close)


def case_for_intake_token(user, token) -> Case | None:
    from .permissions import cases_visible_to

    return cases_visible_to(user).filter(intake_token=token).first() if token else None


def duplicate_warnings(*, name_ka: str, personal_number: str = "", birth_year: int | None = None) -> SearchResult:
    """What the intake form warns about before saving: same personal number, similar name (and year)."""
    exact = list(Beneficiary.objects.filter(personal_number=personal_number)) if personal_number else []
    close = [p for p in _name_matches(name_ka) if p not in exact]
    # Every close name is shown with its birth year; the same year (give or take one) comes first.
    if birth_year:
        close.sort(key=lambda p: p.birth_year is None or abs(p.birth_year - birth_year) > 1)
    return SearchResult(query=name_ka, exact=exact, close=close)


# Case page ---------------------------------------------------------------------------------------
def _as_datetime(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(12)))


def case_page_data(case: Case, user) -> dict:
    """Everything the case page shows, in a fixed number of queries, and one timeline."""
    person = case.beneficiary
    sessions = list(case.sessions.select_related("counsellor"))
    assessments = list(case.assessments.select_related("assessed_by").prefetch_related("needs"))
    goals = list(case.goals.prefetch_related("actions"))
    follow_ups = list(case.follow_ups.select_related("assigned_to"))
    status_changes = list(case.status_changes.select_related("actor"))
    episodes = list(person.migration_episodes.all())
    consents = list(person.consents.select_related("recorded_by"))
    members = list(person.household.members.select_related("beneficiary")) if person.household_id else []
    transfers = list(case.transfers.select_related("to_hub", "from_hub", "requested_by"))
    timeline = [
        *(
            {
                "at": c.at,
                "kind": _("Status"),
                "icon": "flag",
                "title": c.get_to_status_display(),
                "detail": c.note,
                "by": c.actor,
            }
            for c in status_changes
        ),
        *(
            {
                "at": s.held_on,
                "kind": _("Session"),
                "icon": "chat-dots",
                "title": f"{s.get_kind_display()} · {s.get_mode_display()}",
                "detail": s.topics,
                "by": s.counsellor,
            }
            for s in sessions
        ),
        *(
            {
                "at": a.assessed_on,
                "kind": _("Needs assessment"),
                "icon": "clipboard-check",
                "title": ", ".join(str(n.get_need_display()) for n in a.needs.all()),
                "detail": a.notes,
                "by": a.assessed_by,
            }
            for a in assessments
        ),
        *(
            {"at": g.created_at, "kind": _("Plan"), "icon": "signpost", "title": g.description, "detail": ""}
            for g in goals
        ),
        *(
            {
                "at": f.done_at,
                "kind": _("Follow-up done"),
                "icon": "check2-circle",
                "title": f.purpose,
                "detail": f.outcome,
            }
            for f in follow_ups
            if f.done_at
        ),
        *external_timeline_entries(case, user),
    ]
    timeline.sort(key=lambda entry: _as_datetime(entry["at"]), reverse=True)
    return {
        "person": person,
        "sessions": sessions,
        "assessments": assessments,
        "latest_needs": list(assessments[0].needs.all()) if assessments else [],
        "goals": goals,
        "follow_ups": follow_ups,
        "episodes": episodes,
        "consents": consents,
        "household_members": members,
        "transfers": transfers,
        "pending_transfer": next((t for t in transfers if t.status == CaseTransfer.Status.PENDING), None),
        "vulnerabilities": person.vulnerabilities(episodes=episodes),
        "eligibility": state_programme_eligibility(case, episodes),
        "timeline": timeline,
    }
