from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render


def form_page(request, form, save, *, template: str, success: str, next_url, context=None):
    """GET shows the form; a valid POST calls the service ``save`` and redirects to ``next_url(obj)``."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, success)
            return redirect(next_url(obj))
    return render(request, template, {"form": form, **(context or {})})


def post_action(request, action, *, success: str, next_url: str):
    """A POST-only state change: the service's refusal comes back as a message."""
    try:
        action(acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(next_url)


def file_download(field, filename: str) -> FileResponse:
    """A stored file, only ever through a view that checked the user's scope first."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=filename or field.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
