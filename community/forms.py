"""Forms check shape; the services check the rules."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput
from accounts.models import User
from hubs.models import Municipality
from referrals.models import Service
from reintegration.taxonomy import Need
from surveys.models import Round

from .models import (
    CofundingReceipt,
    Completion,
    Consultation,
    ConsultationPriority,
    ExpertMeeting,
    Idea,
    IdeaReferral,
    InitiativeTranche,
    PriorityTheme,
)
from .models.people import COUNT_FIELDS, AgeGroup, ResidentStatus, Sex

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def priorities_survey_rounds():
    return Round.objects.filter(version__instrument__kind="priorities").select_related("version__instrument")


class ConsultationForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "municipality", "village", "date", "place", "facilitator", "vote_mode", "votes_per_person",
            "survey_round", *COUNT_FIELDS, "notes",
        ]  # fmt: skip
        widgets = {"date": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["municipality"].queryset = municipalities
        self.fields["survey_round"].queryset = priorities_survey_rounds()

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A consultation is recorded once it has taken place."))
        return value


class SurveyLinkForm(CrispyFormMixin, forms.Form):
    survey_round = forms.ModelChoiceField(
        label=_("Community-priorities survey round"),
        queryset=Round.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey_round"].queryset = priorities_survey_rounds()


class PriorityForm(CrispyFormMixin, forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Priority"),
        queryset=PriorityTheme.objects.filter(is_active=True),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    description = forms.CharField(
        label=_("As raised at the meeting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
    )


class PaperVotesForm(forms.Form):
    """One whole-number field per priority of the consultation."""

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.priorities = list(priorities)
        for priority in self.priorities:
            self.fields[f"votes_{priority.pk}"] = forms.IntegerField(
                label=priority.theme.name,
                min_value=0,
                initial=priority.paper_votes,
                widget=forms.NumberInput(attrs={"class": "form-control", "min": 0}),
            )

    def totals(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data[f"votes_{p.pk}"] for p in self.priorities}


class VoteSetForm(CrispyFormMixin, forms.Form):
    voter = forms.CharField(label=_("Registration number"), max_length=40)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    age_group = forms.ChoiceField(label=_("Age group"), choices=AgeGroup.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ResidentStatus.choices)
    priorities = forms.ModelMultipleChoiceField(
        label=_("Priorities voted for"),
        queryset=ConsultationPriority.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = consultation.priorities.select_related("theme")
        self.fields["priorities"].label_from_instance = lambda p: p.theme.name
        self.fields["priorities"].help_text = _("At most %(n)s.") % {"n": consultation.votes_per_person}


class RetainForm(forms.Form):
    retained = forms.ChoiceField(label=_("Retained"), choices=YES_NO, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}))


class IdeaForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Idea
        fields = [
            "title", "kind", "municipality", "location", "description", "applicant", "contact",
            "estimated_cost", "local_cofunding", "municipal_cofunding", "priority", *COUNT_FIELDS,
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, cycle, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        places = municipalities if municipalities is not None else Municipality.objects.all()
        if cycle.municipalities.exists():
            places = places.filter(pk__in=cycle.municipalities.all())
        self.fields["municipality"].queryset = places
        retained = ConsultationPriority.objects.filter(retained=True, consultation__municipality__in=places)
        self.fields["priority"].queryset = retained.select_related("theme", "consultation__municipality")
        self.fields["priority"].label_from_instance = lambda p: f"{p.theme.name} · {p.consultation}"


class FeasibilityForm(CrispyFormMixin, forms.Form):
    feasible = forms.ChoiceField(label=_("Feasible"), choices=YES_NO, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Review (the reason, if not feasible)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    checked_cost = forms.DecimalField(label=_("Checked cost (GEL)"), required=False, min_value=0, decimal_places=2)


class ExpertForm(CrispyFormMixin, forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=User.objects.filter(is_active=True))
    field = forms.CharField(label=_("Area of expertise"), max_length=200, required=False)


class ExpertEndForm(CrispyFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why the assignment ends"), widget=forms.Textarea(attrs={"rows": 3}))
    successor = forms.ModelChoiceField(
        label=_("The next expert"),
        queryset=User.objects.filter(is_active=True),
        required=False,
        help_text=_("Leave empty to assign the next expert later."),
    )
    field = forms.CharField(label=_("Their area of expertise"), max_length=200, required=False)


class MeetingForm(CrispyFormMixin, forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=ExpertMeeting.Topic.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ExpertMeeting
        fields = ["date", "topics", "notes"]
        widgets = {"date": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}


def _amount(text: str, line: int) -> Decimal:
    try:
        value = Decimal(text.replace(" ", "").replace(",", ".") or "0")
    except InvalidOperation as error:
        raise forms.ValidationError(_("Line %(n)s: “%(v)s” is not an amount.") % {"n": line, "v": text}) from error
    if value < 0:
        raise forms.ValidationError(_("Line %(n)s: an amount cannot be negative.") % {"n": line})
    return value.quantize(Decimal("0.01"))


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [(n, [part.strip() for part in row.split("|")]) for n, row in enumerate(text.splitlines(), 1) if row.strip()]


class PlanForm(CrispyFormMixin, forms.Form):
    summary = forms.CharField(label=_("What the project does"), widget=forms.Textarea(attrs={"rows": 3}))
    budget = forms.CharField(
        label=_("Budget lines"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One line each: item | amount | co-funding (GEL), e.g. “Roof repair | 12000 | 2000”."),
    )
    workplan = forms.CharField(
        label=_("Workplan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line each: month | activity, e.g. “2 | Tender for the works”."),
    )

    def clean_budget(self) -> list[dict]:
        rows = []
        for n, parts in _lines(self.cleaned_data["budget"]):
            if len(parts) < 2 or not parts[0]:
                raise forms.ValidationError(_("Line %(n)s: write “item | amount | co-funding”.") % {"n": n})
            cofunding = _amount(parts[2], n) if len(parts) > 2 else Decimal(0)
            rows.append({"item": parts[0], "amount": str(_amount(parts[1], n)), "cofunding": str(cofunding)})
        if len({row["item"] for row in rows}) != len(rows):
            raise forms.ValidationError(_("Each budget item may appear once."))
        return rows

    def clean_workplan(self) -> list[dict]:
        rows = []
        for n, parts in _lines(self.cleaned_data["workplan"]):
            if len(parts) != 2 or not parts[0].isdigit() or not parts[1]:
                raise forms.ValidationError(_("Line %(n)s: write “month | activity”.") % {"n": n})
            rows.append({"activity": parts[1], "month": int(parts[0])})
        return rows


class InitiativeForm(CrispyFormMixin, forms.Form):
    agreement_date = forms.DateField(label=_("Agreement date"), widget=DateInput)
    amount = forms.DecimalField(label=_("Grant (GEL)"), min_value=0, decimal_places=2)
    tranches = forms.CharField(
        label=_("Tranches"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line each, in order: milestone | amount, e.g. “Materials bought | 8000”."),
    )

    def clean_tranches(self) -> list[dict]:
        rows = []
        for n, parts in _lines(self.cleaned_data["tranches"]):
            if len(parts) != 2 or not parts[0]:
                raise forms.ValidationError(_("Line %(n)s: write “milestone | amount”.") % {"n": n})
            rows.append({"milestone": parts[0], "amount": _amount(parts[1], n)})
        return rows


class TrancheReportForm(forms.Form):
    report = forms.CharField(
        label=_("Milestone report"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class VisitForm(CrispyFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    tranche = forms.ModelChoiceField(
        label=_("Before tranche"), queryset=InitiativeTranche.objects.none(), required=False
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tranche"].queryset = initiative.tranches.all()


class PhotoForm(CrispyFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "class": "form-control"}),
    )
    caption = forms.CharField(
        label=_("Caption"), max_length=200, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class CofundingForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = CofundingReceipt
        fields = ["source", "date", "amount", "note"]
        widgets = {"date": DateInput}


class CompletionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Completion
        fields = ["date", "narrative", *COUNT_FIELDS]
        widgets = {"date": DateInput, "narrative": forms.Textarea(attrs={"rows": 3})}


class IdeaReferralForm(CrispyFormMixin, forms.Form):
    service = forms.ModelChoiceField(label=_("Funding scheme"), queryset=Service.objects.none())
    reason = forms.CharField(label=_("Why this scheme"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(category=Need.FUNDING).select_related("organization")


class ReferralMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=IdeaReferral.Status.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *IdeaReferral.Outcome.choices], required=False)
    amount_obtained = forms.DecimalField(label=_("Funding obtained (GEL)"), required=False, min_value=0)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
