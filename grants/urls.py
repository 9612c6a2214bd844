from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.cycle_list, name="cycle-list"),
    path("new/", views.cycle_create, name="cycle-create"),
    path("<int:pk>/", views.cycle_detail, name="cycle-detail"),
    path("<int:pk>/edit/", views.cycle_edit, name="cycle-edit"),
    path("<int:pk>/status/", views.cycle_transition, name="cycle-transition"),
    path("<int:pk>/criteria/add/", views.criterion_add, name="criterion-add"),
    path("<int:pk>/committee/add/", views.committee_add, name="committee-add"),
    path("<int:pk>/close-scoring/", views.scoring_close, name="scoring-close"),
    path("<int:pk>/ranking/", views.cycle_ranking, name="cycle-ranking"),
    path("<int:pk>/decide/", views.cycle_decide, name="cycle-decide"),
    path("<int:pk>/minutes.pdf", views.cycle_minutes, name="cycle-minutes"),
    path("<int:pk>/workshops/add/", views.workshop_add, name="workshop-add"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop-detail"),
    path("<int:cycle_pk>/applications/new/", views.application_create, name="application-create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/conflict/", views.review_conflict, name="review-conflict"),
    path("proposals/<int:pk>/scores/<int:criterion_pk>/", views.score_save, name="score-save"),
    path("proposals/<int:pk>/submit/", views.review_submit, name="review-submit"),
    path("proposals/<int:pk>/abstain/", views.review_abstain, name="review-abstain"),
    path("proposals/<int:pk>/consensus/", views.consensus_save, name="consensus-save"),
    path("proposals/<int:pk>/decision/", views.decision_record, name="decision-record"),
    path("proposals/<int:pk>/feedback.pdf", views.proposal_feedback, name="proposal-feedback"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/screen/", views.application_screen, name="application-screen"),
    path("applications/<int:pk>/mentor/", views.mentor_assign, name="mentor-assign"),
    path("applications/<int:pk>/sessions/add/", views.session_add, name="session-add"),
    path("applications/<int:pk>/plans/add/", views.plan_add, name="plan-add"),
    path("applications/<int:pk>/plans/<int:old>/<int:new>/", views.plan_diff, name="plan-diff"),
    path("applications/<int:pk>/send/", views.application_send, name="application-send"),
    path("applications/<int:pk>/award/", views.award_create, name="award-create"),
    path("awards/<int:pk>/", views.award_detail, name="award-detail"),
    path("awards/<int:pk>/completion/", views.completion_add, name="completion-add"),
    path("tranches/<int:pk>/<str:action>/", views.tranche_action, name="tranche-action"),
]
