from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .forms import EmailAuthenticationForm, InvitationAcceptForm, PreferencesForm, QueuedPasswordResetForm
from .roles import Role, roles_of
from .services import invitation_accept, invitation_for_token, user_set_language


def _set_language_cookie(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        return _set_language_cookie(response, form.get_user().preferred_language)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


@login_not_required
@require_POST
def set_language(request):
    """Django's language switch, remembered on the account of a signed-in person."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_language(user=request.user, language=language)
    return response


def profile(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_set_language(user=request.user, language=form.cleaned_data["preferred_language"])
        messages.success(request, _("Your preferences were saved."))
        return _set_language_cookie(redirect("accounts:profile"), form.cleaned_data["preferred_language"])
    role_labels = [label for value, label in Role.choices if value in roles_of(request.user)]
    return render(request, "accounts/profile.html", {"form": form, "role_labels": role_labels})


@login_not_required
@never_cache
def invitation_accept_view(request, token: str):
    """The one-time link from an invitation email: the person sets a password, then signs in."""
    invitation = invitation_for_token(token)
    form = InvitationAcceptForm(request.POST or None)
    if invitation is not None and request.method == "POST" and form.is_valid():
        try:
            invitation_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            messages.success(request, _("Your password is set. Sign in with your email address and the new password."))
            return redirect("accounts:login")
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context, status=200 if invitation else 404)
