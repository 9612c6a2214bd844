from tests.matrix import HIDDEN, OK, Route, everyone, only

RESULTS = only(OK, ["officer", "hub_lead", "partner"])
DRILL = only(OK, ["officer", "hub_lead"])
EXPORTERS = ["officer", "partner"]


def setup(world):
    from dashboard.models import ExportJob
    from dashboard.services import reference_load

    reference_load()
    world.objects["dashboard.export"] = ExportJob.objects.create(
        kind=ExportJob.Kind.DONOR_REPORT, created_by=world.user("officer"), status=ExportJob.Status.QUEUED
    )


def _export(w):
    return {"pk": w.objects["dashboard.export"].pk}


ROUTES = {
    "dashboard:home": Route(expect=everyone(OK)),
    "dashboard:healthz": Route(expect=everyone(OK), anonymous=OK),
    "dashboard:results": Route(expect=RESULTS),
    "dashboard:indicator-detail": Route(expect=RESULTS, kwargs=lambda w: {"code": "people_counselled"}),
    "dashboard:indicator-records": Route(expect=DRILL, kwargs=lambda w: {"code": "people_counselled"}),
    "dashboard:quality-queue": Route(expect=DRILL),
    "dashboard:quality-list": Route(expect=DRILL, kwargs=lambda w: {"code": "overdue_follow_ups"}),
    "dashboard:export-list": Route(expect=only(OK, EXPORTERS)),
    # An export is its author's alone: another exporter gets 404 like for one that does not exist.
    "dashboard:export-detail": Route(expect=only(OK, ["officer"]) | {"partner": HIDDEN}, kwargs=_export),
    "dashboard:export-progress": Route(expect=only(OK, ["officer"]) | {"partner": HIDDEN}, kwargs=_export),
    "dashboard:export-download": Route(expect=only(410, ["officer"]) | {"partner": HIDDEN}, kwargs=_export),
}
