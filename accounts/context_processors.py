from .navigation import menu_for
from .permissions import is_officer
from .roles import roles_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": frozenset()}
    return {
        "nav_items": menu_for(user, request.path),
        "user_roles": roles_of(user),
        "user_is_officer": is_officer(user),
    }
