"""What referrals hold on a person, for reintegration.anonymisation (registered in ReferralsConfig.ready()).

Statuses, outcome codes and dates stay: time to service and outcome rates feed the dashboard.
"""

from reintegration.anonymisation import MARK, Subject, overwrite

from .models import Referral, ReferralEvent


def anonymise_person(subject: Subject) -> dict[str, int]:
    referrals = Referral.objects.filter(case_id__in=subject.case_ids)
    rows = overwrite(referrals, reason=MARK, decline_reason="", outcome_note="", feedback="")
    # Referral events are append-only; the personal note is the one thing anonymisation may overwrite.
    rows |= overwrite(ReferralEvent.objects.filter(referral__in=referrals).exclude(note=""), note="")
    return rows
