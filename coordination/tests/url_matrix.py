from tests.matrix import OK, REDIRECT, Route, only

READERS = ["officer", "partner"]


def setup(world):
    from django.core.files.base import ContentFile

    from coordination.models import Attendance, Meeting, PolicyReport
    from coordination.tests import factories as f

    committee = f.steering_committee()
    seat = f.CommitteeMemberFactory(committee=committee, user=world.user("partner"), full_name="პარტნიორი")
    external = f.CommitteeMemberFactory(committee=committee, full_name="გარე წევრი")
    held = f.MeetingFactory(committee=committee, status=Meeting.Status.HELD, minutes_ka="სამუშაო ვერსია")
    f.AgendaItemFactory(meeting=held)
    Attendance.objects.create(meeting=held, member=external, status=Attendance.Status.PRESENT)
    minuted = f.MeetingFactory(committee=committee, status=Meeting.Status.MINUTED, minutes_ka="ოქმი")
    f.AgendaItemFactory(meeting=minuted, title_ka="დღის წესრიგის საკითხი")
    document = f.PolicyDocumentFactory(file=ContentFile(f.PDF_BYTES, name="policy.pdf"), original_name="policy.pdf")
    version = f.MethodologyVersionFactory()
    version.approved_by = f.DecisionFactory(meeting=minuted, committee=committee, number=1)
    version.save()
    world.objects.update(
        {
            "coordination.committee": committee,
            "coordination.seat": seat,
            "coordination.external": external,
            "coordination.planned": f.MeetingFactory(committee=committee),
            "coordination.held": held,
            "coordination.minuted": minuted,
            "coordination.document": f.MeetingDocumentFactory(meeting=held),
            "coordination.action": f.ActionItemFactory(meeting=held, owner=seat),
            "coordination.policy": document,
            "coordination.recommendation": f.RecommendationFactory(),
            "coordination.version": version,
            "coordination.report": PolicyReport.objects.create(
                number=1,
                pdf_ka=ContentFile(f.PDF_BYTES, name="r-ka.pdf"),
                pdf_en=ContentFile(f.PDF_BYTES, name="r-en.pdf"),
                annex_xlsx=ContentFile(b"PK", name="r.xlsx"),
            ),
        }
    )


def _pk(key):
    return lambda w: {"pk": w.objects[f"coordination.{key}"].pk}


def _officer(status=OK):
    return only(status, ["officer"])


def _readers(status=OK):
    return only(status, READERS)


ROUTES = {
    "coordination:committee-list": Route(expect=_readers()),
    "coordination:committee-create": Route(expect=_officer()),
    "coordination:committee-detail": Route(expect=_readers(), kwargs=_pk("committee")),
    "coordination:committee-edit": Route(expect=_officer(), kwargs=_pk("committee")),
    "coordination:member-add": Route(expect=_officer(), kwargs=_pk("committee")),
    "coordination:member-edit": Route(expect=_officer(), kwargs=_pk("external")),
    "coordination:meeting-create": Route(expect=_officer(), kwargs=_pk("committee")),
    "coordination:meeting-list": Route(expect=_readers()),
    "coordination:meeting-detail": Route(expect=_readers(), kwargs=_pk("held")),
    "coordination:meeting-edit": Route(expect=_officer(), kwargs=_pk("planned")),
    "coordination:meeting-status": Route(
        expect=_officer(REDIRECT), kwargs=_pk("planned"), method="post", data=lambda w: {"to_status": "cancelled"}
    ),
    "coordination:agenda-add": Route(expect=_officer(), kwargs=_pk("planned")),
    "coordination:meeting-attendance": Route(expect=_officer(), kwargs=_pk("held")),
    "coordination:minutes-edit": Route(expect=_officer(), kwargs=_pk("held")),
    "coordination:minutes-approve": Route(expect=_officer(REDIRECT), kwargs=_pk("held"), method="post"),
    "coordination:minutes-pdf": Route(expect=_readers(), kwargs=_pk("minuted")),
    "coordination:document-add": Route(expect=_officer(), kwargs=_pk("held")),
    "coordination:document-download": Route(expect=_readers(), kwargs=_pk("document")),
    "coordination:decision-add": Route(expect=_officer(), kwargs=_pk("held")),
    "coordination:action-add": Route(expect=_officer(), kwargs=_pk("held")),
    "coordination:action-list": Route(expect=_readers()),
    "coordination:action-status": Route(
        expect=_readers(REDIRECT), kwargs=_pk("action"), method="post", data=lambda w: {"to_status": "in_progress"}
    ),
    "coordination:policy-list": Route(expect=_readers()),
    "coordination:policy-create": Route(expect=_officer()),
    "coordination:policy-detail": Route(expect=_readers(), kwargs=_pk("policy")),
    "coordination:policy-edit": Route(expect=_officer(), kwargs=_pk("policy")),
    "coordination:policy-file": Route(expect=_readers(), kwargs=_pk("policy")),
    "coordination:assessment-add": Route(expect=_officer(), kwargs=_pk("policy")),
    "coordination:recommendation-list": Route(expect=_readers()),
    "coordination:recommendation-create": Route(expect=_officer()),
    "coordination:recommendation-detail": Route(expect=_readers(), kwargs=_pk("recommendation")),
    "coordination:recommendation-edit": Route(expect=_officer(), kwargs=_pk("recommendation")),
    "coordination:recommendation-status": Route(
        expect=_officer(REDIRECT),
        kwargs=_pk("recommendation"),
        method="post",
        data=lambda w: {"to_status": "accepted"},
    ),
    "coordination:report-list": Route(expect=_officer()),
    "coordination:report-issue": Route(expect=_officer(REDIRECT), method="post"),
    "coordination:report-deliver": Route(expect=_officer(), kwargs=_pk("report")),
    "coordination:report-file": Route(
        expect=_officer(), kwargs=lambda w: {"pk": w.objects["coordination.report"].pk, "kind": "pdf-ka"}
    ),
    "coordination:methodology-list": Route(expect=_readers()),
    "coordination:methodology-create": Route(expect=_officer()),
    "coordination:methodology-detail": Route(
        expect=_readers(), kwargs=lambda w: {"pk": w.objects["coordination.version"].document_id}
    ),
    "coordination:version-add": Route(
        expect=_officer(), kwargs=lambda w: {"pk": w.objects["coordination.version"].document_id}
    ),
    "coordination:version-download": Route(expect=_readers(), kwargs=_pk("version")),
}
