"""Forms check shape only; the services check the rules."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput
from accounts.models import User
from reintegration.vulnerability import Vulnerability

from .models import (
    Application,
    CommitteeMembership,
    Criterion,
    Decision,
    GrantCycle,
    MentoringSession,
    TeamMember,
    TieBreak,
    Workshop,
)


class CycleForm(CrispyFormMixin, forms.ModelForm):
    """The tie-break order is chosen as first, second, third and fourth rule."""

    TIE_FIELDS = ("tie_break_1", "tie_break_2", "tie_break_3", "tie_break_4")
    tie_break_1 = forms.ChoiceField(label=_("First tie-break"), choices=TieBreak.choices)
    tie_break_2 = forms.ChoiceField(label=_("Second tie-break"), choices=[("", "—"), *TieBreak.choices], required=False)
    tie_break_3 = forms.ChoiceField(label=_("Third tie-break"), choices=[("", "—"), *TieBreak.choices], required=False)
    tie_break_4 = forms.ChoiceField(label=_("Fourth tie-break"), choices=[("", "—"), *TieBreak.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = list(self.instance.tie_breaks or [])
        for name, rule in zip(self.TIE_FIELDS, order, strict=False):
            self.initial.setdefault(name, rule)
        self.fields["tie_break_criterion"].queryset = (
            self.instance.criteria.all() if self.instance.pk else Criterion.objects.none()
        )

    def clean(self):
        data = super().clean()
        order = [data.get(name) for name in self.TIE_FIELDS if data.get(name)]
        if len(order) != len(set(order)):
            raise forms.ValidationError(_("Each tie-break rule can appear only once."))
        data["tie_breaks"] = order
        return data

    class Meta:
        model = GrantCycle
        fields = [
            "name_ka",
            "name_en",
            "kind",
            "call_opens",
            "call_closes",
            "budget",
            "ceiling",
            "municipalities",
            "target_awards",
            "total_minimum",
            "disagreement_spread",
            "monitoring_visit_required",
            "tie_break_criterion",
        ]
        widgets = {"call_opens": DateInput, "call_closes": DateInput, "municipalities": forms.CheckboxSelectMultiple}


class CriterionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name_ka", "name_en", "description", "weight", "score_min", "score_max", "minimum"]


class CommitteeMemberForm(CrispyFormMixin, forms.ModelForm):
    """Seat a person who has an account, or invite a new one by email (they set a password)."""

    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.filter(is_active=True), required=False)
    full_name = forms.CharField(label=_("Or a new person: full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email address for the invitation"), required=False)

    class Meta:
        model = CommitteeMembership
        fields = ["user", "full_name", "email", "role", "organisation", "personal_number", "start_date"]
        widgets = {"start_date": DateInput}

    def clean(self):
        data = super().clean()
        if data.get("user") and (data.get("email") or data.get("full_name")):
            raise forms.ValidationError(_("Choose a person or invite a new one, not both."))
        if not data.get("user") and not (data.get("email") and data.get("full_name")):
            raise forms.ValidationError(_("Choose a person, or give the new person's name and email address."))
        return data


class ConflictForm(forms.Form):
    CHOICES = [
        ("none", _("I have no conflict of interest with this proposal")),
        ("declare", _("I declare a conflict of interest")),
    ]
    choice = forms.ChoiceField(label=_("Conflict of interest"), choices=CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(label=_("What the conflict is"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScoreForm(forms.Form):
    value = forms.IntegerField(label=_("Score"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ConsensusForm(forms.Form):
    text = forms.CharField(label=_("Consensus comment"), widget=forms.Textarea(attrs={"rows": 3}))
    minority_views = forms.CharField(
        label=_("Minority views"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices)
    reason = forms.CharField(
        label=_("Reason for departing from the ranking"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApplicationForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["team_name", "team_type", "business_idea", "description", "municipality", "hub", "requested_amount"]


class TeamMemberForm(forms.ModelForm):
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"),
        choices=[(v.value, v.label) for v in (Vulnerability.DEPORTEE, Vulnerability.FEMALE_HEAD)],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TeamMember
        fields = ["full_name", "personal_number", "sex", "age", "is_returnee", "vulnerabilities", "is_lead"]
        help_texts = {
            "personal_number": _(
                "If the person is registered at a hub, their record is linked: name, sex, age and "
                "vulnerabilities then come from it."
            )
        }


TeamMemberFormSet = forms.formset_factory(TeamMemberForm, extra=4, min_num=2, validate_min=True)


class MentorForm(CrispyFormMixin, forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=User.objects.filter(is_active=True))
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)


class SessionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = MentoringSession
        fields = ["date", "duration_minutes", "topics", "notes", "agreed_tasks"]
        widgets = {"date": DateInput}


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text.strip().replace(" ", "").replace(",", ".") or "0")
    except InvalidOperation as error:
        raise forms.ValidationError(_("“%(value)s” is not an amount.") % {"value": text}) from error


class PlanForm(CrispyFormMixin, forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    budget = forms.CharField(
        label=_("Budget lines"),
        help_text=_("One line each: item; from the grant; own contribution; co-funding"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    milestones = forms.CharField(
        label=_("Workplan milestones"),
        help_text=_("One line each: month; milestone"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    is_final = forms.BooleanField(label=_("This is the final plan"), required=False)

    def clean_budget(self) -> list[dict]:
        lines = []
        for row in filter(None, (r.strip() for r in self.cleaned_data["budget"].splitlines())):
            parts = [p.strip() for p in row.split(";")] + ["0", "0", "0"]
            lines.append(
                {
                    "item": parts[0][:200],
                    "grant_amount": _amount(parts[1]),
                    "own_contribution": _amount(parts[2]),
                    "co_funding": _amount(parts[3]),
                }
            )
        return lines

    def clean_milestones(self) -> list[dict]:
        milestones = []
        for row in filter(None, (r.strip() for r in self.cleaned_data["milestones"].splitlines())):
            month, _sep, title = row.partition(";")
            if not month.strip().isdigit() or not title.strip():
                raise forms.ValidationError(_("Write each milestone as: month; milestone"))
            milestones.append({"month": int(month), "title": title.strip()[:200]})
        return milestones


class AwardForm(CrispyFormMixin, forms.Form):
    agreement_date = forms.DateField(label=_("Agreement date"), widget=DateInput)
    amount = forms.DecimalField(label=_("Amount (GEL)"), max_digits=12, decimal_places=2)
    tranches = forms.CharField(
        label=_("Tranches"), help_text=_("One line each: amount; milestone"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_tranches(self) -> list[dict]:
        tranches = []
        for row in filter(None, (r.strip() for r in self.cleaned_data["tranches"].splitlines())):
            amount, _sep, milestone = row.partition(";")
            if not milestone.strip():
                raise forms.ValidationError(_("Write each tranche as: amount; milestone"))
            tranches.append({"amount": _amount(amount), "milestone": milestone.strip()[:200]})
        return tranches


class VisitForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 2}))


class DisbursementForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    amount = forms.DecimalField(label=_("Amount (GEL)"), max_digits=12, decimal_places=2)
    reference = forms.CharField(label=_("Payment reference"), max_length=100)


class ReportForm(forms.Form):
    report = forms.CharField(label=_("Milestone report"), widget=forms.Textarea(attrs={"rows": 2}))


class CompletionForm(CrispyFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    jobs_created = forms.IntegerField(label=_("Jobs created"), min_value=0)
    monthly_income = forms.DecimalField(label=_("Monthly income (GEL)"), max_digits=12, decimal_places=2)
    people_reached = forms.IntegerField(label=_("People reached"), min_value=0)
    narrative = forms.CharField(label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class WorkshopForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "date", "place"]
        widgets = {"date": DateInput}


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attended"), queryset=TeamMember.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members if members is not None else TeamMember.objects.none()
