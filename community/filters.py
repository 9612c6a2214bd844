import django_filters
from django.utils.translation import gettext_lazy as _

from hubs.models import Municipality

from .models import Idea


class IdeaFilter(django_filters.FilterSet):
    """The ideas list, and the inventory of ideas not funded (``funded=no``)."""

    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Idea.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Idea.Status.choices)
    cost_min = django_filters.NumberFilter(label=_("Cost from (GEL)"), field_name="estimated_cost", lookup_expr="gte")
    cost_max = django_filters.NumberFilter(label=_("Cost up to (GEL)"), field_name="estimated_cost", lookup_expr="lte")
    inventory = django_filters.BooleanFilter(label=_("Not funded only"), method="filter_inventory")

    class Meta:
        model = Idea
        fields = ["municipality", "kind", "status", "cost_min", "cost_max", "inventory"]

    def filter_inventory(self, queryset, name, value):
        return queryset.not_funded() if value else queryset
