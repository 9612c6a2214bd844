import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import LOGIN_AT_KEY, RENEWED_AT_KEY


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT_KEY] = now
        request.session[RENEWED_AT_KEY] = now  # the session saved at login counts as the first renewal
