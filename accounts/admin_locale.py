"""The admin in Georgian: strings Django, django-axes, django-otp and django-simple-history show
but do not translate into Georgian themselves.

Their msgids are listed here so that `makemessages` keeps them in our catalogue (LOCALE_PATHS wins
over the packages' own catalogues); the Georgian is in locale/tables/issue-17.json. Names the
packages never pass through gettext (app labels, "TOTP device", the "historical …" prefix) are
given translatable ones in `install()`. Only the display names change, never a model's Meta as
migrations see it (`_meta.original_attrs`), so no migration follows.
"""

from django.apps import apps
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

DJANGO_ADMIN_GAPS = [
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop("You may edit it again below."),
    gettext_noop("We’re sorry, but the requested page could not be found."),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("You don’t have permission to view or edit anything."),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select %s to view"),
]

AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Path"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
]

APP_NAMES = {
    "axes": _("Sign-in attempts"),
    "otp_totp": _("Authenticator apps"),
    "otp_static": _("Backup codes"),
}

MODEL_NAMES = {
    ("axes", "accesslog"): (_("sign-in record"), _("sign-in records")),
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("otp_static", "staticdevice"): (_("backup code set"), _("backup code sets")),
    ("otp_static", "statictoken"): (_("backup code"), _("backup codes")),
}


def install() -> None:
    """Called once from AccountsConfig.ready(), after every app's models are loaded."""
    for label, name in APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        try:
            meta = apps.get_model(label, model_name)._meta
        except LookupError:
            continue
        meta.verbose_name, meta.verbose_name_plural = singular, plural
    for model in apps.get_models():
        original = getattr(model, "instance_type", None)  # simple-history's historical models
        if original is not None and model.__name__.startswith("Historical"):
            model._meta.verbose_name = format_lazy(_("history: {}"), original._meta.verbose_name)
            model._meta.verbose_name_plural = format_lazy(_("history: {}"), original._meta.verbose_name_plural)
