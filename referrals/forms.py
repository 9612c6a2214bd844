from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput
from accounts.phones import phone_lines
from accounts.typography import EMPTY_CHOICE
from hubs.models import Municipality, Region
from reintegration.taxonomy import grouped_choices

from .models import Language, Location, Organization, Referral, Service, TargetGroup


def _https_urls(field, **kwargs):
    """URLs typed without a scheme are taken as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def _phone_lines(text: str) -> list[str]:
    return phone_lines(text)


class OrganizationForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        formfield_callback = _https_urls
        fields = ["name_ka", "name_en", "type", "description_ka", "description_en", "website", "email"]
        widgets = {
            "description_ka": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class LocationForm(CrispyFormMixin, forms.ModelForm):
    phone_numbers = forms.CharField(
        label=_("Phone numbers"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One per line.")
    )

    class Meta:
        model = Location
        fields = ["name_ka", "name_en", "location_type", "address_ka", "address_en", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.select_related("region")
        if self.instance.pk:
            self.fields["phone_numbers"].initial = "\n".join(p.number for p in self.instance.phones.all())

    def clean_phone_numbers(self):
        return _phone_lines(self.cleaned_data["phone_numbers"])


class ServiceForm(CrispyFormMixin, forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    phone_numbers = forms.CharField(
        label=_("Phone numbers"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One per line.")
    )

    class Meta:
        model = Service
        formfield_callback = _https_urls
        fields = [
            "organization",
            "program",
            "name_ka",
            "name_en",
            "category",
            "status",
            "description_ka",
            "description_en",
            "eligibility_ka",
            "eligibility_en",
            "target_groups",
            "minimum_age",
            "maximum_age",
            "is_free",
            "fees_ka",
            "fees_en",
            "application_process_ka",
            "application_process_en",
            "documents_ka",
            "documents_en",
            "languages",
            "url",
            "email",
            "coverage",
            "regions",
            "municipalities",
            "locations",
        ]
        textareas = ["description", "eligibility", "application_process", "documents"]
        widgets = {f"{name}_{lang}": forms.Textarea(attrs={"rows": 3}) for name in textareas for lang in ("ka", "en")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", EMPTY_CHOICE), *grouped_choices()]
        self.fields["regions"].queryset = Region.objects.all()
        self.fields["municipalities"].queryset = Municipality.objects.select_related("region")
        self.fields["locations"].queryset = Location.objects.select_related("organization")
        for name in ("regions", "municipalities", "locations"):
            self.fields[name].widget.attrs["size"] = 6
        if self.instance.pk:
            self.fields["phone_numbers"].initial = "\n".join(p.number for p in self.instance.phones.all())

    def clean_phone_numbers(self):
        return _phone_lines(self.cleaned_data["phone_numbers"])


class PublishEditionForm(CrispyFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note on this edition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What changed, for readers of the guide."),
    )


class ReferralForm(CrispyFormMixin, forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none(), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason for the referral"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shared with the provider in the letter: what the person needs, nothing more."),
    )
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=DateInput())

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services if services is not None else Service.objects.none()
        self.fields["service"].label_from_instance = lambda s: (
            f"{s.name} · {s.organization.name} · {s.get_category_display()}"
        )


class OutcomeForm(CrispyFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Referral.Outcome.choices, widget=forms.RadioSelect)
    feedback = forms.CharField(
        label=_("The person's feedback"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StatusForm(CrispyFormMixin, forms.Form):
    to_status = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (Referral.Status.ACCEPTED, _("The provider accepted")),
            (Referral.Status.DECLINED, _("The provider declined")),
            (Referral.Status.IN_PROGRESS, _("The service has started")),
            (Referral.Status.CLOSED_NO_RESPONSE, _("Close: no response")),
        ],
    )
    decline_reason = forms.CharField(label=_("Reason for declining"), required=False)
    note = forms.CharField(label=_("Note"), required=False)


class CancelForm(CrispyFormMixin, forms.Form):
    note = forms.CharField(label=_("Why is the referral cancelled?"), widget=forms.Textarea(attrs={"rows": 2}))


class ProviderDeclineForm(forms.Form):
    decline_reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 2}))


class ProviderOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Referral.Outcome.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
