from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput

from .models import Version


class RoundForm(CrispyFormMixin, forms.Form):
    """One field per question of the version, in the page's language; an unanswered question stays missing."""

    conducted_on = forms.DateField(label=_("conducted on"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, version: Version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        indicators = {i.pk: i for i in version.indicators.all()}
        for question in version.questions.all():
            indicator = indicators[question.indicator_id]
            self.fields[f"q_{question.code}"] = forms.ChoiceField(
                label=question.text,
                help_text=f"{indicator.dimension.name} · {indicator.name}",
                choices=[("", _("No answer"))] + [(o.code, o.label) for o in question.options.all()],
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, str | None]:
        return {name[2:]: (value or None) for name, value in self.cleaned_data.items() if name.startswith("q_")}


class CohortFilterForm(CrispyFormMixin, forms.Form):
    version = forms.ModelChoiceField(label=_("RSS version"), queryset=Version.objects.all(), required=False)
    by = forms.ChoiceField(label=_("Break down by"), required=False)

    def __init__(self, *args, by_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = by_choices
        self.fields["version"].empty_label = None
