import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from hubs.models import HubMembership, Municipality
from hubs.permissions import hub_ids_of
from hubs.transliteration import has_georgian, romanise

from .models import Beneficiary, Case
from .vulnerability import Vulnerability


def _counsellors(request):
    if request is None:
        return User.objects.none()
    memberships = HubMembership.objects.active()
    if hub_ids_of(request.user):
        memberships = memberships.filter(hub_id__in=hub_ids_of(request.user))
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name")


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Case.Status.choices)
    counsellor = django_filters.ModelChoiceFilter(label=_("Counsellor"), queryset=_counsellors)
    category = django_filters.ChoiceFilter(
        label=_("Category"), field_name="beneficiary__category", choices=Beneficiary.Category.choices
    )
    vulnerability = django_filters.ChoiceFilter(
        label=_("Vulnerability"), choices=Vulnerability.choices, method="vulnerable"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), field_name="beneficiary__municipality", queryset=Municipality.objects.all()
    )

    class Meta:
        model = Case
        fields = ["q", "status", "counsellor", "category", "vulnerability", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.widget.attrs["class"] = (
                "form-control form-control-sm" if name == "q" else "form-select form-select-sm"
            )

    def search(self, queryset, name, value):
        value = value.strip()
        latin = romanise(value) if has_georgian(value) else value
        return queryset.filter(
            Q(number__icontains=value)
            | Q(beneficiary__name_ka__icontains=value)
            | Q(beneficiary__name_latin__icontains=latin)
            | Q(beneficiary__personal_number=value)
        )

    def vulnerable(self, queryset, name, value):
        return queryset.filter(beneficiary__in=Beneficiary.objects.with_vulnerability(value))
