from django.urls import path

from . import views

app_name = "reintegration"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("intake/", views.intake, name="intake"),
    path("my-work/", views.my_work, name="my-work"),
    path("my-work/<slug:name>/", views.my_work_list, name="my-work-list"),
    path("people/<int:pk>/open-case/", views.case_open_existing, name="case-open-existing"),
    path("people/<int:pk>/edit/", views.beneficiary_edit, name="beneficiary-edit"),
    path("people/<int:pk>/export/", views.beneficiary_export, name="beneficiary-export"),
    path("confidential-access/", views.break_glass_review, name="break-glass-review"),
    path("unmet-needs/", views.unmet_needs, name="unmet-needs"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer-detail"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/edit/", views.case_edit, name="case-edit"),
    path("<int:pk>/activate/", views.case_activate, name="case-activate"),
    path("<int:pk>/request-closure/", views.case_request_closure, name="case-request-closure"),
    path("<int:pk>/approve-closure/", views.case_approve_closure, name="case-approve-closure"),
    path("<int:pk>/return-closure/", views.case_return_closure, name="case-return-closure"),
    path("<int:pk>/reopen/", views.case_reopen, name="case-reopen"),
    path("<int:pk>/transfer/", views.case_transfer, name="case-transfer"),
    path("<int:pk>/consents/add/", views.consent_add, name="consent-add"),
    path("<int:pk>/consents/<int:consent_pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("<int:pk>/migration/add/", views.episode_add, name="episode-add"),
    path("<int:pk>/household/", views.household_edit, name="household-edit"),
    path("<int:pk>/household/members/add/", views.household_member_add, name="household-member-add"),
    path("<int:pk>/assessments/add/", views.assessment_add, name="assessment-add"),
    path("<int:pk>/needs/<int:need_pk>/status/", views.need_status, name="need-status"),
    path("<int:pk>/sessions/add/", views.session_add, name="session-add"),
    path("<int:pk>/confidential-notes/", views.confidential_notes, name="confidential-notes"),
    path("<int:pk>/plan/goals/add/", views.goal_add, name="goal-add"),
    path("<int:pk>/plan/goals/<int:goal_pk>/status/", views.goal_status, name="goal-status"),
    path("<int:pk>/plan/goals/<int:goal_pk>/actions/add/", views.action_add, name="action-add"),
    path("<int:pk>/plan/actions/<int:action_pk>/status/", views.action_status, name="action-status"),
    path("<int:pk>/follow-ups/add/", views.follow_up_add, name="follow-up-add"),
    path("<int:pk>/follow-ups/<int:follow_up_pk>/done/", views.follow_up_done, name="follow-up-done"),
]
