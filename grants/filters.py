import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Application, Decision, GrantCycle, Proposal


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


class ProposalFilter(django_filters.FilterSet):
    """The committee cycle page: a cycle has hundreds of proposals, listed a page at a time."""

    q = django_filters.CharFilter(label=_("Reference or title"), method="filter_q")
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=None)
    outcome = django_filters.ChoiceFilter(
        label=_("Decision"),
        choices=[("none", _("Not decided")), *Decision.Outcome.choices],
        method="filter_outcome",
    )

    class Meta:
        model = Proposal
        fields = ["q", "municipality", "outcome"]

    def __init__(self, *args, cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["municipality"].queryset = cycle.municipalities.all() if cycle is not None else None

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(reference__istartswith=value) | Q(title__icontains=value))

    def filter_outcome(self, queryset, name, value):
        if value == "none":
            return queryset.filter(decision__isnull=True)
        return queryset.filter(decision__outcome=value)
