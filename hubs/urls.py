from django.urls import path

from .views import hubs, outreach, places, selection, training

app_name = "hubs"

urlpatterns = [
    path("", hubs.hub_list, name="hub-list"),
    path("<int:pk>/", hubs.hub_detail, name="hub-detail"),
    path("<int:pk>/edit/", hubs.hub_edit, name="hub-edit"),
    path("<int:pk>/status/", hubs.hub_status, name="hub-status"),
    path("<int:pk>/staff/invite/", hubs.staff_invite, name="staff-invite"),
    path("<int:pk>/staff/assign/", hubs.staff_assign, name="staff-assign"),
    path("staff/<int:pk>/end/", hubs.membership_end, name="membership-end"),
    path("staff/<int:pk>/reinvite/", hubs.membership_reinvite, name="membership-reinvite"),
    path("staff/<int:pk>/move/", hubs.staff_move, name="membership-move"),
    path("people/<int:user_pk>/deactivate/", hubs.staff_deactivate, name="staff-deactivate"),
]

urlpatterns += [
    path("regions/", places.region_list, name="region-list"),
    path("municipalities/", places.municipality_list, name="municipality-list"),
    path("municipalities/<int:pk>/", places.municipality_detail, name="municipality-detail"),
    path("municipalities/<int:pk>/edit/", places.municipality_edit, name="municipality-edit"),
]

urlpatterns += [
    path("trainings/", training.training_list, name="training-list"),
    path("trainings/new/", training.training_create, name="training-create"),
    path("trainings/figures/", training.training_stats, name="training-stats"),
    path("trainings/<int:pk>/", training.training_detail, name="training-detail"),
    path("trainings/<int:pk>/edit/", training.training_edit, name="training-edit"),
    path("trainings/<int:pk>/participants/", training.participant_add, name="participant-add"),
    path("trainings/<int:pk>/results/", training.training_results, name="training-results"),
    path("trainings/participants/<int:pk>/complete/", training.participant_complete, name="participant-complete"),
    path("trainings/participants/<int:pk>/certificate.pdf", training.certificate, name="certificate"),
]

urlpatterns += [
    path("information-sessions/", outreach.info_session_list, name="infosession-list"),
    path("information-sessions/new/", outreach.info_session_create, name="infosession-create"),
    path("information-sessions/people-informed/", outreach.info_session_stats, name="infosession-stats"),
    path("information-sessions/<int:pk>/", outreach.info_session_detail, name="infosession-detail"),
    path("information-sessions/<int:pk>/edit/", outreach.info_session_edit, name="infosession-edit"),
]

urlpatterns += [
    path("selection/", selection.application_list, name="application-list"),
    path("selection/criteria/", selection.criterion_list, name="criterion-list"),
    path("selection/criteria/<int:pk>/", selection.criterion_edit, name="criterion-edit"),
    path("selection/applications/new/", selection.application_create, name="application-create"),
    path("selection/applications/<int:pk>/", selection.application_detail, name="application-detail"),
    path("selection/applications/<int:pk>/edit/", selection.application_edit, name="application-edit"),
    path("selection/applications/<int:pk>/score/", selection.application_score, name="application-score"),
    path("selection/applications/<int:pk>/decide/", selection.application_decide, name="application-decide"),
    path("selection/applications/<int:pk>/documents/", selection.application_document_add, name="document-add"),
    path("selection/documents/<int:pk>/", selection.application_document, name="document-download"),
]
