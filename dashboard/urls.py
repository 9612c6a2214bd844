from django.urls import path

from . import views, views_exports, views_results

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("results/", views_results.results, name="results"),
    path("results/<slug:code>/", views_results.indicator_detail, name="indicator-detail"),
    path("results/<slug:code>/records/", views_results.indicator_records, name="indicator-records"),
    path("data-quality/", views_results.quality_queue, name="quality-queue"),
    path("data-quality/<slug:code>/", views_results.quality_list, name="quality-list"),
    path("exports/", views_exports.export_list, name="export-list"),
    path("exports/<int:pk>/", views_exports.export_detail, name="export-detail"),
    path("exports/<int:pk>/progress/", views_exports.export_progress, name="export-progress"),
    path("exports/<int:pk>/download/", views_exports.export_download, name="export-download"),
]
