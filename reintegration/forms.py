import uuid

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput
from accounts.models import User
from accounts.phones import normalise_phone
from hubs.models import Hub, HubMembership

from .models import (
    AssessedNeed,
    Beneficiary,
    Case,
    Consent,
    CounsellingSession,
    FollowUp,
    HouseholdMember,
    MigrationEpisode,
    PlanAction,
    PlanGoal,
)
from .services.cases import BENEFICIARY_EDIT_FIELDS
from .services.casework import BREAK_GLASS_REASON_MIN_LENGTH
from .taxonomy import Dimension, needs_in


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, personal number or phone"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "type": "search"}),
    )


class CaseOpenForm(forms.Form):
    """Open a case for a person the search found; a reason when they are registered at another hub."""

    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none(), required=False)
    reason = forms.CharField(
        label=_("Why is the case opened at this hub?"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args, hubs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs if hubs is not None else Hub.objects.none()

    def clean_hub(self):
        return self.cleaned_data["hub"] or self.fields["hub"].queryset.first()


def municipality_choices(queryset, *, empty_label) -> list:
    """Municipalities grouped by region, both in alphabetical order of the current language."""
    groups: dict[str, list] = {}
    for municipality in queryset:
        groups.setdefault(str(municipality.region.name), []).append((municipality.pk, str(municipality.name)))
    choices = [("", empty_label)] if empty_label is not None else []
    for region in sorted(groups):
        choices.append((region, sorted(groups[region], key=lambda choice: choice[1])))
    return choices


class BeneficiaryForm(CrispyFormMixin, forms.ModelForm):
    """The person's record; ``version`` carries the version the form was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Beneficiary
        fields = BENEFICIARY_EDIT_FIELDS
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_latin"].required = False
        field = self.fields["municipality"]
        field.queryset = field.queryset.select_related("region")
        field.choices = municipality_choices(field.queryset, empty_label=field.empty_label)
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["phone"].help_text = _(
            "Georgian numbers: +995 555 12 34 56; foreign numbers with their country code."
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if not data.get("birth_date") and not data.get("birth_year"):
            self.add_error("birth_year", _("Give the date of birth or at least the year."))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class IntakeForm(BeneficiaryForm):
    intake_token = forms.UUIDField(widget=forms.HiddenInput)
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none())
    different_person = forms.BooleanField(
        label=_("I checked the similar names above: this is a different person"), required=False
    )

    def __init__(self, *args, hubs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs if hubs is not None else Hub.objects.none()
        if hubs is not None and len(hubs) == 1:
            self.fields["hub"].initial = hubs[0]
            self.fields["hub"].widget = forms.HiddenInput()
            # Most people live where their hub is: start from the hub's municipality.
            self.fields["municipality"].initial = hubs[0].municipality_id
        self.fields["intake_token"].initial = uuid.uuid4()
        del self.fields["version"]

    def _get_validation_exclusions(self):
        # A known personal number is answered by the view with a link to the person (not a bare
        # constraint error); the service's full_clean still enforces the constraint.
        return super()._get_validation_exclusions() | {"personal_number"}


class CaseForm(CrispyFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = ["counsellor", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = HubMembership.objects.active().filter(hub=self.instance.hub).values("user_id")
        self.fields["counsellor"].queryset = User.objects.filter(pk__in=staff)
        self.fields["version"].initial = self.instance.version


class ClosureRequestForm(CrispyFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Closure reason"), choices=Case.ClosureReason.choices)
    note = forms.CharField(label=_("Note for the hub lead"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class NoteForm(CrispyFormMixin, forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = required


class TransferRequestForm(CrispyFormMixin, forms.Form):
    to_hub = forms.ModelChoiceField(label=_("Receiving hub"), queryset=Hub.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_hub"].queryset = Hub.objects.exclude(pk=case.hub_id).select_related("municipality")


class TransferAcceptForm(CrispyFormMixin, forms.Form):
    counsellor = forms.ModelChoiceField(label=_("Responsible counsellor"), queryset=User.objects.none())
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, hub=None, **kwargs):
        super().__init__(*args, **kwargs)
        staff = HubMembership.objects.active().filter(hub=hub).values("user_id")
        self.fields["counsellor"].queryset = User.objects.filter(pk__in=staff)


class ConsentForm(CrispyFormMixin, forms.ModelForm):
    """With `providers` (the directory's organisations, see reintegration.providers) the provider is
    chosen from a list; a provider outside the directory is typed in "another provider"."""

    OTHER = "__other__"

    provider_other = forms.CharField(label=_("Another provider (not in the directory)"), required=False)

    class Meta:
        model = Consent
        fields = ["purpose", "provider_name", "provider_other", "given_on", "method", "witness"]
        widgets = {"given_on": DateInput()}

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        if providers:
            field = self.fields["provider_name"]
            self.fields["provider_name"] = forms.ChoiceField(
                label=field.label,
                help_text=_("The organisation from the service directory; needed for sharing consent."),
                required=False,
                choices=[("", _("— choose —")), *providers, (self.OTHER, _("Another provider…"))],
            )
        else:
            del self.fields["provider_other"]

    def clean(self):
        data = super().clean()
        if "provider_other" in self.fields:
            other = data.pop("provider_other", "").strip()
            if data.get("provider_name") == self.OTHER:
                if not other:
                    self.add_error("provider_other", _("Name the provider."))
                data["provider_name"] = other
        return data


class MigrationEpisodeForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = MigrationEpisode
        fields = ["country", "departure_date", "return_date", "status_abroad", "return_type"]
        widgets = {"departure_date": DateInput(), "return_date": DateInput()}


class HouseholdForm(CrispyFormMixin, forms.Form):
    size = forms.IntegerField(label=_("Household size"), min_value=1, max_value=50)
    female_headed = forms.BooleanField(label=_("Female-headed household"), required=False)
    is_head = forms.BooleanField(label=_("This person is the head of the household"), required=False)


class HouseholdMemberForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = HouseholdMember
        fields = ["full_name", "relationship", "personal_number", "birth_year", "sex"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True


class BaseHouseholdMemberFormSet(forms.BaseFormSet):
    """Several members on one page: blank rows are skipped, at least one row must be filled."""

    def members(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data]


HouseholdMemberFormSet = forms.formset_factory(
    HouseholdMemberForm, formset=BaseHouseholdMemberFormSet, extra=3, min_num=1, validate_min=True, max_num=30
)


class AssessmentForm(forms.Form):
    """One row per need of the taxonomy, grouped by dimension: tick, priority, note."""

    assessed_on = forms.DateField(
        label=_("Assessed on"), widget=DateInput(attrs={"class": "form-control"}), initial=timezone.localdate
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in Dimension:
            for need in needs_in(dimension):
                self.fields[f"need_{need.value}"] = forms.BooleanField(
                    label=need.label, required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
                )
                self.fields[f"priority_{need.value}"] = forms.ChoiceField(
                    label=_("Priority"),
                    choices=AssessedNeed.Priority.choices,
                    initial=AssessedNeed.Priority.MEDIUM,
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )
                self.fields[f"note_{need.value}"] = forms.CharField(
                    label=_("Note"),
                    max_length=500,
                    required=False,
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
                )

    def groups(self):
        return [
            {
                "dimension": dimension.label,
                "rows": [
                    {
                        "label": need.label,
                        "check": self[f"need_{need.value}"],
                        "priority": self[f"priority_{need.value}"],
                        "note": self[f"note_{need.value}"],
                    }
                    for need in needs_in(dimension)
                ],
            }
            for dimension in Dimension
        ]

    def needs(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"need": need.value, "priority": data[f"priority_{need.value}"], "note": data[f"note_{need.value}"]}
            for dimension in Dimension
            for need in needs_in(dimension)
            if data.get(f"need_{need.value}")
        ]


class SessionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = CounsellingSession
        fields = ["held_on", "kind", "mode", "duration_minutes", "topics", "next_steps", "confidential_notes"]
        widgets = {
            "held_on": DateInput(),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
            "confidential_notes": forms.Textarea(attrs={"rows": 3}),
        }


class BreakGlassForm(CrispyFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to read the confidential notes?"),
        # The rule (BREAK_GLASS_REASON_MIN_LENGTH) is the service's; the browser only hints at it.
        widget=forms.Textarea(attrs={"rows": 3, "minlength": BREAK_GLASS_REASON_MIN_LENGTH}),
        help_text=_("Your reason is written to the access log and reviewed."),
    )


class SubjectExportForm(CrispyFormMixin, forms.Form):
    """The data-subject export: a format, the PDF's language, and confidential notes only with a reason."""

    FORMATS = [("pdf", _("PDF, to read or print")), ("json", _("JSON, for another system"))]

    fmt = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="pdf", widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Language of the document"), choices=settings.LANGUAGES)
    confidential_reason = forms.CharField(
        label=_("Include the confidential counselling notes: why?"),
        required=False,
        # The rule (BREAK_GLASS_REASON_MIN_LENGTH) is the service's; the browser only hints at it.
        widget=forms.Textarea(attrs={"rows": 3, "minlength": BREAK_GLASS_REASON_MIN_LENGTH}),
        help_text=_(
            "Leave empty to export without them. With a reason, the notes of every case are included "
            "and your reason is written to the access log and reviewed."
        ),
    )


class GoalForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["dimension", "description", "target_date"]
        widgets = {"target_date": DateInput()}


class ActionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["kind", "description", "target_date"]
        widgets = {"target_date": DateInput()}


class StatusForm(forms.Form):
    status = forms.CharField(max_length=20)


class FollowUpForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["due_on", "purpose", "assigned_to"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        staff = HubMembership.objects.active().filter(hub=case.hub).values("user_id")
        self.fields["assigned_to"].queryset = User.objects.filter(pk__in=staff)
        self.fields["assigned_to"].initial = case.counsellor_id
        self.fields["assigned_to"].required = False


class FollowUpDoneForm(CrispyFormMixin, forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


class ErasureForm(CrispyFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the erasure"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the access log without the person's name, number or phone."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the name, personal number, phone, address and notes cannot be restored."),
    )


class RetentionRunForm(forms.Form):
    dry_run = forms.BooleanField(required=False)
