from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.consultation_list, name="consultation-list"),
    path("consultations/new/", views.consultation_create, name="consultation-create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path("consultations/<int:pk>/priorities/add/", views.priority_add, name="priority-add"),
    path("consultations/<int:pk>/votes/", views.paper_votes, name="paper-votes"),
    path("consultations/<int:pk>/voters/add/", views.vote_set_add, name="voteset-add"),
    path("consultations/<int:pk>/survey/", views.survey_link, name="survey-link"),
    path("consultations/<int:pk>/results/", views.consultation_results, name="consultation-results"),
    path("priorities/<int:pk>/retain/", views.priority_retain, name="priority-retain"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle-detail"),
    path("cycles/<int:pk>/ideas/new/", views.idea_create, name="idea-create"),
    path("ideas/", views.idea_list, name="idea-list"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea-detail"),
    path("ideas/<int:pk>/feasibility/", views.idea_feasibility, name="idea-feasibility"),
    path("ideas/<int:pk>/shortlist/", views.idea_shortlist, name="idea-shortlist"),
    path("ideas/<int:pk>/expert/", views.expert_assign, name="expert-assign"),
    path("ideas/<int:pk>/experts/<int:assignment>/end/", views.expert_end, name="expert-end"),
    path("ideas/<int:pk>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("ideas/<int:pk>/plans/add/", views.plan_add, name="plan-add"),
    path("ideas/<int:pk>/plans/<int:old>/<int:new>/", views.plan_diff, name="plan-diff"),
    path("ideas/<int:pk>/send/", views.idea_send, name="idea-send"),
    path("ideas/<int:pk>/grant/", views.initiative_create, name="initiative-create"),
    path("ideas/<int:pk>/refer/", views.referral_create, name="referral-create"),
    path("idea-referrals/<int:pk>/", views.referral_move, name="referral-move"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative-detail"),
    path("initiatives/<int:pk>/visits/add/", views.visit_add, name="visit-add"),
    path("initiatives/<int:pk>/photos/add/", views.photo_add, name="photo-add"),
    path("initiatives/<int:pk>/cofunding/add/", views.cofunding_add, name="cofunding-add"),
    path("initiatives/<int:pk>/completion/", views.completion_add, name="completion-add"),
    path("photos/<int:pk>/", views.photo_file, name="photo-file"),
    path("tranches/<int:pk>/<str:action>/", views.tranche_action, name="tranche-action"),
]
