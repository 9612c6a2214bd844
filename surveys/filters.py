import django_filters
from django.utils.translation import gettext_lazy as _

from hubs.models import Municipality

from .models import Instrument, Response, Round


class _Styled(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class RoundFilter(_Styled):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Round.Status.choices)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="version__instrument__kind", choices=Instrument.Kind.choices
    )

    class Meta:
        model = Round
        fields = ["status", "kind"]


def _round_municipalities(request):
    round_ = getattr(request, "survey_round", None)
    if round_ is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(pk__in=round_.targets.values("municipality_id"))


class ResponseFilter(_Styled):
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=_round_municipalities)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Response.Source.choices)

    class Meta:
        model = Response
        fields = ["municipality", "source"]
