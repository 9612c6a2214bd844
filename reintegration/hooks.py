"""What other apps must do when a person's consent is withdrawn, without reintegration importing them.

In its AppConfig.ready() an app calls ``register_consent_withdrawn(callback)``; the consent service
calls ``callback(consent=..., acting_user=...)`` inside its transaction, so a failure undoes the
withdrawal too (referrals rotate their provider links: a link must not outlive the consent).
"""

from collections.abc import Callable

_on_consent_withdrawn: list[Callable] = []


def register_consent_withdrawn(callback: Callable) -> None:
    if callback not in _on_consent_withdrawn:
        _on_consent_withdrawn.append(callback)


def consent_withdrawn(*, consent, acting_user) -> None:
    for callback in _on_consent_withdrawn:
        callback(consent=consent, acting_user=acting_user)
