from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput, DateTimeInput
from accounts.models import User

from .models import (
    ActionItem,
    Attendance,
    Committee,
    CommitteeMember,
    Decision,
    Meeting,
    MeetingDocument,
    MethodologyDocument,
    MethodologyVersion,
    PolicyAssessment,
    PolicyDocument,
    PolicyReport,
    Recommendation,
)


class CommitteeForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["code", "name_ka", "name_en", "kind", "mandate_ka", "mandate_en", "is_active", "sort_order"]
        widgets = {"mandate_ka": forms.Textarea(attrs={"rows": 3}), "mandate_en": forms.Textarea(attrs={"rows": 3})}


class MemberForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["user", "full_name", "organisation", "job_title", "email", "position", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("full_name")
        self.fields["full_name"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("full_name"):
            self.add_error("full_name", _("Give the person's name, or choose their account."))
        if data.get("end_date") and data.get("start_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The term cannot end before it starts."))
        return data

    def _post_clean(self):
        # The service fills the name from the account; skip the model's own check of a blank name here.
        if not self.cleaned_data.get("full_name") and self.cleaned_data.get("user"):
            self.cleaned_data["full_name"] = self.cleaned_data["user"].full_name
        super()._post_clean()


class MeetingForm(CrispyFormMixin, forms.ModelForm):
    online_link = forms.URLField(label=_("online meeting link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["starts_at", "place", "is_online", "online_link"]
        widgets = {"starts_at": DateTimeInput()}

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("is_online"):
            self.add_error("place", _("Give the place, or mark the meeting as online."))
        return data


class AgendaItemForm(CrispyFormMixin, forms.Form):
    title_ka = forms.CharField(label=_("Title (Georgian)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)


class AttendanceForm(CrispyFormMixin, forms.Form):
    """One choice per current member of the committee."""

    def __init__(self, *args, members, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=str(member),
                choices=Attendance.Status.choices,
                initial=current.get(member.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
            )

    def statuses(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data[f"member_{member.pk}"] for member in self.members}


class MinutesForm(CrispyFormMixin, forms.Form):
    minutes_ka = forms.CharField(label=_("Minutes (Georgian)"), widget=forms.Textarea(attrs={"rows": 12}))
    minutes_en = forms.CharField(
        label=_("Minutes (English)"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )


class MeetingDocumentForm(CrispyFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingDocument.Kind.choices)
    file = forms.FileField(label=_("File"))


class DecisionForm(CrispyFormMixin, forms.Form):
    text_ka = forms.CharField(label=_("Decision (Georgian)"), widget=forms.Textarea(attrs={"rows": 4}))
    text_en = forms.CharField(label=_("Decision (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    approves_version = forms.ModelChoiceField(
        label=_("Approves the methodology version"), queryset=MethodologyVersion.objects.none(), required=False
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        if committee.approves_methodology:
            self.fields["approves_version"].queryset = MethodologyVersion.objects.filter(
                approved_by__isnull=True
            ).select_related("document")
        else:
            del self.fields["approves_version"]


class ActionItemForm(CrispyFormMixin, forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=CommitteeMember.objects.none())
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    decision = forms.ModelChoiceField(label=_("Decision"), queryset=Decision.objects.none(), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = meeting.committee.members.active().order_by("full_name")
        self.fields["decision"].queryset = meeting.decisions.select_related("committee")


class StatusForm(CrispyFormMixin, forms.Form):
    """Move an object to one of the statuses its TRANSITIONS allow from where it is."""

    to_status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, obj, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = type(obj).TRANSITIONS[obj.status]
        self.fields["to_status"].choices = [(v, label) for v, label in type(obj).Status.choices if v in allowed]


class PolicyDocumentForm(CrispyFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False, help_text=_("PDF or Office document, up to 20 MB."))

    class Meta:
        model = PolicyDocument
        fields = ["title_ka", "title_en", "level", "sector", "year", "issuing_body", "municipality", "url"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1991 <= year <= timezone.localdate().year + 1:
            raise forms.ValidationError(_("Give a year between 1991 and next year."))
        return year


class AssessmentForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = PolicyAssessment
        fields = ["assessed_on", "migration_addressed", "gaps", "opportunities", "evidence"]
        widgets = {
            "assessed_on": DateInput(),
            "gaps": forms.Textarea(attrs={"rows": 4}),
            "opportunities": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }


class RecommendationForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text_ka", "text_en", "addressee", "priority", "documents", "meeting", "follow_up"]
        widgets = {
            "text_ka": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
            "documents": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.held().select_related("committee")


class ReportDeliveryForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = PolicyReport
        fields = ["delivered_on", "delivered_to"]
        widgets = {"delivered_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivered_on"].required = True
        self.fields["delivered_to"].required = True


class MethodologyDocumentForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = MethodologyDocument
        fields = ["title_ka", "title_en", "kind", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class MethodologyVersionForm(CrispyFormMixin, forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF or Office document, up to 20 MB."))
    changes = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


ACTION_STATUS_FILTER = [("", _("All"))] + list(ActionItem.Status.choices)
