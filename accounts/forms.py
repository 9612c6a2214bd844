from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from .models import User
from .services import email_queue


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose email goes out through Celery after commit."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_queue(subject=subject, body=body, to=[to_email])


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["preferred_language"]


def normalised_username(request, credentials) -> str | None:
    """django-axes counts failures per address, however it is capitalised."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username.strip().lower() if username else None


class InvitationAcceptForm(forms.Form):
    """The invited person chooses a password (validated by the service: at least 12 characters)."""

    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class CrispyFormMixin:
    """crispy-bootstrap5 layout for a form whose template owns <form>, the CSRF token and the buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class TimeInput(forms.TimeInput):
    """A text field for a time of day as 24-hour hh:mm, with that format as its hint: the browser's own
    time picker follows the operating system's locale (12-hour AM/PM on many machines), so, as for
    dates, it is not used anywhere (`accounts.dates.install()` makes this every TimeField's widget)."""

    input_type = "text"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs=attrs, format=format)

    def get_context(self, name, value, attrs):
        from .dates import format_hint

        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.setdefault("placeholder", format_hint(self.format))
        widget_attrs.setdefault("title", format_hint(self.format))
        widget_attrs.setdefault("inputmode", "numeric")
        widget_attrs.setdefault("autocomplete", "off")
        return context


class DateInput(forms.DateInput):
    """A text field for a date in the page language's format (DD.MM.YYYY in Georgian, DD/MM/YYYY in
    English), with that format as its hint. The browser's own date picker follows the operating
    system's locale (a Georgian page showed mm/dd/yyyy), so it is not used anywhere: `install()`
    makes this the widget of every DateField, and the fields accept DATE_INPUT_FORMATS (the
    language's format first, ISO 8601 too). accounts.dates holds the format and the error message."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format)

    def format_value(self, value):
        from .dates import display_format

        if isinstance(value, str) or value is None:
            return value
        return value.strftime(self.format or display_format())

    def get_context(self, name, value, attrs):
        from .dates import format_hint

        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.setdefault("placeholder", format_hint())
        widget_attrs.setdefault("title", format_hint())
        widget_attrs.setdefault("inputmode", "text")
        widget_attrs.setdefault("autocomplete", "off")
        widget_attrs["data-date-input"] = ""
        return context


class DateTimeInput(forms.DateTimeInput):
    """The same for a date and time: DD.MM.YYYY hh:mm in Georgian, DD/MM/YYYY hh:mm in English."""

    input_type = "text"

    def get_context(self, name, value, attrs):
        from django.utils import formats

        from .dates import format_hint

        context = super().get_context(name, value, attrs)
        hint = format_hint(formats.get_format("DATETIME_INPUT_FORMATS")[0])
        context["widget"]["attrs"].setdefault("placeholder", hint)
        context["widget"]["attrs"].setdefault("title", hint)
        context["widget"]["attrs"].setdefault("autocomplete", "off")
        return context
