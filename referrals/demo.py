"""Demo referrals: for the cases the reintegration demo created, one referral in every status."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from reintegration.models import AssessedNeed, Consent

from .models import Referral, ReferralEvent, ReferralGuide, Service
from .services import guide_publish, reference_load

# Status, outcome, feedback: one referral in each status, in this order across the demo cases.
PLAN = [
    (Referral.Status.DRAFT, "", ""),
    (Referral.Status.SENT, "", ""),
    (Referral.Status.ACCEPTED, "", ""),
    (Referral.Status.DECLINED, "", ""),
    (Referral.Status.IN_PROGRESS, "", ""),
    (Referral.Status.COMPLETED, Referral.Outcome.GOT_SERVICE, "ძალიან დამეხმარა, ახლა ვმუშაობ."),
    (Referral.Status.COMPLETED, Referral.Outcome.PARTLY, "მედიკამენტები მივიღე, დიაგნოსტიკა ჯერ არა."),
    (Referral.Status.CLOSED_NO_RESPONSE, "", ""),
    (Referral.Status.CANCELLED, "", ""),
]


@transaction.atomic
def seed() -> None:
    """Idempotent: does nothing once demo referrals exist, or while there are no assessed needs."""
    reference_load()
    _publish_first_editions()
    if Referral.objects.exists():
        return
    services = list(Service.objects.active())
    if not services:
        return
    needs = AssessedNeed.objects.select_related("assessment__case__beneficiary", "assessment__case__counsellor")
    now = timezone.now()
    for (status, outcome, feedback), need in zip(PLAN, needs.order_by("pk"), strict=False):
        case = need.assessment.case
        service = next((s for s in services if s.category == need.need), services[0])
        Consent.objects.get_or_create(
            beneficiary=case.beneficiary,
            purpose=Consent.Purpose.SHARING,
            provider_name=service.organization.name_ka,
            defaults={"method": Consent.Method.SIGNED_FORM, "recorded_by": case.counsellor},
        )
        referral = Referral.objects.create(
            case=case,
            need=need,
            service=service,
            status=status,
            reason="დემო: საჭიროების შეფასების შედეგად",
            outcome=outcome,
            feedback=feedback,
            decline_reason="ამჟამად ადგილები არ არის" if status == Referral.Status.DECLINED else "",
            sent_at=None if status == Referral.Status.DRAFT else now - timezone.timedelta(days=10),
            created_by=case.counsellor,
            follow_up_on=timezone.localdate() + timezone.timedelta(days=14),
        )
        ReferralEvent.objects.create(referral=referral, at=now, actor=case.counsellor, to_status=status)


def _publish_first_editions() -> None:
    """Edition 1 of every guide, published by the demo officer."""
    officer = User.objects.filter(email="officer@demo.ge").first()
    if officer is None:
        return
    for guide in ReferralGuide.objects.filter(editions__isnull=True):
        guide_publish(guide=guide, acting_user=officer, note="პირველი გამოცემა (დემო)")
