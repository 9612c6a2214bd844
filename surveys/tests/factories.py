import uuid

import factory
from django.utils import timezone

from hubs.tests.factories import MunicipalityFactory
from surveys.models import Choice, Instrument, InstrumentVersion, Question, Response, Round, RoundTarget
from surveys.services import _profile_autofill

YES_NO = [("yes", "დიახ", "Yes"), ("no", "არა", "No")]
SEXES = [("female", "ქალი", "Female"), ("male", "კაცი", "Male")]

# A small household questionnaire exercising every type, constraints and skip logic.
SAMPLE_QUESTIONS = [
    {"name": "sex", "group": "respondent", "type": "select_one", "label_ka": "სქესი", "label_en": "Sex",
     "required": True, "list_name": "sex", "choices": SEXES},
    {"name": "age", "group": "respondent", "type": "integer", "label_ka": "ასაკი", "label_en": "Age",
     "required": True, "constraint": ". >= 18 and . <= 110",
     "constraint_message_ka": "ასაკი 18-დან 110-მდე", "constraint_message_en": "Age from 18 to 110"},
    {"name": "returnee", "group": "respondent", "type": "select_one", "label_ka": "დაბრუნებული მიგრანტი ხართ?",
     "label_en": "Are you a returned migrant?", "required": True, "list_name": "yes_no", "choices": YES_NO},
    {"name": "months_abroad", "group": "migration", "type": "integer", "label_ka": "რამდენი თვე იყავით საზღვარგარეთ?",
     "label_en": "How many months were you abroad?", "required": True, "relevant": "${returnee} = 'yes'",
     "constraint": ". > 0"},
    {"name": "income", "group": "household", "type": "decimal", "label_ka": "შინამეურნეობის თვიური შემოსავალი (ლარი)",
     "label_en": "Monthly household income (GEL)", "constraint": ". >= 0"},
    {"name": "needs", "group": "services", "type": "select_multiple", "label_ka": "რა მომსახურება გჭირდებათ?",
     "label_en": "Which services do you need?", "list_name": "needs",
     "choices": [("employment", "დასაქმება", "Employment"), ("housing", "საცხოვრებელი", "Housing"),
                 ("medical_care", "სამედიცინო მომსახურება", "Medical care")]},
    {"name": "plan_to_leave", "group": "intentions", "type": "select_one", "label_ka": "აპირებთ წასვლას?",
     "label_en": "Do you plan to leave?", "list_name": "yes_no", "choices": YES_NO,
     "relevant": "${age} < 60 or ${returnee} = 'yes'"},
    {"name": "priorities", "group": "community", "type": "rank", "label_ka": "დაალაგეთ პრიორიტეტები",
     "label_en": "Rank the priorities", "list_name": "priorities",
     "choices": [("roads", "გზები", "Roads"), ("water", "წყალი", "Water"), ("jobs", "სამუშაო", "Jobs")]},
    {"name": "visit_date", "group": "", "type": "date", "label_ka": "ინტერვიუს თარიღი", "label_en": "Interview date"},
    {"name": "comment", "group": "", "type": "text", "label_ka": "კომენტარი", "label_en": "Comment"},
]  # fmt: skip


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"instrument-{n}")
    name_ka = factory.Sequence(lambda n: f"კითხვარი {n}")
    name_en = factory.Sequence(lambda n: f"Questionnaire {n}")
    kind = Instrument.Kind.BASELINE


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentVersion

    instrument = factory.SubFactory(InstrumentFactory)
    number = factory.Sequence(lambda n: n + 1)


def build_version(questions=None, **kwargs) -> InstrumentVersion:
    """A version holding the given question specs (the sample questionnaire by default)."""
    version = VersionFactory(**kwargs)
    for position, spec in enumerate(questions or SAMPLE_QUESTIONS, start=1):
        fields = {k: v for k, v in spec.items() if k != "choices"}
        question = Question.objects.create(version=version, position=position, **fields)
        Choice.objects.bulk_create(
            Choice(question=question, position=i, value=v, label_ka=ka, label_en=en)
            for i, (v, ka, en) in enumerate(spec.get("choices", []), start=1)
        )
    _profile_autofill(version)
    return version


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    version = factory.LazyFunction(build_version)
    name_ka = factory.Sequence(lambda n: f"რაუნდი {n}")
    name_en = factory.Sequence(lambda n: f"Round {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=10))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=20))
    status = Round.Status.OPEN

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        for municipality in extracted or [MunicipalityFactory()]:
            RoundTarget.objects.get_or_create(round=obj, municipality=municipality, defaults={"target": 10})


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    round = factory.SubFactory(RoundFactory)
    municipality = factory.LazyAttribute(lambda o: o.round.targets.first().municipality)
    uuid = factory.LazyFunction(lambda: str(uuid.uuid4()))
    submitted_at = factory.LazyFunction(timezone.now)
    answers = factory.LazyFunction(lambda: {"sex": "female", "age": 34, "returnee": "yes", "months_abroad": 24})

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.set_profile()
        obj.save()
        return obj


INTEGER_RANGES = {"age": (18, 82), "household_size": (1, 8), "children": (0, 4), "months_abroad": (3, 120)}


def random_answers(questions, rng, *, shift: int = 0) -> dict:
    """Plausible answers that pass the version's rules; ``shift`` nudges 1–5 agreement scales up."""
    from surveys.logic import apply_rules

    values = {}
    for q in questions:
        choices = [c.value for c in q.choices.all()]
        if q.type == Question.Type.INTEGER:
            low, high = INTEGER_RANGES.get(q.name, (1, 5))
            value = rng.randint(low, high)
            values[q.name] = min(5, value + shift) if (low, high) == (1, 5) and rng.random() < 0.5 else value
        elif q.type == Question.Type.DECIMAL:
            values[q.name] = float(rng.randrange(300, 2500, 50))
        elif q.type == Question.Type.SELECT_ONE:
            values[q.name] = rng.choice(choices)
        elif q.type == Question.Type.SELECT_MULTIPLE:
            values[q.name] = sorted(rng.sample(choices, rng.randint(0, min(3, len(choices)))), key=choices.index)
        elif q.type == Question.Type.RANK:
            values[q.name] = rng.sample(choices, min(3, len(choices)))
        elif q.type == Question.Type.DATE:
            values[q.name] = f"2026-03-{rng.randint(1, 28):02d}"
    for _attempt in range(3):
        outcome = apply_rules(questions, values)
        if not outcome.errors:
            return outcome.answers
        for name in outcome.errors:
            values[name] = 0 if name == "children" else None
    return apply_rules(questions, values).answers
