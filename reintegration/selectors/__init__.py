"""Reads that start from the user's scope, and questions other apps ask about people."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, connections
from django.db.models import BooleanField, Count, F, Func, Q, Value
from django.db.models.functions import Greatest, Replace

from accounts import pagination
from hubs.transliteration import has_georgian, romanise

from ..models import Beneficiary, Case, Consent, HouseholdMember
from .case_page import case_assessed_needs as case_assessed_needs  # used by the referrals panel


def _provider_names(provider) -> set[str]:
    """The names a provider may be written under: a string, or an object with bilingual names."""
    if isinstance(provider, str):
        names = {provider}
    else:
        names = {str(getattr(provider, attr, "") or "") for attr in ("name", "name_ka", "name_en")} | {str(provider)}
    return {name.strip().casefold() for name in names if name and name.strip()}


def has_sharing_consent(beneficiary: Beneficiary, provider_name_or_org=None, *, hub=None) -> bool:
    """True if the person's active consent allows sharing their data with this provider.

    Without a provider: whether any sharing consent is active. With a name or an organisation
    (anything with ``name``/``name_ka``/``name_en``): whether one active sharing consent names it
    (compared without regard to case or surrounding spaces). With ``hub``: only consent given to that
    hub counts (a hub acts on its own consent, never on another hub's).
    """
    consents = Consent.objects.active().filter(beneficiary=beneficiary, purpose=Consent.Purpose.SHARING)
    if hub is not None:
        consents = consents.for_hub(hub)
    if provider_name_or_org is None:
        return consents.exists()
    wanted = _provider_names(provider_name_or_org)
    return any(name.strip().casefold() in wanted for name in consents.values_list("provider_name", flat=True))


def has_consent(beneficiary: Beneficiary, purpose: str) -> bool:
    return Consent.objects.active().filter(beneficiary=beneficiary, purpose=purpose).exists()


@dataclass(frozen=True)
class Person:
    """Someone to look up in the household registers: a registered beneficiary, a personal number, or both."""

    beneficiary_id: int | None = None
    personal_number: str = ""


def household_ids_of(people) -> dict[Person, set[int]]:
    """Each person -> the households they are registered in: as a beneficiary (``Beneficiary.household``)
    or listed as a member (``HouseholdMember``, by record or by personal number). Two queries."""
    people = list(people)
    ids = {p.beneficiary_id for p in people if p.beneficiary_id}
    numbers = {p.personal_number for p in people if p.personal_number}
    links: list[tuple[int | None, str, int]] = list(
        Beneficiary.objects.filter(Q(pk__in=ids) | Q(personal_number__in=numbers), household__isnull=False).values_list(
            "pk", "personal_number", "household_id"
        )
    )
    members = HouseholdMember.objects.filter(
        Q(beneficiary_id__in=ids) | Q(personal_number__in=numbers) | Q(beneficiary__personal_number__in=numbers)
    ).values_list("beneficiary_id", "personal_number", "beneficiary__personal_number", "household_id")
    for beneficiary_id, number, registered_number, household_id in members:
        links.append((beneficiary_id, number, household_id))
        links.append((beneficiary_id, registered_number or "", household_id))
    result: dict[Person, set[int]] = {p: set() for p in people}
    for person in people:
        for beneficiary_id, number, household_id in links:
            if (person.beneficiary_id and beneficiary_id == person.beneficiary_id) or (
                person.personal_number and number == person.personal_number
            ):
                result[person].add(household_id)
    return result


def shares_a_household(person: Person, others) -> bool:
    """Whether ``person`` is registered in the same household as any of ``others`` (the one rule;
    grants flag it as a committee member's conflict). The same person never counts."""
    others = [o for o in others if o != person and (o.beneficiary_id or o.personal_number)]
    if not (person.beneficiary_id or person.personal_number) or not others:
        return False
    households = household_ids_of([person, *others])
    return any(households[person] & households[other] for other in others)


def same_household(a: Beneficiary, b: Beneficiary) -> bool:
    """Whether two registered people share a household."""
    if a.pk == b.pk:
        return False
    return shares_a_household(Person(a.pk, a.personal_number or ""), [Person(b.pk, b.personal_number or "")])


# Intake search --------------------------------------------------------------------------------
NAME_SIMILARITY = 0.4  # word similarity (0..1) above which a name counts as a close match
SEARCH_LIMIT = 10


@dataclass
class SearchResult:
    query: str
    exact: list[Beneficiary]  # same personal number: registering again is blocked
    close: list[Beneficiary]  # similar name or same phone: shown as a warning


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class _WordSimilar(Func):
    """``query <% column``: word similarity above the threshold, answered from the GIN index."""

    template = "%(expressions)s"
    arg_joiner = " <%% "  # psycopg: a literal % is written %%
    output_field = BooleanField()


def _every_word_close(text: str, column: str) -> Q:
    """Every word of ``text`` close to a word of ``column`` (``word <% column``, each from the GIN index)."""
    matches = Q()
    for word in text.split():
        matches &= Q(_WordSimilar(Value(word), F(column)))
    return matches


def _name_matches(query: str, limit: int = SEARCH_LIMIT) -> list[Beneficiary]:
    """People whose name is close to ``query``, the closest first.

    On PostgreSQL every word of the query must be close to a word of the name (typo tolerant), in
    the Latin spelling and, for a Georgian query, in the Georgian one too: each side is one AND of
    index conditions on one column, so the index hands over a few hundred rows at 100,000 people
    instead of every namesake (the whole query against the whole name matched thousands)."""
    latin = romanise(query) if has_georgian(query) else query
    people = Beneficiary.objects.select_related("municipality")
    if connection.vendor != "postgresql":
        # SQLite (development and fast tests): substring match in either script, no typo tolerance.
        matches = Q(name_ka__icontains=query) | Q(name_latin__icontains=latin) | Q(name_latin__icontains=query)
        return list(people.filter(matches).order_by("name_ka")[:limit])
    _name_threshold_for_this_connection()
    matches = _every_word_close(latin, "name_latin")
    if has_georgian(query):
        matches = _every_word_close(query, "name_ka") | matches
    score = Greatest(TrigramWordSimilarity(query, "name_ka"), TrigramWordSimilarity(latin, "name_latin"))
    return list(people.filter(matches).annotate(score=score).order_by("-score", "name_ka")[:limit])


CASE_NUMBER_PREFIX = re.compile(r"^[A-Za-z]{3}-\d")


def _name_threshold_for_this_connection() -> None:
    """The word-similarity threshold of ``<%``, set on the connection (the same value everywhere)
    that reads the person table (the database router's choice: bench/pages.py reads two)."""
    with connections[Beneficiary.objects.db].cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(NAME_SIMILARITY)])


def case_search(queryset, query: str):
    """Cases whose number, person's personal number or name (either script, typo tolerant) match.

    The query is read once for what it is, so each kind of match uses its own index: a case number
    prefix, an 11-digit personal number, or a name matched on PostgreSQL with the trigram word-
    similarity operator, word by word, against the GIN index of the person table alone (no OR
    across joins). On SQLite (development) a substring in either script.

    The people matched are read once, as ids, when they are at most ``LIST_COUNT_CAP``: the list's
    count and its page then probe the case table by those ids instead of each matching the names
    again (the trigram recheck of every matching name is what grows with the table). Beyond the
    cap the match stays a subquery, and the list says "more than" the cap.
    """
    query = " ".join(query.split())
    if not query:
        return queryset
    if CASE_NUMBER_PREFIX.match(query):
        return queryset.filter(number__startswith=query.upper())
    digits = _digits(query)
    if len(digits) == 11 and digits == query:
        return queryset.filter(beneficiary__personal_number=digits)
    people = people_named(query)
    if connection.vendor == "postgresql":
        cap = pagination.LIST_COUNT_CAP
        ids = list(people.order_by().values_list("pk", flat=True)[: cap + 1])
        if len(ids) <= cap:
            return queryset.filter(beneficiary_id__in=ids)
    return queryset.filter(beneficiary_id__in=people.values("pk"))


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
    return Beneficiary.objects.filter(_every_word_close(query, column))


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


def mark_search_results(user, people: list[Beneficiary]) -> list[Beneficiary]:
    """Set, on each person found, what the result offers the user (one query for all of them).

    ``open_token``: the signed token that lets the user open a case from this result;
    ``live_case_here``: the id of the person's live case at one of the user's hubs, if any;
    ``elsewhere``: whether the person is registered at another hub (then a reason is asked).
    """
    from hubs.permissions import hub_ids_of

    from ..permissions import search_result_token

    my_hubs = set(hub_ids_of(user))
    cases = Case.objects.filter(beneficiary__in=[p.pk for p in people])
    rows = list(cases.values_list("pk", "beneficiary_id", "hub_id", "status"))
    live = {Case.Status.OPEN, Case.Status.ACTIVE, Case.Status.CLOSURE_REQUESTED}
    for person in people:
        theirs = [row for row in rows if row[1] == person.pk]
        person.open_token = search_result_token(user, person)
        person.live_case_here = next((pk for pk, _b, hub, status in theirs if hub in my_hubs and status in live), None)
        person.elsewhere = any(hub not in my_hubs for _pk, _b, hub, _s in theirs)
    return people


def case_for_intake_token(user, token) -> Case | None:
    from ..permissions import cases_visible_to

    return cases_visible_to(user).filter(intake_token=token).first() if token else None


def duplicate_warnings(*, name_ka: str, personal_number: str = "", birth_year: int | None = None) -> SearchResult:
    """What the intake form warns about before saving: same personal number, similar name (and year)."""
    exact = list(Beneficiary.objects.filter(personal_number=personal_number)) if personal_number else []
    close = [p for p in _name_matches(name_ka) if p not in exact]
    # Every close name is shown with its birth year; the same year (give or take one) comes first.
    if birth_year:
        close.sort(key=lambda p: p.birth_year is None or abs(p.birth_year - birth_year) > 1)
    return SearchResult(query=name_ka, exact=exact, close=close)


def unmet_needs_per_hub(user) -> list[dict]:
    """Needs of live cases marked unmet (no service could meet them), counted per hub and need,
    in the hubs the user may see: the officers' list of gaps in the service directory."""
    from hubs.permissions import hubs_visible_to

    from ..models import AssessedNeed
    from ..taxonomy import Need

    rows = (
        AssessedNeed.objects.filter(status=AssessedNeed.Status.UNMET, assessment__case__hub__in=hubs_visible_to(user))
        .exclude(assessment__case__status__in=[Case.Status.CLOSED, Case.Status.TRANSFERRED])
        .values("assessment__case__hub_id", "assessment__case__hub__code", "need")
        .annotate(count=Count("id"))
        .order_by("assessment__case__hub__code", "-count", "need")
    )
    labels = dict(Need.choices)
    return [
        {
            "hub_id": row["assessment__case__hub_id"],
            "hub": row["assessment__case__hub__code"],
            "need": labels.get(row["need"], row["need"]),
            "count": row["count"],
        }
        for row in rows
    ]
