import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateInput

from .models import Hub, InfoSession, Municipality, Region, TrainingEvent


class StyledFilterSet(django_filters.FilterSet):
    """Bootstrap classes on the filter widgets (the template renders the fields one by one)."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if hasattr(field.widget, "choices") else "form-control"
            field.widget.attrs.setdefault(
                "class", f"{css} form-control-sm" if css == "form-control" else f"{css} form-select-sm"
            )
        return form


class HubFilter(StyledFilterSet):
    region = django_filters.ModelChoiceFilter(
        field_name="municipality__region", label=_("Region"), queryset=Region.objects.filter(is_target=True)
    )
    status = django_filters.ChoiceFilter(choices=Hub.Status.choices, label=_("Status"))

    class Meta:
        model = Hub
        fields = ["region", "status"]


class MunicipalityFilter(StyledFilterSet):
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), label=_("Region"))
    is_pilot = django_filters.BooleanFilter(label=_("Pilot municipality"))
    q = django_filters.CharFilter(method="search", label=_("Name"))

    class Meta:
        model = Municipality
        fields = ["region", "is_pilot", "q"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(name_ka__icontains=value) | Q(name_en__icontains=value))


class TrainingFilter(StyledFilterSet):
    format = django_filters.ChoiceFilter(choices=TrainingEvent.Format.choices, label=_("Format"))
    hub = django_filters.ModelChoiceFilter(queryset=Hub.objects.all(), label=_("Hub"))

    class Meta:
        model = TrainingEvent
        fields = ["format", "topic", "hub"]


class InfoSessionFilter(StyledFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"), widget=DateInput())
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"), widget=DateInput())

    class Meta:
        model = InfoSession
        fields = ["hub", "topic", "date_from", "date_to"]
