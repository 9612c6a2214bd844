# ruff: noqa: E501  (bilingual questionnaire text reads best one question per line)
"""The programme's three instruments, written for the pilot in Georgian and English.

The final household survey repeats the baseline's comparable questions under the same names and
choices, so the analysis can set baseline against final question by question.
Question names `sex`, `age` and `returnee` carry the disaggregation (see models.SEX etc.).
"""

from django.db import transaction
from django.utils import translation

from reintegration.taxonomy import Need

from .models import Instrument, InstrumentVersion

YES_NO = [("yes", "დიახ", "Yes"), ("no", "არა", "No")]
SEX = [("female", "ქალი", "Female"), ("male", "კაცი", "Male")]
AGREE_HINT = ("1 — სრულიად არ ვეთანხმები … 5 — სრულიად ვეთანხმები", "1 — strongly disagree … 5 — strongly agree")
PRIORITIES = [
    ("roads", "გზების რეაბილიტაცია", "Road rehabilitation"),
    ("water", "სასმელი წყალი და სარწყავი სისტემა", "Drinking water and irrigation"),
    ("kindergarten", "საბავშვო ბაღი", "Kindergarten"),
    ("youth_centre", "ახალგაზრდული და სათემო ცენტრი", "Youth and community centre"),
    ("public_space", "საზოგადოებრივი სივრცე და პარკი", "Public space and park"),
    ("agriculture", "სოფლის მეურნეობის მხარდაჭერა", "Support for agriculture"),
    ("tourism", "ტურიზმის განვითარება", "Tourism development"),
    ("health_point", "ამბულატორია", "Primary health point"),
]
COUNTRIES = [
    ("greece", "საბერძნეთი", "Greece"),
    ("italy", "იტალია", "Italy"),
    ("germany", "გერმანია", "Germany"),
    ("turkey", "თურქეთი", "Turkey"),
    ("russia", "რუსეთი", "Russia"),
    ("usa", "აშშ", "USA"),
    ("other", "სხვა", "Other"),
]


def _needs() -> list[tuple[str, str, str]]:
    choices = []
    for need in Need:
        with translation.override("ka"):
            ka = str(need.label)
        with translation.override("en"):
            en = str(need.label)
        choices.append((need.value, ka, en))
    return choices


def q(name, group, kind, ka, en, *, choices=None, list_name="", required=False, **extra) -> dict:
    return {
        "name": name,
        "group": group,
        "type": kind,
        "label_ka": ka,
        "label_en": en,
        "required": required,
        "choices": choices or [],
        "list_name": list_name if choices else "",
        **extra,
    }


def agree(name, group, ka, en) -> dict:
    return q(
        name, group, "integer", ka, en, required=True, constraint=". >= 1 and . <= 5",
        constraint_message_ka="შეიყვანეთ 1-დან 5-მდე", constraint_message_en="Enter 1 to 5",
        hint_ka=AGREE_HINT[0], hint_en=AGREE_HINT[1],
    )  # fmt: skip


def respondent() -> list[dict]:
    return [
        q("sex", "respondent", "select_one", "რესპონდენტის სქესი", "Respondent's sex", choices=SEX, list_name="sex", required=True),
        q("age", "respondent", "integer", "რესპონდენტის ასაკი (სრული წლები)", "Respondent's age (full years)", required=True,
          constraint=". >= 18 and . <= 110", constraint_message_ka="ასაკი 18-დან 110-მდე", constraint_message_en="Age from 18 to 110"),
        q("returnee", "respondent", "select_one", "ბოლო 5 წელიწადში დაბრუნდით საზღვარგარეთიდან 3 თვეზე მეტი ყოფნის შემდეგ?",
          "Did you return in the last 5 years after more than 3 months abroad?", choices=YES_NO, list_name="yes_no", required=True),
    ]  # fmt: skip


def household() -> list[dict]:
    return [
        q("household_size", "household", "integer", "რამდენი ადამიანი ცხოვრობს შინამეურნეობაში?", "How many people live in the household?",
          required=True, constraint=". >= 1 and . <= 30"),
        q("children", "household", "integer", "მათგან რამდენია 18 წლამდე?", "How many of them are under 18?",
          required=True, constraint=". >= 0 and . < ${household_size}", constraint_message_ka="ბავშვები შინამეურნეობის წევრებზე ნაკლები უნდა იყოს",
          constraint_message_en="Children must be fewer than household members"),
        q("female_headed", "household", "select_one", "შინამეურნეობის უფროსი ქალია?", "Is the household headed by a woman?",
          choices=YES_NO, list_name="yes_no", required=True),
        q("income", "household", "decimal", "შინამეურნეობის საშუალო თვიური შემოსავალი (ლარი)", "Average monthly household income (GEL)",
          constraint=". >= 0"),
        q("employed", "household", "select_one", "ამჟამად გაქვთ ანაზღაურებადი სამუშაო?", "Do you currently have paid work?",
          choices=YES_NO, list_name="yes_no", required=True),
    ]  # fmt: skip


def migration() -> list[dict]:
    returned = "${returnee} = 'yes'"
    plans = [
        ("yes_12m", "დიახ, მომდევნო 12 თვეში", "Yes, within 12 months"),
        ("yes_later", "დიახ, მოგვიანებით", "Yes, later"),
        ("no", "არა", "No"),
        ("dont_know", "არ ვიცი", "Don't know"),
    ]
    reasons = [
        ("no_jobs", "სამუშაოს არქონა", "No jobs"),
        ("low_income", "დაბალი შემოსავალი", "Low income"),
        ("family", "ოჯახი საზღვარგარეთ", "Family abroad"),
        ("education", "განათლება", "Education"),
        ("services", "მომსახურებების ნაკლებობა", "Lack of services"),
    ]
    return [
        q("member_abroad", "migration", "select_one", "შინამეურნეობის რომელიმე წევრი ამჟამად საზღვარგარეთაა?",
          "Is any household member currently abroad?", choices=YES_NO, list_name="yes_no", required=True),
        q("months_abroad", "migration", "integer", "სულ რამდენი თვე გაატარეთ საზღვარგარეთ?", "How many months in total did you spend abroad?",
          required=True, relevant=returned, constraint=". >= 3 and . <= 600"),
        q("country", "migration", "select_one", "რომელ ქვეყანაში იყავით ბოლოს?", "Which country were you in last?",
          choices=COUNTRIES, list_name="country", required=True, relevant=returned),
        q("plan_to_migrate", "intentions", "select_one", "გეგმავთ საზღვარგარეთ წასვლას სამუშაოდ?", "Do you plan to go abroad for work?",
          choices=plans, list_name="plans", required=True),
        q("migrate_reasons", "intentions", "select_multiple", "რატომ?", "Why?", choices=reasons, list_name="reasons",
          relevant="${plan_to_migrate} = 'yes_12m' or ${plan_to_migrate} = 'yes_later'"),
    ]  # fmt: skip


def services() -> list[dict]:
    needs = _needs()
    barriers = [
        ("no_info", "ინფორმაციის ნაკლებობა", "Lack of information"),
        ("distance", "მანძილი", "Distance"),
        ("cost", "ღირებულება", "Cost"),
        ("documents", "დოკუმენტები", "Documents"),
        ("eligibility", "არ ვაკმაყოფილებ კრიტერიუმებს", "Not eligible"),
        ("none", "ბარიერი არ ყოფილა", "No barrier"),
    ]
    return [
        q("needs", "services", "select_multiple", "რომელი მომსახურება სჭირდება თქვენს შინამეურნეობას?",
          "Which services does your household need?", choices=needs, list_name="needs"),
        q("aware", "services", "select_multiple", "რომელი მომსახურების შესახებ იცით, სად მიიღოთ თქვენს მუნიციპალიტეტში?",
          "Which of these services do you know where to get in your municipality?", choices=needs, list_name="needs"),
        q("accessed", "services", "select_multiple", "რომელი მომსახურება მიიღო თქვენმა შინამეურნეობამ ბოლო 12 თვეში?",
          "Which services did your household receive in the last 12 months?", choices=needs, list_name="needs"),
        q("barriers", "services", "select_multiple", "რა გიშლით ხელს მომსახურების მიღებაში?", "What keeps you from getting services?",
          choices=barriers, list_name="barriers"),
        q("hub_known", "services", "select_one", "იცით თქვენი მუნიციპალიტეტის რეინტეგრაციის ჰაბის შესახებ?",
          "Do you know your municipality's reintegration hub?", choices=YES_NO, list_name="yes_no", required=True),
    ]  # fmt: skip


def attitudes() -> list[dict]:
    return [
        agree("future_here", "attitudes", "ჩემი ოჯახის მომავალს ამ თემში ვხედავ", "I see my family's future in this community"),
        agree("abroad_only_way", "attitudes", "საზღვარგარეთ მუშაობა ცხოვრების გაუმჯობესების ერთადერთი გზაა",
              "Working abroad is the only way to improve one's life"),
        agree("returnees_welcome", "attitudes", "დაბრუნებულ მიგრანტებს თემში კარგად იღებენ", "Returned migrants are welcomed in the community"),
        agree("community_potential", "revitalization", "ჩვენს თემს განვითარების პოტენციალი აქვს", "Our community has potential to develop"),
        q("would_participate", "revitalization", "select_one", "მიიღებდით მონაწილეობას თემის განვითარების ინიციატივაში?",
          "Would you take part in a community development initiative?", choices=YES_NO, list_name="yes_no", required=True),
        q("community_needs", "revitalization", "select_multiple", "რა სჭირდება ყველაზე მეტად თქვენს თემს?",
          "What does your community need most?", choices=PRIORITIES, list_name="priorities"),
    ]  # fmt: skip


def baseline() -> list[dict]:
    return respondent() + household() + migration() + services() + attitudes()


def final() -> list[dict]:
    aware = "${initiative_known} = 'yes'"
    effect = [
        ("more_stay", "უფრო მეტად დავრჩები", "More likely to stay"),
        ("no_change", "არაფერი შეცვლილა", "No change"),
        ("more_leave", "უფრო მეტად წავალ", "More likely to leave"),
    ]
    return baseline() + [
        q("initiative_known", "effect", "select_one", "იცით თქვენს თემში განხორციელებული განვითარების ინიციატივის შესახებ?",
          "Do you know of the revitalization initiative carried out in your community?", choices=YES_NO, list_name="yes_no", required=True),
        agree("initiative_benefit", "effect", "ინიციატივამ სარგებელი მოუტანა ჩემს ოჯახს", "The initiative benefited my family") | {"relevant": aware},
        q("initiative_effect", "effect", "select_one", "ინიციატივის შედეგად ...", "Because of the initiative I am ...",
          choices=effect, list_name="effect", relevant=aware),
        q("grant_known", "effect", "select_one", "იცით თქვენს თემში მოქმედი ერთობლივი ბიზნესის შესახებ, რომელიც გრანტით დაფინანსდა?",
          "Do you know of a joint business in your community funded by a grant?", choices=YES_NO, list_name="yes_no"),
    ]  # fmt: skip


def priorities() -> list[dict]:
    return respondent() + [
        q("community_priorities", "priorities", "rank", "დაალაგეთ თემის პრიორიტეტები მნიშვნელობის მიხედვით (1 — ყველაზე მნიშვნელოვანი)",
          "Rank the community's priorities by importance (1 — most important)", choices=PRIORITIES, list_name="priorities", required=True),
        q("would_participate", "priorities", "select_one", "მიიღებდით მონაწილეობას პრიორიტეტის განხორციელებაში?",
          "Would you take part in carrying out the priority?", choices=YES_NO, list_name="yes_no", required=True),
        q("priority_comment", "priorities", "text", "სხვა პრიორიტეტი ან კომენტარი", "Another priority or a comment"),
    ]  # fmt: skip


REFERENCE = [
    (
        "baseline-household",
        Instrument.Kind.BASELINE,
        "საბაზისო შინამეურნეობის კვლევა",
        "Baseline household survey",
        baseline,
    ),
    (
        "community-priorities",
        Instrument.Kind.PRIORITIES,
        "თემის პრიორიტეტების კვლევა",
        "Community priorities survey",
        priorities,
    ),
    ("final-household", Instrument.Kind.FINAL, "საბოლოო შინამეურნეობის კვლევა", "Final household survey", final),
]


@transaction.atomic
def load_reference_instruments() -> dict[str, int]:
    """Create each instrument and its first version once; officers' later versions are kept."""
    from .services import version_build

    created = {"instruments": 0, "versions": 0}
    for code, kind, name_ka, name_en, questions in REFERENCE:
        instrument, new = Instrument.objects.get_or_create(
            code=code, defaults={"kind": kind, "name_ka": name_ka, "name_en": name_en}
        )
        created["instruments"] += new
        if not instrument.versions.exists():
            version_build(
                instrument=instrument,
                questions=questions(),
                acting_user=None,
                source=InstrumentVersion.Source.REFERENCE,
                form_id=code,
            )
            created["versions"] += 1
    return created
