"""The read-only HSDS API and CSV export.

Public on purpose (login_not_required): partners reuse the directory, and it holds no personal data —
only organisations, services, places and phone numbers published for the public.
"""

import math

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from ..hsds import csv_export_zip, service_json, services_for_api

MAX_PAGE_SIZE = 100


def _int(value, default: int) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


def _modified_after(value: str):
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            return None
        moment = timezone.datetime.combine(day, timezone.datetime.min.time())
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


@login_not_required
@require_GET
def service_list(request):
    """HSDS ``/services``: paginated (``page``, ``per_page``), filtered by ``modified_after``."""
    services = services_for_api()
    if "modified_after" in request.GET:
        moment = _modified_after(request.GET["modified_after"])
        if moment is None:
            return _bad_request("modified_after must be an ISO 8601 date or date-time")
        services = services.filter(modified_at__gt=moment)
    size = min(_int(request.GET.get("per_page"), 50), MAX_PAGE_SIZE)
    page = _int(request.GET.get("page"), 1)
    total = services.count()
    pages = max(1, math.ceil(total / size))
    contents = [service_json(service) for service in services[(page - 1) * size : page * size]]
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": size,
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not contents,
            "contents": contents,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_not_required
@require_GET
def service_detail(request, id):
    service = services_for_api().filter(uuid=id).first()
    if service is None:
        raise Http404
    return JsonResponse(service_json(service), json_dumps_params={"ensure_ascii": False})


@login_not_required
@require_GET
def export_csv(request):
    response = StreamingHttpResponse(csv_export_zip(services_for_api()), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="hsds-directory.zip"'
    return response
