from tests.matrix import DENIED, HIDDEN, OK, REDIRECT, Route, everyone, only

STAFF = ["counsellor", "other_hub_counsellor", "hub_lead", "officer"]
HUB_A = {"pk": lambda w: w.hub_a.pk}


def hub_a(world):
    return {"pk": world.hub_a.pk}


def setup(world):
    from django.utils import timezone

    from hubs.models import HubMembership
    from hubs.tests import factories

    world.objects["hubs.counsellor_membership"] = HubMembership.objects.get(user=world.user("counsellor"))
    event = factories.TrainingEventFactory()
    world.objects["hubs.training"] = event
    world.objects["hubs.info_session"] = factories.InfoSessionFactory(hub=world.hub_a)
    world.objects["hubs.criterion"] = factories.SelectionCriterionFactory()
    application = factories.MunicipalityApplicationFactory()
    world.objects["hubs.application"] = application
    world.objects["hubs.document"] = application.documents.create(title="წერილი", file="hubs/applications/missing.pdf")
    world.objects["hubs.participant"] = factories.TrainingParticipantFactory(
        event=event,
        user=world.user("counsellor"),
        hub=world.hub_a,
        post_score=80,
        completed_on=timezone.localdate(),
        certificate_number="TOT-2026-00001",
    )


def _application(world):
    return {"pk": world.objects["hubs.application"].pk}


def _hub_a_page(officer=OK, hub_lead=OK, counsellor=DENIED, partner=DENIED):
    """A page about hub A: other hubs' staff and role-less people get 404 (outside their scope)."""
    return everyone(HIDDEN) | {"officer": officer, "hub_lead": hub_lead, "counsellor": counsellor, "partner": partner}


ROUTES = {
    "hubs:hub-list": Route(expect=only(OK, STAFF)),
    "hubs:hub-detail": Route(
        expect=only(OK, ["counsellor", "hub_lead", "officer"]) | {"other_hub_counsellor": HIDDEN}, kwargs=hub_a
    ),
    "hubs:hub-edit": Route(expect=_hub_a_page(), kwargs=hub_a),
    "hubs:hub-status": Route(
        expect=_hub_a_page(officer=REDIRECT, hub_lead=DENIED),
        kwargs=hub_a,
        method="post",
        data=lambda w: {"status": "suspended"},
    ),
    "hubs:staff-invite": Route(expect=_hub_a_page(), kwargs=hub_a),
    "hubs:staff-assign": Route(expect=_hub_a_page(), kwargs=hub_a),
    "hubs:membership-end": Route(
        expect=everyone(HIDDEN) | {"officer": OK, "hub_lead": OK, "counsellor": DENIED},
        kwargs=lambda w: {"pk": w.objects["hubs.counsellor_membership"].pk},
    ),
    "hubs:membership-reinvite": Route(  # the counsellor has a password: refused with a message, redirected
        expect=everyone(HIDDEN) | {"officer": REDIRECT, "hub_lead": REDIRECT, "counsellor": DENIED},
        kwargs=lambda w: {"pk": w.objects["hubs.counsellor_membership"].pk},
        method="post",
    ),
    "hubs:membership-move": Route(
        expect=everyone(HIDDEN) | {"officer": OK, "hub_lead": DENIED, "counsellor": DENIED},
        kwargs=lambda w: {"pk": w.objects["hubs.counsellor_membership"].pk},
    ),
    "hubs:staff-deactivate": Route(expect=only(OK, ["officer"]), kwargs=lambda w: {"user_pk": w.user("counsellor").pk}),
    "hubs:region-list": Route(expect=only(OK, ["officer"])),
    "hubs:municipality-list": Route(expect=only(OK, ["officer"])),
    "hubs:municipality-detail": Route(expect=only(OK, ["officer"]), kwargs=lambda w: {"pk": w.hub_a.municipality_id}),
    "hubs:municipality-edit": Route(expect=only(OK, ["officer"]), kwargs=lambda w: {"pk": w.hub_a.municipality_id}),
    "hubs:training-list": Route(expect=only(OK, STAFF)),
    "hubs:training-create": Route(expect=only(OK, ["officer"])),
    "hubs:training-stats": Route(expect=only(OK, ["officer", "hub_lead"])),
    "hubs:training-detail": Route(
        expect=only(OK, ["counsellor", "officer"]) | {"other_hub_counsellor": HIDDEN, "hub_lead": HIDDEN},
        kwargs=lambda w: {"pk": w.objects["hubs.training"].pk},
    ),
    "hubs:training-edit": Route(expect=only(OK, ["officer"]), kwargs=lambda w: {"pk": w.objects["hubs.training"].pk}),
    "hubs:participant-add": Route(
        expect=only(REDIRECT, ["officer"]),
        kwargs=lambda w: {"pk": w.objects["hubs.training"].pk},
        method="post",
        data=lambda w: {"external_name": "ლელა ხარაძე"},
    ),
    "hubs:training-results": Route(
        expect=only(REDIRECT, ["officer"]), kwargs=lambda w: {"pk": w.objects["hubs.training"].pk}, method="post"
    ),
    "hubs:participant-complete": Route(
        expect=only(REDIRECT, ["officer"]), kwargs=lambda w: {"pk": w.objects["hubs.participant"].pk}, method="post"
    ),
    "hubs:certificate": Route(
        expect=everyone(HIDDEN) | {"counsellor": OK, "hub_lead": OK, "officer": OK},
        kwargs=lambda w: {"pk": w.objects["hubs.participant"].pk},
    ),
    "hubs:infosession-list": Route(expect=only(OK, STAFF)),
    "hubs:infosession-create": Route(expect=only(OK, STAFF)),
    "hubs:infosession-stats": Route(expect=only(OK, STAFF)),
    "hubs:infosession-detail": Route(
        expect=only(OK, ["counsellor", "hub_lead", "officer"]) | {"other_hub_counsellor": HIDDEN},
        kwargs=lambda w: {"pk": w.objects["hubs.info_session"].pk},
    ),
    "hubs:infosession-edit": Route(
        expect=only(OK, ["counsellor", "hub_lead", "officer"]) | {"other_hub_counsellor": HIDDEN},
        kwargs=lambda w: {"pk": w.objects["hubs.info_session"].pk},
    ),
    "hubs:application-list": Route(expect=only(OK, ["officer"])),
    "hubs:criterion-list": Route(expect=only(OK, ["officer"])),
    "hubs:criterion-edit": Route(expect=only(OK, ["officer"]), kwargs=lambda w: {"pk": w.objects["hubs.criterion"].pk}),
    "hubs:application-create": Route(expect=only(OK, ["officer"])),
    "hubs:application-detail": Route(expect=only(OK, ["officer"]), kwargs=_application),
    "hubs:application-edit": Route(expect=only(OK, ["officer"]), kwargs=_application),
    "hubs:application-score": Route(expect=only(OK, ["officer"]), kwargs=_application),
    "hubs:application-decide": Route(expect=only(OK, ["officer"]), kwargs=_application),
    "hubs:document-add": Route(expect=only(REDIRECT, ["officer"]), kwargs=_application, method="post"),
    "hubs:document-download": Route(
        expect=only(HIDDEN, ["officer"]),  # the stored file is missing in the matrix world: 404, not a 500
        kwargs=lambda w: {"pk": w.objects["hubs.document"].pk},
    ),
}
