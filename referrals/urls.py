from django.urls import path

from .views import directory, guides, referrals

app_name = "referrals"

urlpatterns = [
    path("services/", directory.service_list, name="service-list"),
    path("services/new/", directory.service_create, name="service-create"),
    path("services/<int:pk>/", directory.service_detail, name="service-detail"),
    path("services/<int:pk>/edit/", directory.service_update, name="service-update"),
    path("services/<int:pk>/verify/", directory.service_verify_view, name="service-verify"),
    path("organisations/", directory.organization_list, name="organization-list"),
    path("organisations/new/", directory.organization_create, name="organization-create"),
    path("organisations/<int:pk>/", directory.organization_detail, name="organization-detail"),
    path("organisations/<int:pk>/edit/", directory.organization_update, name="organization-update"),
    path("organisations/<int:organization_pk>/locations/new/", directory.location_create, name="location-create"),
    path("locations/<int:pk>/edit/", directory.location_update, name="location-update"),
    path("guides/", guides.guide_list, name="guide-list"),
    path("guides/<int:pk>/", guides.guide_detail, name="guide-detail"),
    path("guides/<int:pk>/publish/", guides.guide_publish_view, name="guide-publish"),
    path("editions/<int:pk>/", guides.edition_detail, name="edition-detail"),
    path("editions/<int:pk>/pdf/", guides.edition_pdf, name="edition-pdf"),
    path("editions/<int:pk>/changes/", guides.edition_diff_view, name="edition-diff"),
    path("", referrals.referral_list, name="referral-list"),
    path("metrics/", referrals.referral_metrics_view, name="referral-metrics"),
    path("cases/<int:case_pk>/needs/<int:need_pk>/", referrals.need_services, name="need-services"),
    path("<int:pk>/", referrals.referral_detail, name="referral-detail"),
    path("<int:pk>/send/", referrals.referral_send_view, name="referral-send"),
    path("<int:pk>/status/", referrals.referral_status_view, name="referral-status"),
    path("<int:pk>/outcome/", referrals.referral_outcome, name="referral-outcome"),
    path("<int:pk>/cancel/", referrals.referral_cancel_view, name="referral-cancel"),
    path("<int:pk>/letter/", referrals.referral_letter, name="referral-letter"),
    path("answer/<str:token>/", referrals.provider_answer, name="provider-answer"),
]
