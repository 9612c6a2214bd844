from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from accounts.forms import CrispyFormMixin, DateInput
from accounts.uploads import UploadValidator
from hubs.models import Municipality

from .logic import apply_rules, to_json
from .models import Instrument, InstrumentVersion, Question, Round
from .services import QUESTION_FIELDS

T = Question.Type
CHOICES_HELP = _("One choice per line: value | Georgian label | English label")


class InstrumentForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Instrument
        fields = ["code", "name_ka", "name_en", "kind", "description"]


class QuestionForm(CrispyFormMixin, forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=CHOICES_HELP
    )

    class Meta:
        model = Question
        fields = [f for f in QUESTION_FIELDS if f != "list_name"]
        widgets = {"label_ka": forms.Textarea(attrs={"rows": 2}), "label_en": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(
                f"{c.value} | {c.label_ka} | {c.label_en}" for c in self.instance.choices.all()
            )

    def clean_choices_text(self):
        choices = []
        for number, line in enumerate(self.cleaned_data["choices_text"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not parts[0]:
                raise forms.ValidationError(
                    _("Line %(number)s: write value | Georgian | English.") % {"number": number}
                )
            choices.append(tuple(parts))
        return choices

    def spec(self) -> dict:
        spec = {name: self.cleaned_data.get(name, "") for name in QUESTION_FIELDS if name != "list_name"}
        spec["list_name"] = spec["name"] if spec["type"] in Question.CHOICE_TYPES else ""
        return spec


class UploadForm(CrispyFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, extensions=("xlsx",), max_size=None, **kwargs):
        super().__init__(*args, **kwargs)
        validator = UploadValidator(kinds=extensions, max_size=max_size)
        self.fields["file"].validators = [validator]
        self.fields["file"].help_text = validator.help_text()


class ProfileForm(CrispyFormMixin, forms.Form):
    """Which of the version's questions hold sex, age, returnee status and municipality."""

    sex_question = forms.ModelChoiceField(
        label=_("Sex is in the question"), queryset=Question.objects.none(), required=False
    )
    sex_female = forms.ChoiceField(label=_("Its choice meaning female"), required=False)
    sex_male = forms.ChoiceField(label=_("Its choice meaning male"), required=False)
    age_question = forms.ModelChoiceField(
        label=_("Age (in years) is in the question"), queryset=Question.objects.none(), required=False
    )
    returnee_question = forms.ModelChoiceField(
        label=_("Returnee status is in the question"), queryset=Question.objects.none(), required=False
    )
    returnee_yes = forms.ChoiceField(label=_("Its choice meaning a returnee"), required=False)
    municipality_question = forms.ModelChoiceField(
        label=_("Municipality is in the question"), queryset=Question.objects.none(), required=False,
        help_text=_("Optional: its answers are municipality codes or names. A Kobo import reads the municipality from this column."),  # noqa: E501
    )  # fmt: skip

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        questions = version.questions.prefetch_related("choices").order_by("position")
        choice_questions = [q for q in questions if q.type in (T.SELECT_ONE, T.SELECT_MULTIPLE)]
        self.fields["sex_question"].queryset = questions.filter(type=T.SELECT_ONE)
        self.fields["age_question"].queryset = questions.filter(type__in=[T.INTEGER, T.DECIMAL])
        self.fields["returnee_question"].queryset = questions.filter(type__in=[T.SELECT_ONE, T.SELECT_MULTIPLE])
        self.fields["municipality_question"].queryset = questions.filter(type__in=[T.SELECT_ONE, T.TEXT])
        grouped = [("", "—")] + [
            (f"{q.name} — {q.label}", [(c.value, f"{c.value} — {c.label}") for c in q.choices.all()])
            for q in choice_questions
        ]
        for name in ("sex_female", "sex_male", "returnee_yes"):
            self.fields[name].choices = grouped
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.label_from_instance = lambda q: f"{q.name} — {q.label}"
                field.empty_label = _("none of the questions")
        if not self.is_bound:
            self.initial = {
                "sex_question": version.sex_question_id, "sex_female": version.sex_female,
                "sex_male": version.sex_male, "age_question": version.age_question_id,
                "returnee_question": version.returnee_question_id, "returnee_yes": version.returnee_yes,
                "municipality_question": version.municipality_question_id,
            }  # fmt: skip


class MunicipalitySourceForm(CrispyFormMixin, forms.Form):
    """Where the rows of an export covering several municipalities say which one they are from."""

    column = forms.ChoiceField(label=_("The column that holds the municipality"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Or: every row is from the municipality"), queryset=Municipality.objects.none(), required=False
    )

    def __init__(self, *args, job, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].choices = [("", "—")] + [(c, c) for c in job.columns]
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=job.round.targets.values("municipality_id")
        )
        self.initial = {"column": job.municipality_column, "municipality": job.municipality_id}

    def clean(self):
        data = super().clean()
        if bool(data.get("column")) == (data.get("municipality") is not None):
            raise forms.ValidationError(_("Choose either a column or one municipality."))
        return data


class RoundForm(CrispyFormMixin, forms.ModelForm):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.filter(is_pilot=True),
        widget=forms.CheckboxSelectMultiple,
    )
    target = forms.IntegerField(label=_("Target sample per municipality"), min_value=0, initial=50)

    class Meta:
        model = Round
        fields = ["version", "name_ka", "name_en", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = (
            InstrumentVersion.objects.select_related("instrument").filter(questions__isnull=False).distinct()
        )


class TargetsForm(CrispyFormMixin, forms.Form):
    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        for target in targets:
            self.fields[f"m{target.municipality_id}"] = forms.IntegerField(
                label=target.municipality.name, min_value=0, initial=target.target
            )

    def targets(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


def _field(question: Question) -> forms.Field:
    label = f"{question.label} *" if question.required else question.label
    # An imported hint is data: escaped here, whatever template renders it (crispy's marks help text safe).
    common = {"label": label, "help_text": escape(question.hint), "required": False}
    choices = [(c.value, c.label) for c in question.choices.all()]
    if question.type == T.INTEGER:
        return forms.IntegerField(**common)
    if question.type == T.DECIMAL:
        return forms.DecimalField(max_digits=14, decimal_places=4, **common)
    if question.type == T.DATE:
        return forms.DateField(widget=DateInput(), **common)
    if question.type == T.SELECT_ONE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.type == T.SELECT_MULTIPLE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)


def rank_name(question: Question, place: int) -> str:
    return f"{question.name}__{place}"


class ResponseForm(forms.Form):
    """The questionnaire of a round. Fields are optional here: required/constraints/relevance come
    from the version's rules (logic.apply_rules), which the service applies again."""

    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())

    household = forms.ModelChoiceField(
        label=_("Registered household (optional)"),
        queryset=None,
        required=False,
        widget=forms.NumberInput,
        help_text=_("The household number from the case register, if the household is registered."),
        error_messages={"invalid_choice": _("No registered household of yours has this number.")},
    )

    def __init__(self, *args, questions, municipalities, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["municipality"].queryset = municipalities
        self.fields["household"].queryset = households
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0]
        for question in questions:
            if question.type == T.RANK:
                choices = [("", "—")] + [(c.value, c.label) for c in question.choices.all()]
                for place in range(1, len(choices)):
                    self.fields[rank_name(question, place)] = forms.ChoiceField(
                        label=f"{place}.", choices=choices, required=False
                    )
            else:
                self.fields[question.name] = _field(question)
        self.outcome = None

    def values(self) -> dict:
        values = {}
        for question in self.questions:
            if question.type == T.RANK:
                places = len(question.choices.all())
                ranked = [self.cleaned_data.get(rank_name(question, p)) for p in range(1, places + 1)]
                values[question.name] = [v for v in ranked if v]
            else:
                values[question.name] = to_json(question, self.cleaned_data.get(question.name))
        return values

    def clean(self):
        cleaned = super().clean()
        values = self.values()
        for question in self.questions:
            ranked = values[question.name] if question.type == T.RANK else []
            if len(set(ranked)) != len(ranked):
                self.add_error(rank_name(question, 1), _("Each choice may be ranked once."))
        self.outcome = apply_rules(self.questions, values)
        for name, message in self.outcome.messages().items():
            field = rank_name(next(q for q in self.questions if q.name == name), 1) if name not in self.fields else name
            self.add_error(field, message)
        unknown = sorted(set(self.data) - set(self.fields) - {"csrfmiddlewaretoken"})
        if unknown:
            self.add_error(
                None, _("The form sent answers to questions this questionnaire does not have: %(names)s.")
                % {"names": ", ".join(name[:40] for name in unknown[:10])},
            )  # fmt: skip
        return cleaned

    def rows(self):
        """(question, bound fields, hidden) for the template, in order."""
        hidden = self.outcome.hidden if self.outcome else apply_rules(self.questions, {}).hidden
        for question in self.questions:
            if question.type == T.RANK:
                names = [rank_name(question, p) for p in range(1, len(question.choices.all()) + 1)]
            else:
                names = [question.name]
            yield question, [self[n] for n in names], question.name in hidden
