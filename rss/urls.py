from django.urls import path

from . import views

app_name = "rss"

urlpatterns = [
    path("cases/<int:pk>/baseline/", views.baseline_add, name="baseline-add"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/enter/", views.round_enter, name="round-enter"),
    path("rounds/<int:pk>/pdf/", views.round_pdf, name="round-pdf"),
    path("rounds/<int:pk>/suggestions/<slug:indicator>/accept/", views.suggestion_accept, name="suggestion-accept"),
    path("cohort/", views.cohort, name="cohort"),
    path("export/", views.export, name="export"),
    path("versions/", views.version_list, name="version-list"),
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
]
