from surveys.models import ImportJob
from tests.matrix import DENIED, HIDDEN, OK, REDIRECT, Route, only

from .factories import ResponseFactory, RoundFactory, VersionFactory, build_version

STAFF = ["counsellor", "hub_lead", "officer"]
VIEWERS = ["officer", "partner", "counsellor", "hub_lead", "other_hub_counsellor"]


def setup(world):
    round_ = RoundFactory(municipalities=[world.hub_a.municipality])
    draft = build_version(instrument=VersionFactory().instrument)
    world.objects["survey_round"] = round_
    world.objects["survey_response"] = ResponseFactory(round=round_, municipality=world.hub_a.municipality)
    world.objects["survey_draft"] = draft
    world.objects["survey_question"] = draft.questions.first()
    world.objects["survey_import"] = ImportJob.objects.create(
        round=round_, file="survey-imports/x.csv", original_name="x.csv", status=ImportJob.Status.DONE,
        created_by=world.user("officer"),
    )  # fmt: skip


def _round(w):
    return {"pk": w.objects["survey_round"].pk}


def _pk(key):
    return lambda w: {"pk": w.objects[key].pk}


def officer_only(status=OK, otherwise=HIDDEN):
    return only(status, ["officer"], otherwise=otherwise)


def in_round(status, allowed, visible_otherwise=DENIED):
    """Rounds of hub A's municipality: hub B's staff and people without a survey role get 404."""
    expect = only(status, allowed, otherwise=HIDDEN)
    for persona in ["officer", "partner", "counsellor", "hub_lead"]:
        expect.setdefault(persona, visible_otherwise)
        if persona not in allowed:
            expect[persona] = visible_otherwise
    return expect


ROUTES = {
    "surveys:round-list": Route(expect=only(OK, VIEWERS)),
    "surveys:round-create": Route(expect=only(OK, ["officer"])),
    "surveys:round-detail": Route(expect=in_round(OK, ["officer", "partner", "counsellor", "hub_lead"]), kwargs=_round),
    "surveys:round-targets": Route(expect=only(OK, ["officer"]), kwargs=_round),
    "surveys:round-move": Route(
        writes=["officer"],
        expect=in_round(REDIRECT, ["officer"]),
        kwargs=lambda w: _round(w) | {"to": "closed"},
        method="post",
    ),
    "surveys:response-list": Route(expect=in_round(OK, STAFF), kwargs=_round),
    "surveys:response-create": Route(expect=in_round(OK, STAFF), kwargs=_round),
    "surveys:response-relevance": Route(  # writes: it evaluates the skip logic; nothing is saved
        writes=(), expect=in_round(OK, STAFF), kwargs=_round, method="post"
    ),
    "surveys:import-create": Route(expect=only(OK, ["officer"]), kwargs=_round),
    "surveys:round-analysis": Route(expect=only(OK, ["officer", "partner"]), kwargs=_round),
    "surveys:round-analysis-refresh": Route(  # writes: it renews a cache entry; no row changes
        writes=(),
        expect=only(REDIRECT, ["officer", "partner"]),
        kwargs=_round,
        method="post",
    ),
    "surveys:round-analysis-export": Route(expect=only(OK, ["officer", "partner"]), kwargs=_round),
    "surveys:round-responses-export": Route(expect=only(OK, ["officer"]), kwargs=_round),
    "surveys:response-detail": Route(expect=only(OK, STAFF, otherwise=HIDDEN), kwargs=_pk("survey_response")),
    "surveys:import-detail": Route(expect=officer_only(), kwargs=_pk("survey_import")),
    "surveys:import-progress": Route(expect=officer_only(), kwargs=_pk("survey_import")),
    "surveys:import-commit": Route(  # writes: refused: the import is not checked yet
        writes=(), expect=officer_only(REDIRECT), kwargs=_pk("survey_import"), method="post"
    ),
    "surveys:comparison": Route(expect=only(OK, ["officer", "partner"])),
    "surveys:comparison-export": Route(expect=only(REDIRECT, ["officer", "partner"])),  # no rounds chosen
    "surveys:import-municipality": Route(expect=officer_only(REDIRECT), kwargs=_pk("survey_import"), method="post"),
    "surveys:version-profile": Route(expect=officer_only(), kwargs=_pk("survey_draft")),
    "surveys:instrument-list": Route(expect=only(OK, ["officer"])),
    "surveys:instrument-create": Route(expect=only(OK, ["officer"])),
    "surveys:instrument-detail": Route(
        expect=officer_only(), kwargs=lambda w: {"pk": w.objects["survey_draft"].instrument_id}
    ),
    "surveys:instrument-import": Route(
        expect=officer_only(), kwargs=lambda w: {"pk": w.objects["survey_draft"].instrument_id}
    ),
    "surveys:version-detail": Route(expect=officer_only(), kwargs=_pk("survey_draft")),
    "surveys:version-copy": Route(
        writes=["officer"], expect=officer_only(REDIRECT), kwargs=_pk("survey_draft"), method="post"
    ),
    "surveys:question-create": Route(expect=officer_only(), kwargs=_pk("survey_draft")),
    "surveys:question-edit": Route(expect=officer_only(), kwargs=_pk("survey_question")),
}
