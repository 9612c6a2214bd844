from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput, TimeInput
from accounts.models import User
from accounts.phones import PhoneField
from accounts.roles import Role
from accounts.uploads import DOCUMENT_KINDS, UploadValidator

from .models import (
    ApplicationDocument,
    Hub,
    HubMembership,
    InfoSession,
    InfoSessionTopic,
    Municipality,
    MunicipalityApplication,
    OpeningHours,
    SelectionCriterion,
    TrainingEvent,
    TrainingParticipant,
    TrainingTopic,
)
from .services.selection import APPLICATION_FIELDS

DATE = DateInput()
TIME = TimeInput()


class HubForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Hub
        fields = ["name_ka", "name_en", "address", "phone", "opening_date"]
        field_classes = {"phone": PhoneField}
        widgets = {"opening_date": DATE}


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]
        widgets = {"opens": TIME, "closes": TIME}


OpeningHoursFormSet = forms.modelformset_factory(OpeningHours, form=OpeningHoursForm, extra=2, can_delete=True)


def opening_rows(formset) -> list[dict]:
    """The filled, not deleted rows of the opening-hours formset."""
    return [
        {key: form.cleaned_data[key] for key in ("weekday", "opens", "closes")}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class HubStatusForm(CrispyFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in Hub.Status if s.value in hub.allowed_statuses()]


def _role_choices(hub_lead_allowed: bool):
    choices = [(Role.COUNSELLOR.value, Role.COUNSELLOR.label)]
    if hub_lead_allowed:
        choices.append((Role.HUB_LEAD.value, Role.HUB_LEAD.label))
    return choices


class StaffInviteForm(CrispyFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"))
    start_date = forms.DateField(label=_("Start date"), initial=timezone.localdate, widget=DATE)
    language = forms.ChoiceField(
        label=_("Language of the email"), choices=User._meta.get_field("preferred_language").choices
    )

    def __init__(self, *args, hub_lead_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(hub_lead_allowed)


class StaffAssignForm(CrispyFormMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"))
    start_date = forms.DateField(label=_("Start date"), initial=timezone.localdate, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)

    def __init__(self, *args, hub_lead_allowed: bool, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(hub_lead_allowed)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda user: f"{user.full_name} <{user.email}>"


class MembershipEndForm(CrispyFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Last working day"), initial=timezone.localdate, widget=DATE)


class StaffMoveForm(CrispyFormMixin, forms.Form):
    to_hub = forms.ModelChoiceField(label=_("New hub"), queryset=Hub.objects.none())
    on_date = forms.DateField(label=_("First day at the new hub"), initial=timezone.localdate, widget=DATE)
    role = forms.ChoiceField(label=_("Role at the new hub"), choices=HubMembership.ROLE_CHOICES)

    def __init__(self, *args, membership: HubMembership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_hub"].queryset = Hub.objects.exclude(pk=membership.hub_id).select_related("municipality")
        self.fields["role"].initial = membership.role


class MunicipalityForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name_ka", "name_en", "kind", "population", "administrative_centre", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class TrainingEventForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingEvent
        fields = [
            "topic",
            "format",
            "parent",
            "hub",
            "date",
            "end_date",
            "place",
            "trainer",
            "trainer_name",
            "hours",
            "notes",
        ]
        widgets = {"date": DATE, "end_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = TrainingTopic.objects.filter(is_active=True)
        self.fields["parent"].queryset = TrainingEvent.objects.filter(format=TrainingEvent.Format.TOT).select_related(
            "topic"
        )
        self.fields["hub"].queryset = Hub.objects.select_related("municipality")
        self.fields["trainer"].queryset = User.objects.filter(is_active=True)


class ParticipantAddForm(CrispyFormMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Staff account"), queryset=User.objects.none(), required=False)
    external_name = forms.CharField(label=_("Or a name (without an account)"), max_length=200, required=False)
    external_name_en = forms.CharField(label=_("The name in Latin letters"), max_length=200, required=False)
    hub = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=Hub.objects.all(),
        required=False,
        help_text=_("Leave empty for a staff account: its current hub is used."),
    )

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        already = event.participants.filter(user__isnull=False).values("user")
        staff = HubMembership.objects.active().values("user")
        self.fields["user"].queryset = User.objects.filter(is_active=True, pk__in=staff).exclude(pk__in=already)


class ParticipantResultForm(forms.ModelForm):
    class Meta:
        model = TrainingParticipant
        fields = ["attended", "pre_score", "post_score"]
        widgets = {
            "pre_score": forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 100, "class": "form-control-sm"}),
            "post_score": forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 100, "class": "form-control-sm"}),
        }


ParticipantResultFormSet = forms.modelformset_factory(TrainingParticipant, form=ParticipantResultForm, extra=0)


class InfoSessionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = InfoSession
        fields = [
            "hub",
            "date",
            "place",
            "topic",
            "facilitator",
            "facilitator_name",
            "returnee_women",
            "returnee_men",
            "potential_women",
            "potential_men",
            "resident_women",
            "resident_men",
            "materials",
            "materials_count",
            "notes",
        ]
        widgets = {
            "date": DATE,
            "materials": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs.select_related("municipality")
        self.fields["topic"].queryset = InfoSessionTopic.objects.filter(is_active=True)
        colleagues = HubMembership.objects.active().filter(hub__in=hubs).values("user")
        self.fields["facilitator"].queryset = User.objects.filter(is_active=True, pk__in=colleagues)
        if hubs.count() == 1 and not self.instance.pk:
            self.fields["hub"].initial = hubs.first()
        self.helper.layout = Layout(
            Row(Column("hub"), Column("date"), Column("topic")),
            Row(Column("place"), Column("facilitator"), Column("facilitator_name")),
            Fieldset(
                _("Participants"),
                Row(Column("returnee_women"), Column("potential_women"), Column("resident_women")),
                Row(Column("returnee_men"), Column("potential_men"), Column("resident_men")),
            ),
            Row(Column("materials"), Column("materials_count")),
            "notes",
        )


class CriterionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = SelectionCriterion
        fields = ["name_ka", "name_en", "description", "weight", "min_score", "max_score", "sort_order", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ApplicationForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = MunicipalityApplication
        fields = APPLICATION_FIELDS
        field_classes = {"contact_phone": PhoneField}
        widgets = {
            "received_on": DATE,
            "commitment": forms.Textarea(attrs={"rows": 4}),
            "premises": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taken = MunicipalityApplication.objects.exclude(pk=self.instance.pk).values("municipality")
        self.fields["municipality"].queryset = Municipality.objects.exclude(pk__in=taken).select_related("region")
        self.helper.layout = Layout(
            Row(Column("municipality"), Column("received_on")),
            Fieldset(
                _("Return migration"),
                Row(Column("returnees_last_year"), Column("returnees_last_five_years"), Column("emigrants_estimate")),
            ),
            Fieldset(_("What the municipality offers"), "commitment", Row(Column("co_funding_gel")), "premises"),
            Fieldset(
                _("Contact person"),
                Row(Column("contact_name"), Column("contact_position")),
                Row(Column("contact_phone"), Column("contact_email")),
            ),
        )


class ApplicationDocumentForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = ApplicationDocument
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        validator = UploadValidator(kinds=DOCUMENT_KINDS)
        self.fields["file"].validators.append(validator)
        self.fields["file"].help_text = validator.help_text()


class ApplicationScoreForm(CrispyFormMixin, forms.Form):
    """One score and comment per criterion in use, within the criterion's own range."""

    def __init__(self, *args, criteria, mine: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            current = mine.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} ({criterion.min_score}–{criterion.max_score}, ×{criterion.weight})",
                min_value=criterion.min_score,
                max_value=criterion.max_score,
                initial=current.score if current else None,
                help_text=escape(criterion.description),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, initial=current.comment if current else ""
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


class ApplicationDecisionForm(CrispyFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (MunicipalityApplication.Status.SELECTED.value, MunicipalityApplication.Status.SELECTED.label),
            (MunicipalityApplication.Status.NOT_SELECTED.value, MunicipalityApplication.Status.NOT_SELECTED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = forms.DateField(label=_("Decision date"), initial=timezone.localdate, widget=DATE)
    hub_code = forms.CharField(
        label=_("Code of the new hub"),
        max_length=3,
        required=False,
        help_text=_("Three capital Latin letters, used in case numbers. Only when selected."),
    )

    def __init__(self, *args, needs_hub: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_hub:
            del self.fields["hub_code"]
