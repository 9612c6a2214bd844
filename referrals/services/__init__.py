"""Writes of the referrals app: the directory and guides, and closed-loop referrals."""

from .directory import (
    guide_publish,
    location_save,
    organization_save,
    reference_load,
    reference_uuid,
    service_save,
    service_verify,
)
from .referrals import (
    provider_link_token,
    referral_answer_as_provider,
    referral_cancel,
    referral_create,
    referral_record_outcome,
    referral_remind,
    referral_send,
    referral_set_status,
    referrals_due_for_reminder,
)

__all__ = [
    "guide_publish",
    "location_save",
    "organization_save",
    "provider_link_token",
    "reference_load",
    "reference_uuid",
    "referral_answer_as_provider",
    "referral_cancel",
    "referral_create",
    "referral_record_outcome",
    "referral_remind",
    "referral_send",
    "referral_set_status",
    "referrals_due_for_reminder",
    "service_save",
    "service_verify",
]
