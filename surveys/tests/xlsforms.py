"""XLSForm workbooks written the way people write them in Excel, for the tests."""

from io import BytesIO

from openpyxl import Workbook

KA, EN = "label::Georgian (ka)", "label::English (en)"
SURVEY = [
    [
        "type",
        "name",
        KA,
        EN,
        "required",
        "constraint",
        "constraint_message::Georgian (ka)",
        "constraint_message::English (en)",
        "relevant",
    ],
    ["start", "start"],
    ["begin group", "respondent", "რესპონდენტი", "Respondent"],
    ["select_one sex", "sex", "სქესი", "Sex", "yes"],
    ["integer", "age", "ასაკი", "Age", "yes", ". >= 18 and . <= 110", "ასაკი 18-დან 110-მდე", "Age from 18 to 110"],
    ["select_one yes_no", "returnee", "დაბრუნებული მიგრანტი ხართ?", "Are you a returned migrant?", "yes"],
    ["end group"],
    ["begin group", "migration"],
    [
        "integer",
        "months_abroad",
        "რამდენი თვე იყავით საზღვარგარეთ?",
        "How many months were you abroad?",
        "yes",
        ". > 0",
        None,
        None,
        "${returnee} = 'yes'",
    ],
    ["end group"],
    ["begin_group", "household"],
    ["decimal", "income", "შინამეურნეობის თვიური შემოსავალი (ლარი)", "Monthly household income (GEL)", None, ". >= 0"],
    ["end_group"],
    ["begin group", "services"],
    ["select_multiple needs", "needs", "რა მომსახურება გჭირდებათ?", "Which services do you need?"],
    ["end group"],
    ["begin group", "intentions"],
    [
        "select_one yes_no",
        "plan_to_leave",
        "აპირებთ წასვლას?",
        "Do you plan to leave?",
        None,
        None,
        None,
        None,
        "${age} < 60 or ${returnee} = 'yes'",
    ],
    ["end group"],
    ["begin group", "community"],
    ["rank priorities", "priorities", "დაალაგეთ პრიორიტეტები", "Rank the priorities"],
    ["end group"],
    ["date", "visit_date", "ინტერვიუს თარიღი", "Interview date"],
    ["text", "comment", "კომენტარი", "Comment"],
    ["note", "thanks", "მადლობა", "Thank you"],
]
CHOICES = [
    ["list_name", "name", KA, EN],
    ["sex", "female", "ქალი", "Female"],
    ["sex", "male", "კაცი", "Male"],
    ["yes_no", "yes", "დიახ", "Yes"],
    ["yes_no", "no", "არა", "No"],
    ["needs", "employment", "დასაქმება", "Employment"],
    ["needs", "housing", "საცხოვრებელი", "Housing"],
    ["needs", "medical_care", "სამედიცინო მომსახურება", "Medical care"],
    ["priorities", "roads", "გზები", "Roads"],
    ["priorities", "water", "წყალი", "Water"],
    ["priorities", "jobs", "სამუშაო", "Jobs"],
]
SETTINGS = [["form_title", "form_id", "version", "default_language"],
            ["საცდელი კითხვარი", "sample_household", "2026010101", "Georgian (ka)"]]  # fmt: skip


def workbook(survey=SURVEY, choices=CHOICES, settings=SETTINGS) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in [("survey", survey), ("choices", choices), ("settings", settings)]:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
