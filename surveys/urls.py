from django.urls import path

from . import views, views_data

app_name = "surveys"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("rounds/new/", views.round_create, name="round-create"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/targets/", views.round_targets, name="round-targets"),
    path("rounds/<int:pk>/move/<str:to>/", views.round_move, name="round-move"),
    path("rounds/<int:pk>/responses/", views.response_list, name="response-list"),
    path("rounds/<int:pk>/responses/new/", views.response_create, name="response-create"),
    path("rounds/<int:pk>/responses/relevance/", views.response_relevance, name="response-relevance"),
    path("rounds/<int:pk>/imports/new/", views_data.import_create, name="import-create"),
    path("rounds/<int:pk>/analysis/", views_data.round_analysis, name="round-analysis"),
    path("rounds/<int:pk>/analysis/refresh/", views_data.round_analysis_refresh, name="round-analysis-refresh"),
    path("rounds/<int:pk>/analysis.xlsx", views_data.round_analysis_export, name="round-analysis-export"),
    path("rounds/<int:pk>/responses.xlsx", views_data.round_responses_export, name="round-responses-export"),
    path("responses/<int:pk>/", views.response_detail, name="response-detail"),
    path("imports/<int:pk>/", views_data.import_detail, name="import-detail"),
    path("imports/<int:pk>/progress/", views_data.import_progress, name="import-progress"),
    path("imports/<int:pk>/commit/", views_data.import_commit, name="import-commit"),
    path("imports/<int:pk>/municipality/", views_data.import_municipality, name="import-municipality"),
    path("comparison/", views_data.comparison, name="comparison"),
    path("comparison.xlsx", views_data.comparison_export, name="comparison-export"),
    path("instruments/", views.instrument_list, name="instrument-list"),
    path("instruments/new/", views.instrument_create, name="instrument-create"),
    path("instruments/<int:pk>/", views.instrument_detail, name="instrument-detail"),
    path("instruments/<int:pk>/import/", views.instrument_import, name="instrument-import"),
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("versions/<int:pk>/copy/", views.version_copy, name="version-copy"),
    path("versions/<int:pk>/disaggregation/", views.version_profile, name="version-profile"),
    path("versions/<int:pk>/questions/new/", views.question_create, name="question-create"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
]
