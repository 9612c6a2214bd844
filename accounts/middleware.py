import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

LOGIN_AT_KEY = "login_at"
RENEWED_AT_KEY = "renewed_at"


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after login, however active it was, and after 60 idle minutes.

    The idle limit (60 minutes) is the session cookie age, renewed by a request when the last
    renewal is a minute old or more (the session is saved then, and only then). The store expires
    an idle session by itself (the database row's expiry, the cache entry's lifetime); the idle
    limit is also checked here against the last renewal, so that it holds whatever the store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(LOGIN_AT_KEY, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                messages.info(request, _("Your session has ended after 12 hours. Please sign in again."))
                return redirect(settings.LOGIN_URL)
            now = int(time.time())
            renewed_at = request.session.get(RENEWED_AT_KEY)
            if renewed_at is not None and now - renewed_at > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, _("Your session has ended after 60 idle minutes. Please sign in again."))
                return redirect(settings.LOGIN_URL)
            if now - (renewed_at or 0) >= settings.SESSION_RENEWAL_INTERVAL:
                request.session[RENEWED_AT_KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than REQUEST_BODY_MAX_SIZE before anything reads it.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves file parts out; this caps the whole upload. Each
    file field then applies its own, smaller limit (accounts.uploads).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_SIZE:
            message = _("The upload is too large: at most %(size)s.") % {
                "size": filesizeformat(settings.REQUEST_BODY_MAX_SIZE)
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
