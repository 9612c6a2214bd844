from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.permissions import has_role, is_hub_staff, is_officer, is_partner
from accounts.roles import Role
from dashboard.permissions import can_see_quality_queue, can_see_results
from hubs.selectors import colleagues_for_home, hubs_by_region, hubs_for_home


def home(request):
    """One home page; each role sees its own sections of what exists so far."""
    user = request.user
    context = {
        "show_officer": is_officer(user),
        "show_partner": is_partner(user),
        "show_hub_staff": is_hub_staff(user),
        "show_committee": has_role(user, Role.COMMITTEE),
        "show_mentor": has_role(user, Role.MENTOR),
    }
    if context["show_officer"]:
        context["all_hubs"] = list(hubs_for_home(user=user))
    if context["show_partner"] or context["show_officer"]:
        context["regions"] = list(hubs_by_region(user=user))
    if context["show_hub_staff"]:
        context["colleagues"] = list(colleagues_for_home(user=user))
        context["my_hubs"] = list(hubs_for_home(user=user)) if not context["show_officer"] else []
    context["show_results"] = can_see_results(user)
    context["show_quality"] = can_see_quality_queue(user)
    context["show_hub_lead"] = has_role(user, Role.HUB_LEAD)
    context["has_any_role"] = any(value for key, value in context.items() if key.startswith("show_"))
    return render(request, "dashboard/home.html", context)


@login_not_required
@require_GET
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
