"""State Reintegration Programme eligibility, computed from the programme's published rules.

The rules (seed documents 003 and 004, the Ministry's programme description): the person is
1. a citizen of Georgia, or a stateless person with status in Georgia; and
2. stayed abroad irregularly for more than one year, or applied for or held asylum abroad; and
3. registers with the programme within one year of returning.

Each rule answers yes, no or "not known yet" (missing data) with its reason. The regional
implementing organisation is shown by the referrals app's case panel, from the person's region.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Beneficiary, Case, MigrationEpisode

IRREGULAR_STAY_MIN_MONTHS = 12  # "more than one year"
REGISTRATION_WINDOW_DAYS = 365  # "within one year of return"

RULE_TITLES = {
    "citizenship": gettext_lazy("Citizen of Georgia, or stateless with status in Georgia"),
    "stay_abroad": gettext_lazy("Abroad irregularly for more than a year, or asked for or held asylum"),
    "registration": gettext_lazy("Registered within one year of return"),
}


@dataclass(frozen=True)
class RuleResult:
    code: str
    title: str
    passed: bool | None  # None: not known from the data held
    reason: str


@dataclass(frozen=True)
class Eligibility:
    rules: list[RuleResult]
    region: object

    @property
    def eligible(self) -> bool | None:
        answers = [rule.passed for rule in self.rules]
        if False in answers:
            return False
        if None in answers:
            return None
        return True


def _citizenship(person: Beneficiary) -> RuleResult:
    ok = person.citizenship in (Beneficiary.Citizenship.GEORGIAN, Beneficiary.Citizenship.STATELESS_WITH_STATUS)
    return RuleResult("citizenship", str(RULE_TITLES["citizenship"]), ok, person.get_citizenship_display())


def _qualifying(episode: MigrationEpisode) -> tuple[bool | None, str]:
    S = MigrationEpisode.StatusAbroad
    if episode.status_abroad in (S.ASYLUM_SEEKER, S.REFUGEE):
        return True, _("%(country)s: %(status)s") % {
            "country": episode.country,
            "status": episode.get_status_abroad_display(),
        }
    if episode.status_abroad != S.IRREGULAR:
        return False, _("%(country)s: regular stay") % {"country": episode.country}
    months = episode.months_abroad
    if months is None:
        return None, _("%(country)s: irregular stay, dates missing") % {"country": episode.country}
    verdict = months > IRREGULAR_STAY_MIN_MONTHS or (
        months == IRREGULAR_STAY_MIN_MONTHS and episode.return_date > _add_year(episode.departure_date)
    )
    return verdict, _("%(country)s: irregular stay of %(months)s months") % {
        "country": episode.country,
        "months": months,
    }


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _stay_abroad(episodes: list[MigrationEpisode]) -> tuple[RuleResult, MigrationEpisode | None]:
    title = str(RULE_TITLES["stay_abroad"])
    if not episodes:
        return RuleResult("stay_abroad", title, None, _("No migration episode recorded.")), None
    results = [(episode, *_qualifying(episode)) for episode in episodes]
    for episode, verdict, reason in results:
        if verdict:
            return RuleResult("stay_abroad", title, True, reason), episode
    unknown = [reason for _episode, verdict, reason in results if verdict is None]
    if unknown:
        return RuleResult("stay_abroad", title, None, "; ".join(unknown)), None
    return RuleResult("stay_abroad", title, False, "; ".join(reason for *_rest, reason in results)), None


def _registration(case: Case, episode: MigrationEpisode | None) -> RuleResult:
    title = str(RULE_TITLES["registration"])
    if episode is None or episode.return_date is None:
        return RuleResult("registration", title, None, _("Return date of a qualifying stay not known."))
    days = (case.opened_on - episode.return_date).days
    reason = _("Returned %(returned)s, registered %(registered)s (%(days)s days later)") % {
        "returned": date_format(episode.return_date),
        "registered": date_format(case.opened_on),
        "days": days,
    }
    return RuleResult("registration", title, 0 <= days <= REGISTRATION_WINDOW_DAYS, reason)


def state_programme_eligibility(case: Case, episodes: list[MigrationEpisode] | None = None) -> Eligibility:
    person = case.beneficiary
    episodes = list(person.migration_episodes.all()) if episodes is None else episodes
    stay, episode = _stay_abroad(episodes)
    rules = [_citizenship(person), stay, _registration(case, episode)]
    return Eligibility(rules=rules, region=person.municipality.region)
