from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from accounts.access import deny


def form_page(
    request, form, save, *, title: str, success: str, back, parent=None, template="community/form_page.html", extra=None
):
    """The shared GET/POST flow of the small forms: ``save`` is a service taking the cleaned data."""
    if request.method == "POST" and form.is_valid():
        try:
            save(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(back)
    context = {"form": form, "title": title, "back": back, "parent": parent, **(extra or {})}
    return render(request, template, context)


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


def allow(request, allowed: bool, model=None) -> None:
    if not allowed:
        deny(request, model=model)


def page_of(request, queryset, per_page: int = 25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
