from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator


def run(request, success: str, service, **kwargs) -> bool:
    """Call a service; its refusal becomes an error message instead of a page."""
    try:
        service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def page_of(request, queryset, per_page: int = 25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
