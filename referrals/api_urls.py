"""The public HSDS API (mounted at /api/hsds/)."""

from django.urls import path

from .views import api

app_name = "hsds"

urlpatterns = [
    path("services", api.service_list, name="service-list"),
    path("services/<uuid:id>", api.service_detail, name="service-detail"),
    path("export.zip", api.export_csv, name="export-csv"),
]
