from django.core.paginator import Paginator

from accounts.refusals import run

__all__ = ["page_of", "run"]


def page_of(request, queryset, per_page: int = 25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
