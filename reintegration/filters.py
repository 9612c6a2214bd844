import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from hubs.models import HubMembership, Municipality
from hubs.permissions import hub_ids_of

from .models import Beneficiary, Case
from .selectors import case_search
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
        return case_search(queryset, value)

    def vulnerable(self, queryset, name, value):
        return queryset.filter(beneficiary__in=Beneficiary.objects.with_vulnerability(value))
