"""Where a sharing consent's provider comes from: the referral directory, without reintegration
importing referrals (apps depend one way).

The referrals app registers a source in its AppConfig.ready(): a function returning, for a user,
the organisations they may pick as `(value, label)` pairs, the value being the organisation's
Georgian name, which is what `has_sharing_consent` matches a referral's organisation against. The
consent form offers those as a select (and "another provider" for one outside the directory), so
a consent can no longer name a provider in a way that will never match.
"""

from collections.abc import Callable

ProviderSource = Callable[[object], list[tuple[str, str]]]

_sources: list[ProviderSource] = []


def register_provider_source(source: ProviderSource) -> None:
    if source not in _sources:
        _sources.append(source)


def provider_choices(user) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = []
    for source in _sources:
        choices.extend(source(user))
    return choices
