"""Every URL of the sustainability survey, per persona."""

from tests.matrix import DENIED, HIDDEN, OK, REDIRECT, Route, only

CASE_STAFF = ["counsellor", "hub_lead"]
# Rounds hold personal data: the case's hub staff enter them, officers read them, others get 404.
READ = only(OK, [*CASE_STAFF, "officer"], otherwise=HIDDEN)
WORK = only(OK, CASE_STAFF, otherwise=HIDDEN) | {"officer": DENIED}
POST = only(REDIRECT, CASE_STAFF, otherwise=HIDDEN) | {"officer": DENIED}
VERSIONS = only(OK, ["counsellor", "other_hub_counsellor", "hub_lead", "officer"])


def setup(world):
    from reintegration.tests.factories import case_at
    from rss.tests.factories import answers_all, provisional, scored_case

    version = provisional()
    counsellor = world.user("counsellor")
    case, (baseline,) = scored_case(world.hub_a, counsellor, version, [answers_all(version, 2)])
    world.objects.update(
        rss_version=version,
        rss_case=case,
        rss_baseline=baseline,
        rss_scheduled=case.rss_rounds.filter(status="scheduled").order_by("month").first(),
        rss_new_case=case_at(world.hub_a, counsellor),
    )


def _round(key):
    return lambda w: {"pk": w.objects[key].pk}


ROUTES = {
    "rss:baseline-add": Route(expect=WORK, kwargs=_round("rss_new_case")),
    "rss:round-detail": Route(expect=READ, kwargs=_round("rss_baseline")),
    "rss:round-enter": Route(expect=WORK, kwargs=_round("rss_scheduled")),
    "rss:round-pdf": Route(expect=READ, kwargs=_round("rss_baseline")),
    "rss:suggestion-accept": Route(
        expect=POST,
        kwargs=lambda w: {"pk": w.objects["rss_baseline"].pk, "indicator": "econ_satisfaction"},
        method="post",
    ),
    "rss:cohort": Route(expect=only(OK, ["hub_lead", "officer", "partner"])),
    "rss:export": Route(expect=only(OK, ["officer"])),
    "rss:version-list": Route(expect=VERSIONS),
    "rss:version-detail": Route(expect=VERSIONS, kwargs=_round("rss_version")),
}
