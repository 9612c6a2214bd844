from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("dashboard.urls")),
    path("accounts/", include("accounts.urls")),
    path("hubs/", include("hubs.urls")),
    path("cases/", include("reintegration.urls")),
    path("rss/", include("rss.urls")),
    path("referrals/", include("referrals.urls")),
    path("api/hsds/", include("referrals.api_urls")),
    path("grants/", include("grants.urls")),
    path("surveys/", include("surveys.urls")),
    path("coordination/", include("coordination.urls")),
    path("community/", include("community.urls")),
    path("admin/", admin.site.urls),
]
