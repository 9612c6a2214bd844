import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hubs.models import Municipality, Region
from reintegration.taxonomy import grouped_choices

from .models import Organization, Service


class ServiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    category = django_filters.ChoiceFilter(label=_("Need or category"), choices=grouped_choices)
    municipality = django_filters.ModelChoiceFilter(
        label=_("Where the person lives"),
        queryset=Municipality.objects.select_related("region"),
        method="covering_municipality",
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), method="covering_region"
    )
    organization_type = django_filters.ChoiceFilter(
        label=_("Type of organisation"), field_name="organization__type", choices=Organization.Type.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Service.Status.choices)
    stale = django_filters.BooleanFilter(
        label=_("Not verified for 12 months"), method="only_stale", widget=forms.CheckboxInput
    )

    class Meta:
        model = Service
        fields = ["q", "category", "municipality", "region", "organization_type", "status", "stale"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(name_ka__icontains=word)
                | Q(name_en__icontains=word)
                | Q(description_ka__icontains=word)
                | Q(description_en__icontains=word)
                | Q(organization__name_ka__icontains=word)
                | Q(organization__name_en__icontains=word)
            )
        return queryset

    def covering_municipality(self, queryset, name, value):
        return queryset.covering_municipality(value) if value else queryset

    def covering_region(self, queryset, name, value):
        return queryset.covering_region(value) if value else queryset

    def only_stale(self, queryset, name, value):
        return queryset.stale() if value else queryset
