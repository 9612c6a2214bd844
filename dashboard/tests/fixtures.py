"""A small programme built by hand, whose every indicator the tests count by hand.

Hub A and hub B (the world's) are operational, hub C is planned. All dates are in 2026.

- counselled: P1 (hub A, woman born 1999: youth) twice, in January and February; P2 (hub A, man born
  1960, deported) in March; P3 (hub B, woman born 1950: elderly woman) in February; P4 (hub A) only
  had an information session, which is not counselling.
- referrals from hub A: 4 sent (2 completed with an outcome, 1 sent, 1 declined), 1 draft.
- training: ToT completed by U1 (hub A, twice: counted once) and U2 (hub B); U3 did not complete;
  a cascade session at hub A completed by one person without an account.
- information session at hub A: 3+2 returnees, 4+5 potential migrants, 1+0 residents (15; 8 women).
- business grants: hub A awarded and completed, hub B awarded; a community cycle's award is not a
  business grant.
- survey: a round with a sample target of 10 in hub A's municipality, 3 responses.
- referral guides: 2 regions have a guide, 1 has a published edition.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from grants.models import Award, CompletionReport, GrantCycle
from grants.tests.factories import ApplicationFactory, GrantCycleFactory
from hubs.models import Hub
from hubs.tests.factories import (
    CascadeSessionFactory,
    HubFactory,
    InfoSessionFactory,
    TrainingEventFactory,
    TrainingParticipantFactory,
)
from referrals.models import Referral
from referrals.tests.factories import GuideEditionFactory, ReferralGuideFactory, referral_for
from reintegration.models import Beneficiary, CounsellingSession, MigrationEpisode
from reintegration.tests.factories import MigrationEpisodeFactory, SessionFactory, case_at
from surveys.tests.factories import ResponseFactory, RoundFactory

D = datetime.date


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def build(world) -> dict:
    a, b = world.hub_a, world.hub_b
    counsellor, other = world.user("counsellor"), world.user("other_hub_counsellor")
    HubFactory(code="CCC", status=Hub.Status.PLANNED)

    p1 = case_at(
        a, counsellor, beneficiary__sex="female", beneficiary__birth_year=1999, beneficiary__name_ka="ლია ქავთარაძე"
    )
    SessionFactory(case=p1, held_on=D(2026, 1, 10))
    SessionFactory(case=p1, held_on=D(2026, 2, 5))
    p2 = case_at(
        a, counsellor, beneficiary__sex="male", beneficiary__birth_year=1960, beneficiary__phone="+995 599 11 22 33"
    )
    MigrationEpisodeFactory(beneficiary=p2.beneficiary, return_type=MigrationEpisode.ReturnType.DEPORTED)
    SessionFactory(case=p2, held_on=D(2026, 3, 20))
    p3 = case_at(b, other, beneficiary__sex="female", beneficiary__birth_year=1950)
    SessionFactory(case=p3, held_on=D(2026, 2, 14))
    p4 = case_at(a, counsellor)
    SessionFactory(case=p4, held_on=D(2026, 2, 1), kind=CounsellingSession.Kind.INFORMATION)

    sent = [referral_for(world, counsellor, status=Referral.Status.SENT) for _ in range(4)]
    for referral, sex in zip(sent, ["female", "female", "male", "male"], strict=True):
        Beneficiary.objects.filter(pk=referral.case.beneficiary_id).update(sex=sex, birth_year=1990)
    for referral, status, outcome in [
        (sent[0], Referral.Status.COMPLETED, Referral.Outcome.GOT_SERVICE),
        (sent[1], Referral.Status.COMPLETED, Referral.Outcome.PARTLY),
        (sent[3], Referral.Status.DECLINED, ""),
    ]:
        Referral.objects.filter(pk=referral.pk).update(status=status, outcome=outcome)
    referral_for(world, counsellor)  # a draft: never sent

    u1, u2, u3 = counsellor, other, world.user("hub_lead")
    tot, tot_again = TrainingEventFactory(), TrainingEventFactory()
    TrainingParticipantFactory(event=tot, user=u1, hub=a, completed_on=D(2026, 4, 2))
    TrainingParticipantFactory(event=tot_again, user=u1, hub=a, completed_on=D(2026, 6, 2))
    TrainingParticipantFactory(event=tot, user=u2, hub=b, completed_on=D(2026, 4, 2))
    TrainingParticipantFactory(event=tot, user=u3, hub=a)
    cascade = CascadeSessionFactory(hub=a, parent=tot)
    TrainingParticipantFactory(event=cascade, user=None, external_name="ნინო ხარაძე", hub=a, completed_on=D(2026, 5, 5))

    InfoSessionFactory(hub=a, date=D(2026, 3, 3))

    business, community = GrantCycleFactory(), GrantCycleFactory(kind=GrantCycle.Kind.COMMUNITY)
    award_a = Award.objects.create(
        application=ApplicationFactory(cycle=business, hub=a, municipality=a.municipality),
        agreement_date=D(2026, 5, 1),
        amount=Decimal("15000"),
    )
    CompletionReport.objects.create(
        award=award_a, date=D(2026, 9, 1), jobs_created=3, monthly_income=Decimal("2000"), people_reached=40
    )
    Award.objects.create(
        application=ApplicationFactory(cycle=business, hub=b, municipality=b.municipality),
        agreement_date=D(2026, 6, 1),
        amount=Decimal("12000"),
    )
    Award.objects.create(
        application=ApplicationFactory(cycle=community, hub=a, municipality=a.municipality),
        agreement_date=D(2026, 6, 1),
        amount=Decimal("9000"),
    )

    survey = RoundFactory(municipalities=[a.municipality], start_date=D(2026, 7, 1), end_date=D(2026, 7, 31))
    for day in (2, 3, 4):
        ResponseFactory(round=survey, municipality=a.municipality, submitted_at=_at(D(2026, 7, day)))

    GuideEditionFactory(guide=ReferralGuideFactory(region=a.municipality.region), published_by=world.user("officer"))
    ReferralGuideFactory(region=b.municipality.region)
    return {"cases": [p1, p2, p3, p4], "referrals": sent, "award": award_a, "round": survey}
