"""Volume data for benchmarks: N clients with their casework, in bulk inserts (development only).

Per client, about: one household, one data-processing consent (and a sharing consent for a third),
one case at a hub (skewed across the 12 hubs as real caseloads are), one needs assessment with two
needs, ten counselling sessions, three referrals, one follow-up. Beside them, a grant cycle in
committee review with hundreds of proposals and their scores, and household survey responses
(one per twenty clients). Rows are written with ``bulk_create`` in batches; change history is not
written for volume rows (nothing here is a real change made by a person).
"""

from __future__ import annotations

import datetime
import io
import json
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from grants.models import Application, CommitteeMembership, Criterion, GrantCycle, Proposal, Review, Score
from hubs.models import Hub, HubMembership
from hubs.transliteration import romanise
from referrals.models import Referral, Service
from reintegration.models import (
    AssessedNeed,
    Beneficiary,
    Case,
    CaseNumberCounter,
    Consent,
    CounsellingSession,
    FollowUp,
    Household,
    NeedAssessment,
    Sex,
)
from reintegration.taxonomy import DIMENSION_OF, Need
from surveys.models import InstrumentVersion, Response, Round, RoundTarget

BATCH = 5000
# Relative caseloads of the hubs (Tbilisi's two hubs and the regional centres carry more).
HUB_WEIGHTS = {"SAM": 16, "GLD": 14, "KHR": 12, "TEL": 10, "OZU": 8, "ZES": 8, "SAC": 7, "TER": 6, "GRJ": 6,
               "AKH": 5, "KVA": 4, "LAN": 4}  # fmt: skip

FIRST_FEMALE = ["ნინო", "მარიამ", "თამარ", "ანა", "ნათია", "ეკატერინე", "ქეთევან", "მაია", "ლელა", "სალომე", "ნანა"]
FIRST_MALE = ["გიორგი", "დავით", "ლევან", "ნიკა", "ირაკლი", "ზურაბ", "ალექსანდრე", "ლაშა", "ბექა", "თორნიკე", "გოგა"]
SURNAMES = ["ბერიძე", "კაპანაძე", "გელაშვილი", "მაისურაძე", "ლომიძე", "ჯაფარიძე", "ხუციშვილი", "ნოზაძე",
            "კვარაცხელია", "გოგოლაძე", "ტაბატაძე", "აბაშიძე", "ცისკარიშვილი", "ჩხეიძე", "მჭედლიშვილი", "ქავთარაძე",
            "წიკლაური", "შენგელია", "ბაქრაძე", "დვალი"]  # fmt: skip
TOPICS = ["სამუშაოს ძიება", "სამედიცინო მომსახურება", "საცხოვრებელი", "დოკუმენტები", "ფსიქოსოციალური მხარდაჭერა"]


@dataclass
class VolumeReport:
    clients: int = 0
    sessions: int = 0
    referrals: int = 0
    proposals: int = 0
    responses: int = 0


def _insert(model, rows: list) -> list:
    created = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH))
    return created


# COPY: the large tables are written as text straight into PostgreSQL (no model instances, no SQL
# compiled per row): a row is a dict of column values by attname; a column it leaves out takes the
# field's default (a callable default is called once per call, a UUID default once per row).
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: this runs for every value of every row
        return value.translate(_ESCAPES)
    if kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # dates and aware datetimes
        return value.isoformat()
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    return str(value).translate(_ESCAPES)


def _reserve_ids(model, count: int) -> list[int]:
    """``count`` new ids from the table's sequence, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, rows: list[dict], *, ids: bool = False) -> list[int]:
    """Write ``rows`` into ``model``'s table with COPY; with ``ids``, reserve and return their ids (in order)."""
    if not rows:
        return []
    given = rows[0].keys()
    if connection.vendor != "postgresql":  # SQLite (the tests' default): bulk inserts, the dates as given
        stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False) and f.attname in given]
        for f in stamped:
            f.auto_now_add = False
        try:
            created = _insert(model, [model(**row) for row in rows])
        finally:
            for f in stamped:
                f.auto_now_add = True
        return [obj.pk for obj in created] if ids else []
    fields = [f for f in model._meta.concrete_fields if ids or not f.primary_key]
    fixed, per_row = {}, []
    for f in fields:
        if f.primary_key or f.attname in given:
            continue
        if isinstance(f, models.UUIDField) and f.has_default() and callable(f.default):
            per_row.append(f)
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed[f.attname] = timezone.now()
        else:
            fixed[f.attname] = f.get_default()
    new_ids = _reserve_ids(model, len(rows)) if ids else []
    columns = [f.attname for f in fields]
    buffer = io.StringIO()
    for index, row in enumerate(rows):
        values = fixed | row
        if ids:
            values[model._meta.pk.attname] = new_ids[index]
        for f in per_row:
            values[f.attname] = f.default()
        buffer.write("\t".join(_copy_text(values[name]) for name in columns))
        buffer.write("\n")
    buffer.seek(0)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN", buffer
        )
    return new_ids


class VolumeSeeder:
    def __init__(self, *, seed: int = 2026, stdout=None):
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.say = stdout.write if stdout else (lambda message: None)
        self.latin: dict[str, str] = {}
        # Choice lists read once (``Enum.values`` builds a new list on every call).
        self.categories = list(Beneficiary.Category.values)
        self.session_kinds = list(CounsellingSession.Kind.values)
        self.session_modes = list(CounsellingSession.Mode.values)

    # ---- people and cases ---------------------------------------------------------------------
    def staff(self) -> dict[int, User]:
        """One counsellor per hub (an existing one, or a volume account)."""
        counsellors = {}
        for hub in Hub.objects.all():
            membership = HubMembership.objects.filter(hub=hub, role=Role.COUNSELLOR).first()
            if membership is None:
                user = User.objects.create_user(email=f"volume.{hub.code.lower()}@volume.local", password=None)
                membership = HubMembership.objects.create(
                    hub=hub, user=user, role=Role.COUNSELLOR, start_date=self.today.replace(year=2024)
                )
            counsellors[hub.pk] = membership.user
        return counsellors

    def _person(self, index: int, municipality_id: int, household_id: int, creator_id: int) -> dict:
        sex = Sex.FEMALE if self.rng.random() < 0.48 else Sex.MALE
        first = self.rng.choice(FIRST_FEMALE if sex == Sex.FEMALE else FIRST_MALE)
        name_ka = f"{first} {self.rng.choice(SURNAMES)}"
        birth = datetime.date(self.rng.randint(1950, 2006), self.rng.randint(1, 12), self.rng.randint(1, 28))
        return {
            "name_ka": name_ka,
            "name_latin": self._latin(name_ka),
            "personal_number": f"{self.number_base + index:011d}",
            "birth_date": birth,
            "birth_year": birth.year,
            "sex": sex.value,
            "phone": f"+9955{self.rng.randint(10000000, 99999999)}",
            "municipality_id": municipality_id,
            "address": f"სოფელი {self.rng.randint(1, 300)}",
            "category": self.rng.choice(self.categories),
            "household_id": household_id,
            "created_by_id": creator_id,
            "created_at": self.now - datetime.timedelta(days=self.rng.randint(0, 700)),
        }

    def _latin(self, name_ka: str) -> str:
        """The Latin spelling (the same few hundred names over and over: romanised once each)."""
        if name_ka not in self.latin:
            self.latin[name_ka] = romanise(name_ka)
        return self.latin[name_ka]

    def clients(self, count: int, counsellors: dict[int, User]) -> list[dict]:
        """``count`` people, each with a household, a data-processing consent and a case; their cases
        (as dicts with their ids) are returned."""
        hubs = list(Hub.objects.all())
        weights = [HUB_WEIGHTS.get(h.code, 5) for h in hubs]
        chosen = self.rng.choices(hubs, weights=weights, k=count)
        self.number_base = 30_000_000_000 + (Beneficiary.objects.aggregate(m=Max("pk"))["m"] or 0) * 10
        household_ids = _copy(Household, [{"size": self.rng.randint(1, 7)} for _ in range(count)], ids=True)
        people = [
            self._person(i, hub.municipality_id, household_ids[i], counsellors[hub.pk].pk)
            for i, hub in enumerate(chosen)
        ]
        for person, pk in zip(people, _copy(Beneficiary, people, ids=True), strict=True):
            person["id"] = pk
        _copy(
            Consent,
            [
                {
                    "beneficiary_id": p["id"],
                    "hub_id": hub.pk,  # consent is given to a hub (issue 10): only that hub's case page shows it
                    "purpose": Consent.Purpose.DATA_PROCESSING.value,
                    "method": Consent.Method.SIGNED_FORM.value,
                    "recorded_by_id": p["created_by_id"],
                    "given_on": p["created_at"].date(),
                }
                for p, hub in zip(people, chosen, strict=True)
            ],
        )
        return self._cases(people, chosen, counsellors)

    def _cases(self, people, hubs, counsellors) -> list[dict]:
        counters = {}
        statuses = [Case.Status.OPEN, Case.Status.ACTIVE, Case.Status.ACTIVE, Case.Status.CLOSED]
        cases = []
        for person, hub in zip(people, hubs, strict=True):
            opened = person["created_at"].date()
            key = (hub.pk, opened.year)
            if key not in counters:
                counter = CaseNumberCounter.objects.filter(hub=hub, year=opened.year).first()
                counters[key] = counter.last if counter else 0
            counters[key] += 1
            status = self.rng.choice(statuses)
            closed = status == Case.Status.CLOSED
            cases.append(
                {
                    "number": f"{hub.code}-{opened.year}-{counters[key]:04d}",
                    "beneficiary_id": person["id"],
                    "hub_id": hub.pk,
                    "counsellor_id": counsellors[hub.pk].pk,
                    "status": status.value,
                    "opened_on": opened,
                    "closed_on": self.today if closed else None,
                    "closure_reason": Case.ClosureReason.values[0] if closed else "",
                    "created_at": person["created_at"],
                }
            )
        for case, pk in zip(cases, _copy(Case, cases, ids=True), strict=True):
            case["id"] = pk
        for (hub_id, year), last in counters.items():
            CaseNumberCounter.objects.update_or_create(hub_id=hub_id, year=year, defaults={"last": last})
        return cases

    # ---- casework -------------------------------------------------------------------------------
    def casework(self, cases: list[dict], sessions_per_client: int, referrals_per_client: int) -> tuple[int, int]:
        needs_codes = list(Need.values)
        assessment_ids = _copy(
            NeedAssessment,
            [{"case_id": c["id"], "assessed_on": c["opened_on"], "assessed_by_id": c["counsellor_id"]} for c in cases],
            ids=True,
        )
        needs = []
        for case, assessment_id in zip(cases, assessment_ids, strict=True):
            for code in self.rng.sample(needs_codes, 2):
                needs.append(
                    {"assessment_id": assessment_id, "need": code, "dimension": DIMENSION_OF[Need(code)], "case": case}
                )
        need_ids = _copy(AssessedNeed, [{k: v for k, v in n.items() if k != "case"} for n in needs], ids=True)
        needs_by_case: dict[int, list[int]] = {}
        for need, pk in zip(needs, need_ids, strict=True):
            needs_by_case.setdefault(need["case"]["id"], []).append(pk)
        sessions = 0
        step = max(BATCH * 4 // sessions_per_client, 1)
        for start in range(0, len(cases), step):
            rows = [
                self._session(c)
                for c in cases[start : start + step]
                for _ in range(self.rng.randint(1, 2 * sessions_per_client - 1))
            ]
            _copy(CounsellingSession, rows)
            sessions += len(rows)
        referrals = self._referrals(cases, needs_by_case, referrals_per_client)
        _copy(FollowUp, [self._follow_up(c) for c in cases])
        return sessions, referrals

    def _session(self, case: dict) -> dict:
        return {
            "case_id": case["id"],
            "held_on": case["opened_on"] + datetime.timedelta(days=self.rng.randint(0, 300)),
            "kind": self.rng.choice(self.session_kinds),
            "mode": self.rng.choice(self.session_modes),
            "duration_minutes": self.rng.choice((30, 45, 60)),
            "topics": self.rng.choice(TOPICS),
            "confidential_notes": "კონფიდენციალური ჩანაწერი" if self.rng.random() < 0.2 else "",
            "counsellor_id": case["counsellor_id"],
        }

    def _follow_up(self, case: dict) -> dict:
        due = self.today + datetime.timedelta(days=self.rng.randint(-90, 60))
        return {
            "case_id": case["id"],
            "due_on": due,
            "purpose": "მდგომარეობის გადამოწმება",
            "assigned_to_id": case["counsellor_id"],
            "done_at": self.now if due < self.today and self.rng.random() < 0.7 else None,
        }

    def _referrals(self, cases: list[dict], needs_by_case: dict[int, list[int]], per_client: int) -> int:
        services = list(Service.objects.values_list("pk", flat=True))
        if not services:
            return 0
        statuses = Referral.Status.values
        rows = []
        for case in cases:
            for _ in range(self.rng.randint(0, 2 * per_client)):
                created = self.now - datetime.timedelta(days=self.rng.randint(0, 700), minutes=self.rng.randint(0, 900))
                status = self.rng.choice(statuses)
                rows.append(
                    {
                        "case_id": case["id"],
                        "need_id": self.rng.choice(needs_by_case[case["id"]]),
                        "service_id": self.rng.choice(services),
                        "status": status,
                        "reason": "საჭიროებს კონსულტაციას",
                        "follow_up_on": created.date() + datetime.timedelta(days=14),
                        "outcome": Referral.Outcome.GOT_SERVICE.value if status == Referral.Status.COMPLETED else "",
                        "created_by_id": case["counsellor_id"],
                        "created_at": created,
                        "sent_at": None if status == Referral.Status.DRAFT else created,
                    }
                )
        for start in range(0, len(rows), BATCH * 4):
            _copy(Referral, rows[start : start + BATCH * 4])
        return len(rows)

    # ---- grants and surveys ---------------------------------------------------------------------
    def committee(self, proposals: int, counsellors: dict[int, User]) -> int:
        municipalities = list(Hub.objects.values_list("municipality_id", flat=True))
        cycle = GrantCycle.objects.create(
            name_ka="მოცულობის ტესტი: ბიზნეს გრანტები",
            name_en="Volume test: business grants",
            kind=GrantCycle.Kind.BUSINESS,
            call_opens=self.today - datetime.timedelta(days=120),
            call_closes=self.today - datetime.timedelta(days=90),
            budget=Decimal("500000.00"),
            ceiling=Decimal("20000.00"),
            target_awards=6,
            status=GrantCycle.Status.REVIEW,
        )
        criteria = [
            Criterion.objects.create(cycle=cycle, name_ka=f"კრიტერიუმი {i + 1}", name_en=f"Criterion {i + 1}",
                                     weight=Decimal("1.00"), order=i)
            for i in range(4)
        ]  # fmt: skip
        seats = []
        for index in range(5):
            user = User.objects.create_user(email=f"volume.committee{index}.{cycle.pk}@volume.local", password=None)
            role = CommitteeMembership.Role.CHAIR if index == 0 else CommitteeMembership.Role.MEMBER
            seats.append(
                CommitteeMembership.objects.create(
                    cycle=cycle, user=user, role=role, start_date=self.today - datetime.timedelta(days=30)
                )
            )
        creator = next(iter(counsellors.values()))
        applications = _insert(
            Application,
            [
                Application(cycle=cycle, reference=f"V{cycle.pk}-{i:05d}", team_name=f"გუნდი {i}",
                            team_type=Application.TeamType.COLLECTIVE, business_idea="მცირე საწარმო",
                            municipality_id=self.rng.choice(municipalities),
                            requested_amount=Decimal(self.rng.randrange(5000, 20000, 500)),
                            status=Application.Status.IN_REVIEW, created_by=creator)
                for i in range(proposals)
            ],
        )  # fmt: skip
        kind = ContentType.objects.get_for_model(Application)
        rows = _insert(
            Proposal,
            [
                Proposal(cycle=cycle, content_type=kind, object_id=a.pk, reference=a.reference, title=a.team_name,
                         requested_amount=a.requested_amount, municipality_id=a.municipality_id)
                for a in applications
            ],
        )  # fmt: skip
        reviews = _insert(
            Review,
            [
                Review(proposal=p, membership=seat, conflict=Review.Conflict.NONE, status=Review.Status.SUBMITTED,
                       conflict_at=self.now, submitted_at=self.now)
                for p in rows
                for seat in seats
            ],
        )  # fmt: skip
        _insert(Score, [Score(review=r, criterion=c, value=self.rng.randint(1, 5)) for r in reviews for c in criteria])
        return len(rows)

    def survey(self, responses: int) -> int:
        from surveys.tests.factories import random_answers

        version = InstrumentVersion.objects.filter(questions__name="sex").order_by("pk").first()
        if version is None:
            return 0
        round_ = Round.objects.create(
            version=version,
            name_ka="მოცულობის ტესტი: შინამეურნეობების გამოკითხვა",
            name_en="Volume test: household survey",
            start_date=self.today - datetime.timedelta(days=60),
            end_date=self.today,
            status=Round.Status.OPEN,
        )
        for municipality_id in Hub.objects.values_list("municipality_id", flat=True):
            RoundTarget.objects.create(round=round_, municipality_id=municipality_id, target=responses // 12 + 1)
        questions = list(round_.version.questions.prefetch_related("choices"))
        municipalities = list(round_.targets.values_list("municipality_id", flat=True)) or [None]
        rows = []
        for _ in range(responses):
            response = Response(
                round=round_,
                municipality_id=self.rng.choice(municipalities),
                submitted_at=self.now - datetime.timedelta(days=self.rng.randint(0, 60)),
                answers=random_answers(questions, self.rng),
                source=Response.Source.IMPORT,
            )
            response.set_profile()
            rows.append(response)
        return len(_insert(Response, rows))


def volume_seed(*, clients: int, seed: int = 2026, stdout=None) -> VolumeReport:
    """Add ``clients`` clients with their casework, a committee cycle and survey responses."""
    seeder = VolumeSeeder(seed=seed, stdout=stdout)
    report = VolumeReport()
    counsellors = seeder.staff()
    for start in range(0, clients, 20_000):
        size = min(20_000, clients - start)
        with transaction.atomic():
            cases = seeder.clients(size, counsellors)
            sessions, referrals = seeder.casework(cases, sessions_per_client=10, referrals_per_client=3)
        report.clients += size
        report.sessions += sessions
        report.referrals += referrals
        seeder.say(f"{report.clients} clients, {report.sessions} sessions, {report.referrals} referrals")
    with transaction.atomic():
        report.proposals = seeder.committee(max(100, min(1000, clients // 100)), counsellors)
        report.responses = seeder.survey(max(50, clients // 20))
    return report
