"""The service directory: search, detail, and the officers' management pages."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.refusals import refusals_shown

from ..filters import ServiceFilter
from ..forms import LocationForm, OrganizationForm, ServiceForm
from ..models import Location, Organization, Service
from ..permissions import (
    can_manage_directory,
    can_verify_service,
    can_view_directory,
    organizations_visible_to,
    services_visible_to,
)
from ..selectors import organizations_for_list, service_for_detail, services_for_directory
from ..services import location_save, organization_save, service_save, service_verify


def _page(request, queryset, per_page: int = 25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _save_form(request, form, save) -> bool:
    """Run ``save`` on a valid form; a service's refusal lands on the form (accounts.refusals)."""
    if request.method != "POST" or not form.is_valid():
        return False
    with refusals_shown(request, form=form) as outcome:
        save(form)
    return outcome.ok


@require(can_view_directory)
def service_list(request):
    filterset = ServiceFilter(request.GET or None, queryset=services_for_directory(user=request.user))
    page = _page(request, filterset.qs)
    context = {"filter": filterset, "page": page, "can_manage": can_manage_directory(request.user)}
    return render(request, "referrals/service_list.html", context)


@require(can_view_directory)
def service_detail(request, pk):
    service = get_in_scope_or_404(request, service_for_detail(user=request.user), pk=pk)
    actions = {"edit": can_manage_directory(request.user), "verify": can_verify_service(request.user, service)}
    return render(request, "referrals/service_detail.html", {"service": service, "actions": actions})


def _service_form_view(request, service: Service):
    form = ServiceForm(request.POST or None, instance=service)

    def save(form):
        service_save(
            service=form.save(commit=False),
            acting_user=request.user,
            regions=form.cleaned_data["regions"],
            municipalities=form.cleaned_data["municipalities"],
            locations=form.cleaned_data["locations"],
            phones=form.cleaned_data["phone_numbers"],
        )

    if _save_form(request, form, save):
        messages.success(request, _("The service was saved."))
        return redirect("referrals:service-detail", pk=form.instance.pk)
    return render(request, "referrals/service_form.html", {"form": form, "service": service})


@require(can_manage_directory)
def service_create(request):
    return _service_form_view(request, Service())


@require(can_manage_directory)
def service_update(request, pk):
    return _service_form_view(request, get_in_scope_or_404(request, services_visible_to(request.user), pk=pk))


@require_POST
@require(can_manage_directory)
def service_verify_view(request, pk):
    service = get_in_scope_or_404(request, services_visible_to(request.user), pk=pk)
    service_verify(service=service, acting_user=request.user)
    messages.success(request, _("Recorded that you verified this service today."))
    return redirect("referrals:service-detail", pk=service.pk)


@require(can_view_directory)
def organization_list(request):
    page = _page(request, organizations_for_list(user=request.user))
    return render(
        request, "referrals/organization_list.html", {"page": page, "can_manage": can_manage_directory(request.user)}
    )


@require(can_view_directory)
def organization_detail(request, pk):
    scope = organizations_visible_to(request.user).prefetch_related("phones", "locations__phones", "programs")
    organization = get_in_scope_or_404(request, scope, pk=pk)
    services = services_for_directory(user=request.user).filter(organization=organization)
    context = {"organization": organization, "services": services, "can_manage": can_manage_directory(request.user)}
    return render(request, "referrals/organization_detail.html", context)


def _organization_form_view(request, organization: Organization):
    form = OrganizationForm(request.POST or None, instance=organization)
    if _save_form(
        request, form, lambda f: organization_save(organization=f.save(commit=False), acting_user=request.user)
    ):
        messages.success(request, _("The organisation was saved."))
        return redirect("referrals:organization-detail", pk=form.instance.pk)
    return render(request, "referrals/organization_form.html", {"form": form, "organization": organization})


@require(can_manage_directory)
def organization_create(request):
    return _organization_form_view(request, Organization())


@require(can_manage_directory)
def organization_update(request, pk):
    return _organization_form_view(request, get_in_scope_or_404(request, organizations_visible_to(request.user), pk=pk))


def _location_form_view(request, location: Location):
    form = LocationForm(request.POST or None, instance=location)

    def save(form):
        location_save(
            location=form.save(commit=False), acting_user=request.user, phones=form.cleaned_data["phone_numbers"]
        )

    if _save_form(request, form, save):
        messages.success(request, _("The location was saved."))
        return redirect("referrals:organization-detail", pk=location.organization_id)
    return render(request, "referrals/location_form.html", {"form": form, "location": location})


@require(can_manage_directory)
def location_create(request, organization_pk):
    organization = get_in_scope_or_404(request, organizations_visible_to(request.user), pk=organization_pk)
    return _location_form_view(request, Location(organization=organization))


@require(can_manage_directory)
def location_update(request, pk):
    return _location_form_view(
        request, get_in_scope_or_404(request, Location.objects.select_related("organization"), pk=pk)
    )
