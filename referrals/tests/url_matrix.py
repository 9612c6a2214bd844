"""Every URL of the referrals app and the HSDS API, per persona."""

from tests.matrix import DENIED, HIDDEN, OK, REDIRECT, Route, everyone, only

VIEWERS = ["counsellor", "other_hub_counsellor", "hub_lead", "officer", "partner"]
READ = only(OK, VIEWERS)
MANAGE = only(OK, ["officer"])


def setup(world):
    from referrals.tests.factories import GuideEditionFactory, LocationFactory, ServiceFactory

    service = ServiceFactory()
    location = LocationFactory(organization=service.organization)
    first = GuideEditionFactory(published_by=world.user("officer"))
    second = GuideEditionFactory(guide=first.guide, number=first.number + 1, published_by=world.user("officer"))
    world.objects.update(service=service, location=location, guide=first.guide, edition=second)
    from referrals.tests.factories import referral_for

    world.objects["referral"] = referral_for(world, world.user("counsellor"))


def _service(w):
    return {"pk": w.objects["service"].pk}


def _org(w):
    return {"pk": w.objects["service"].organization_id}


CASE_STAFF = ["counsellor", "hub_lead"]
# Referrals hold personal data: the case's hub staff work on them, officers read them, others get 404.
REFERRAL_READ = only(OK, [*CASE_STAFF, "officer"], otherwise=HIDDEN)
REFERRAL_WORK = only(OK, CASE_STAFF, otherwise=HIDDEN) | {"officer": DENIED}
REFERRAL_POST = only(REDIRECT, CASE_STAFF, otherwise=HIDDEN) | {"officer": DENIED}


def _referral(w):
    return {"pk": w.objects["referral"].pk}


def _token(w):
    from referrals.services import provider_link_token

    return {"token": provider_link_token(w.objects["referral"])}


ROUTES = {
    "referrals:service-list": Route(expect=READ),
    "referrals:service-create": Route(expect=MANAGE),
    "referrals:service-detail": Route(expect=READ, kwargs=_service),
    "referrals:service-update": Route(expect=MANAGE, kwargs=_service),
    "referrals:service-verify": Route(expect=only(REDIRECT, ["officer"]), kwargs=_service, method="post"),
    "referrals:organization-list": Route(expect=READ),
    "referrals:organization-create": Route(expect=MANAGE),
    "referrals:organization-detail": Route(expect=READ, kwargs=_org),
    "referrals:organization-update": Route(expect=MANAGE, kwargs=_org),
    "referrals:location-create": Route(expect=MANAGE, kwargs=lambda w: {"organization_pk": _org(w)["pk"]}),
    "referrals:location-update": Route(expect=MANAGE, kwargs=lambda w: {"pk": w.objects["location"].pk}),
    "referrals:guide-list": Route(expect=READ),
    "referrals:guide-detail": Route(expect=READ, kwargs=lambda w: {"pk": w.objects["guide"].pk}),
    "referrals:guide-publish": Route(expect=MANAGE, kwargs=lambda w: {"pk": w.objects["guide"].pk}),
    "referrals:edition-detail": Route(expect=READ, kwargs=lambda w: {"pk": w.objects["edition"].pk}),
    "referrals:edition-pdf": Route(expect=READ, kwargs=lambda w: {"pk": w.objects["edition"].pk}),
    "referrals:edition-diff": Route(expect=READ, kwargs=lambda w: {"pk": w.objects["edition"].pk}),
    # The HSDS API is public: no personal data, and partners reuse the directory.
    "hsds:service-list": Route(expect=everyone(OK), anonymous=OK),
    "hsds:service-detail": Route(expect=everyone(OK), kwargs=lambda w: {"id": w.objects["service"].uuid}, anonymous=OK),
    "hsds:export-csv": Route(expect=everyone(OK), anonymous=OK),
    "referrals:referral-list": Route(expect=everyone(OK)),
    "referrals:referral-metrics": Route(expect=only(OK, ["officer", "hub_lead"])),
    "referrals:need-services": Route(
        expect=REFERRAL_READ,
        kwargs=lambda w: {"case_pk": w.objects["referral"].case_id, "need_pk": w.objects["referral"].need_id},
    ),
    "referrals:referral-detail": Route(expect=REFERRAL_READ, kwargs=_referral),
    "referrals:referral-letter": Route(expect=REFERRAL_READ, kwargs=_referral),
    "referrals:referral-outcome": Route(expect=REFERRAL_WORK, kwargs=_referral),
    "referrals:referral-cancel": Route(expect=REFERRAL_WORK, kwargs=_referral),
    "referrals:referral-send": Route(expect=REFERRAL_POST, kwargs=_referral, method="post"),
    "referrals:referral-status": Route(
        expect=REFERRAL_POST, kwargs=_referral, method="post", data=lambda w: {"to_status": "accepted"}
    ),
    # The provider's signed link works without an account.
    "referrals:provider-answer": Route(expect=everyone(OK), kwargs=_token, anonymous=OK),
}
