"""Georgian typography, fixed once for every form, template and admin page.

Georgian has no capital letters in running text. Django capitalises labels with `capfirst`
(`x[0].upper() + x[1:]`): for a Mkhedruli word `str.upper()` gives the Mtavruli letter (U+1C90 to
U+1CBF), so "თარიღი" became "Თარიღი" on every label built from a verbose name, in the admin's
titles and wherever a template says `|capfirst`. Django imports `capfirst` by name into a dozen
modules (model fields, model forms, the admin), so replacing one module attribute would miss
most of them; instead `install()` gives both functions (the utility and the template filter) a
body that leaves a Georgian first letter as written and capitalises every other script as before.

The same place gives select boxes a translated empty choice instead of Django's "---------".
"""

from django.utils.translation import gettext_lazy as _

MTAVRULI = ("\u1c90", "\u1cbf")

EMPTY_CHOICE = _("— choose —")


def capfirst(x):
    """Django's capfirst, except that a Georgian letter is never turned into Mtavruli."""
    # Only builtins here: install() runs this code with django.utils.text's globals.
    if not x:
        return x
    if not isinstance(x, str):
        x = str(x)
    first = x[0].upper()
    if "\u1c90" <= first <= "\u1cbf":
        return x
    return first + x[1:]


def capfirst_filter(value):
    """The `|capfirst` template filter with the same rule."""
    if not value:
        return value
    first = value[0].upper()
    if "\u1c90" <= first <= "\u1cbf":
        return value
    return first + value[1:]


def install() -> None:
    """Called once from AccountsConfig.ready()."""
    from django import forms
    from django.db.models import fields
    from django.template import defaultfilters
    from django.utils import text

    # keep_lazy_text and stringfilter wrap the original functions; every module that imported
    # them by name holds the wrapper, which calls the original: change the original's body.
    text.capfirst.__wrapped__.__code__ = capfirst.__code__
    defaultfilters.capfirst.__wrapped__.__code__ = capfirst_filter.__code__

    # The model fields' blank choice is one shared list (a default argument everywhere), and
    # ModelChoiceField's empty label a keyword default: both read as a Georgian/English prompt.
    fields.BLANK_CHOICE_DASH[:] = [("", EMPTY_CHOICE)]
    forms.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = EMPTY_CHOICE


def has_mtavruli(text: str) -> bool:
    return any(MTAVRULI[0] <= char <= MTAVRULI[1] for char in text)
