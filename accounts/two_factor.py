"""Two-factor sign-in (TOTP) for officers and committee members, with django-otp.

After the password, a person whose role requires it is sent to one page. The first time (and after
an officer removed a lost device) it asks for a code sent by email, then sets up an authenticator
app (QR code + secret) and hands out recovery codes; every other time it asks for the 6-digit code
(or one recovery code).
"""

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import has_role, is_officer
from .roles import Role

EXEMPT_VIEWS = {"accounts:two-factor", "accounts:logout", "accounts:set-language", "dashboard:healthz"}


def requires_two_factor(user) -> bool:
    return settings.TWO_FACTOR_REQUIRED and (is_officer(user) or has_role(user, Role.COMMITTEE))


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not requires_two_factor(user):
            return None
        if request.resolver_match and request.resolver_match.view_name in EXEMPT_VIEWS:
            return None
        return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': request.get_full_path()})}")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("6-digit code from your authenticator app (or a recovery code)"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EmailCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("The code we emailed you"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


# Enrolment ----------------------------------------------------------------------------------
# Setting up an authenticator takes more than the password: a one-time code sent by email first
# (also after an officer removed a lost device). The QR code is shown only after that code, and the
# TOTP device is created on that POST, never on a GET. Recovery codes are handed out once at the end.
ENROLMENT_SESSION_KEY = "two_factor_enrolment_email_ok"
EMAIL_CODE_VALID_SECONDS = 10 * 60
RECOVERY_CODES = 10


def _clean(token: str) -> str:
    return token.strip().replace(" ", "").replace("-", "").lower()


def _confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


@transaction.atomic
def two_factor_email_code_send(*, user) -> None:
    """Email a one-time code that lets the person set up an authenticator (valid 10 minutes)."""
    from .services import email_queue

    device, _created = EmailDevice.objects.select_for_update().get_or_create(
        user=user, name="enrolment", defaults={"confirmed": True}
    )
    device.generate_token(valid_secs=EMAIL_CODE_VALID_SECONDS)
    with translation.override(user.preferred_language):
        email_queue(
            subject=_("Your code to set up the two-step sign-in"),
            body=_(
                "Your one-time code is %(code)s. It works for 10 minutes. "
                "If you did not try to sign in, tell an IOM project officer."
            )
            % {"code": device.token},
            to=[user.email],
        )


@transaction.atomic
def two_factor_enrolment_start(*, user, code: str) -> TOTPDevice | None:
    """The emailed code is right: a fresh, unconfirmed authenticator to scan (old unconfirmed ones go)."""
    device = EmailDevice.objects.select_for_update().filter(user=user, name="enrolment").first()
    if device is None or not device.verify_is_allowed()[0] or not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def two_factor_recovery_codes_issue(*, user) -> list[str]:
    """New recovery codes (each works once); earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_verify(*, user, token: str, enrolling: bool = False):
    """The device that accepts this code, or None. Throttled by django-otp.

    An authenticator is confirmed by its first good code, only during an enrolment that passed the
    emailed code; otherwise only a confirmed authenticator or a recovery code signs in.
    """
    token = _clean(token)
    devices = TOTPDevice.objects.select_for_update().filter(user=user)
    if not enrolling:
        devices = devices.filter(confirmed=True)
    device = devices.order_by("confirmed", "-id").first() if enrolling else devices.order_by("-id").first()
    if device is not None and device.verify_token(token):
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        return device
    if not enrolling:
        for recovery in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if recovery.verify_token(token):
                return recovery
    return None


def _qr_data_uri(url: str) -> str:
    """The QR code as an <img> source: no markup of ours is marked safe (CSP allows data: images)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or reverse("dashboard:home")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return reverse("dashboard:home")
    return next_url


def two_factor(request):
    """The second step: the code every time; the emailed code, QR code and recovery codes the first time."""
    user = request.user
    next_url = _next_url(request)
    context = {"next": next_url}
    if _confirmed_totp(user) is None:
        return _enrol(request, context)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = two_factor_verify(user=user, token=form.cleaned_data["token"])
        if verified is not None:
            otp_login(request, verified)
            return redirect(next_url)
        form.add_error("token", _("This code is not right or has expired. Try the newest code."))
    return render(request, "accounts/two_factor.html", context | {"form": form})


def _enrol(request, context):
    user = request.user
    step = request.POST.get("step", "")
    email_ok = request.session.get(ENROLMENT_SESSION_KEY) == user.pk
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first() if email_ok else None
    if request.method == "POST" and step == "send":
        two_factor_email_code_send(user=user)
        messages.info(request, _("We emailed you a code. It works for 10 minutes."))
        return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': context['next'], 'sent': 1})}")
    if request.method == "POST" and step == "email":
        email_form = EmailCodeForm(request.POST)
        if email_form.is_valid():
            pending = two_factor_enrolment_start(user=user, code=email_form.cleaned_data["code"])
            if pending is not None:
                request.session[ENROLMENT_SESSION_KEY] = user.pk
                return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': context['next']})}")
            email_form.add_error("code", _("This code is not right or has expired. Ask for a new one."))
        return render(request, "accounts/two_factor.html", context | {"step": "email", "email_form": email_form})
    if pending is None:
        step_name = "email" if request.GET.get("sent") else "send"
        return render(request, "accounts/two_factor.html", context | {"step": step_name, "email_form": EmailCodeForm()})
    form = TokenForm(request.POST if step == "totp" else None)
    if step == "totp" and form.is_valid():
        verified = two_factor_verify(user=user, token=form.cleaned_data["token"], enrolling=True)
        if verified is not None:
            codes = two_factor_recovery_codes_issue(user=user)
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            otp_login(request, verified)
            return render(request, "accounts/two_factor.html", context | {"step": "recovery", "codes": codes})
        form.add_error("token", _("This code is not right or has expired. Try the newest code."))
    context |= {"step": "scan", "form": form, "qr_src": _qr_data_uri(pending.config_url)}
    context["secret"] = pending.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return render(request, "accounts/two_factor.html", context)
