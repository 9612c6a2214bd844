from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput

from .indicators import Period
from .models import ExportJob


class PeriodForm(CrispyFormMixin, forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period comes before its start."))
        return data

    def period(self) -> Period:
        if not self.is_valid():
            return Period()
        return Period(start=self.cleaned_data.get("start"), end=self.cleaned_data.get("end"))


def period_presets() -> list[dict]:
    year = timezone.localdate().year
    return [
        {"label": _("Project to date"), "start": "", "end": ""},
        {"label": str(year), "start": f"{year}-01-01", "end": f"{year}-12-31"},
        {"label": str(year - 1), "start": f"{year - 1}-01-01", "end": f"{year - 1}-12-31"},
    ]


class ExportForm(CrispyFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Export"), choices=ExportJob.Kind.choices)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, label) for k, label in ExportJob.Kind.choices if k in kinds]
