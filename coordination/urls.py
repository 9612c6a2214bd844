from django.urls import path

from .views import committees, meetings, methodology, policy

app_name = "coordination"

urlpatterns = [
    path("", committees.committee_list, name="committee-list"),
    path("committees/new/", committees.committee_create, name="committee-create"),
    path("committees/<int:pk>/", committees.committee_detail, name="committee-detail"),
    path("committees/<int:pk>/edit/", committees.committee_edit, name="committee-edit"),
    path("committees/<int:pk>/members/new/", committees.member_add, name="member-add"),
    path("members/<int:pk>/edit/", committees.member_edit, name="member-edit"),
    path("committees/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting-create"),
]

urlpatterns += [
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/status/", meetings.meeting_status, name="meeting-status"),
    path("meetings/<int:pk>/agenda/new/", meetings.agenda_add, name="agenda-add"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_edit, name="minutes-edit"),
    path("meetings/<int:pk>/minutes/approve/", meetings.minutes_approve, name="minutes-approve"),
    path("meetings/<int:pk>/minutes.pdf", meetings.minutes_pdf_view, name="minutes-pdf"),
    path("meetings/<int:pk>/documents/new/", meetings.document_add, name="document-add"),
    path("meetings/documents/<int:pk>/", meetings.document_download, name="document-download"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_add, name="decision-add"),
    path("meetings/<int:pk>/actions/new/", meetings.action_add, name="action-add"),
    path("actions/", meetings.action_list, name="action-list"),
    path("actions/<int:pk>/status/", meetings.action_status, name="action-status"),
]

urlpatterns += [
    path("policy/", policy.policy_list, name="policy-list"),
    path("policy/new/", policy.policy_create, name="policy-create"),
    path("policy/<int:pk>/", policy.policy_detail, name="policy-detail"),
    path("policy/<int:pk>/edit/", policy.policy_edit, name="policy-edit"),
    path("policy/<int:pk>/file/", policy.policy_file, name="policy-file"),
    path("policy/<int:pk>/assessments/new/", policy.assessment_add, name="assessment-add"),
    path("policy/recommendations/", policy.recommendation_list, name="recommendation-list"),
    path("policy/recommendations/new/", policy.recommendation_create, name="recommendation-create"),
    path("policy/recommendations/<int:pk>/", policy.recommendation_detail, name="recommendation-detail"),
    path("policy/recommendations/<int:pk>/edit/", policy.recommendation_edit, name="recommendation-edit"),
    path("policy/recommendations/<int:pk>/status/", policy.recommendation_status, name="recommendation-status"),
    path("policy/reports/", policy.report_list, name="report-list"),
    path("policy/reports/new/", policy.report_issue, name="report-issue"),
    path("policy/reports/<int:pk>/deliver/", policy.report_deliver, name="report-deliver"),
    path("policy/reports/<int:pk>/<slug:kind>/", policy.report_file, name="report-file"),
]

urlpatterns += [
    path("methodology/", methodology.methodology_list, name="methodology-list"),
    path("methodology/new/", methodology.methodology_create, name="methodology-create"),
    path("methodology/<int:pk>/", methodology.methodology_detail, name="methodology-detail"),
    path("methodology/<int:pk>/versions/new/", methodology.version_add, name="version-add"),
    path("methodology/versions/<int:pk>/file/", methodology.version_download, name="version-download"),
]
