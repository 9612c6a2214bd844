"""Reading one record through a scope, with the access log written in the same transaction.

An object outside the user's scope answers 404, exactly like one that does not exist; the
attempt on an existing record is logged as a denied access.
"""

from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404

from .models import AccessLog


def log_access(*, user, action: str, obj: Model | None = None, model=None, object_id="", path="", reason=""):
    model = model or (type(obj) if obj is not None else None)
    return AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_id=str(obj.pk if obj is not None else object_id)[:64],
        path=path[:500],
        reason=reason,
    )


def get_in_scope_or_404(request, scope: QuerySet, **lookup) -> Model:
    """The object from the user's scope; a view of personal data is logged with it."""
    model = scope.model
    if not getattr(model, "HOLDS_PERSONAL_DATA", False):  # nothing to log with it: no transaction needed
        obj = scope.filter(**lookup).first()
        if obj is not None:
            return obj
    else:
        with transaction.atomic():
            obj = scope.filter(**lookup).first()
            if obj is not None:
                log_access(user=request.user, action=AccessLog.Action.VIEW, obj=obj, path=request.path)
                return obj
    # Outside the scope: log the attempt if the record exists, then answer as if it did not.
    exists = model._default_manager.filter(**lookup).only("pk").first()
    if exists is not None:
        log_access(user=request.user, action=AccessLog.Action.DENIED, obj=exists, path=request.path)
    raise Http404


def deny(request, *, model=None, object_id="") -> None:
    """Log a denied access and answer 403."""
    log_access(user=request.user, action=AccessLog.Action.DENIED, model=model, object_id=object_id, path=request.path)
    raise PermissionDenied


def require(predicate):
    """View decorator: the user must satisfy ``predicate(user)``, else 403 (logged)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                deny(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
