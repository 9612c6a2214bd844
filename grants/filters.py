import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Application, GrantCycle


class CycleFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=GrantCycle.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=GrantCycle.Kind.choices)

    class Meta:
        model = GrantCycle
        fields = ["status", "kind"]


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Application.Status.choices)
    team_name = django_filters.CharFilter(label=_("Team"), lookup_expr="icontains")

    class Meta:
        model = Application
        fields = ["status", "team_name"]
