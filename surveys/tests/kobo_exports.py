"""Kobo exports as KoboToolbox writes them: group paths, select_multiple option columns, metadata."""

from io import BytesIO

from openpyxl import Workbook

from surveys.kobo import export_bytes

HEADER = ["start", "end", "respondent/sex", "respondent/age", "respondent/returnee", "migration/months_abroad",
          "household/income", "services/needs", "services/needs/employment", "services/needs/housing",
          "services/needs/medical_care", "intentions/plan_to_leave", "community/priorities", "visit_date", "comment",
          "location/municipality", "weight", "meta/instanceID", "_id", "_uuid", "_submission_time",
          "_validation_status", "_index"]  # fmt: skip

# sex, age, returnee, months abroad, income, needs, plan to leave, municipality (a or b), weight
BASELINE = [
    ("female", 25, "yes", 12, 500, "employment housing", "yes", "a", 2),
    ("female", 34, "yes", 24, 700, "employment", "no", "a", 2),
    ("male", 41, "no", "", 900, "housing", "no", "a", 1),
    ("male", 52, "yes", 36, 1100, "employment medical_care", "no", "a", 1),
    ("female", 63, "no", "", 400, "medical_care", "", "a", 2),
    ("male", 29, "yes", 6, 600, "employment", "yes", "a", 1),
    ("female", 45, "no", "", 800, "", "no", "b", 2),
    ("male", 38, "yes", 18, 1000, "employment housing", "yes", "b", 1),
    ("female", 22, "no", "", 300, "housing", "no", "b", 2),
    ("male", 70, "yes", 48, "", "medical_care", "no", "b", 1),
]
FINAL = [
    ("female", 30, "yes", 10, 800, "employment", "no", "a", 1),
    ("female", 41, "no", "", 900, "housing", "no", "a", 1),
    ("male", 35, "yes", 20, 1200, "employment", "no", "a", 1),
    ("male", 50, "no", "", 1000, "", "no", "a", 1),
    ("female", 28, "yes", 30, 700, "employment housing", "yes", "b", 1),
    ("male", 44, "yes", 40, 1300, "medical_care", "no", "b", 1),
    ("female", 39, "no", "", 1100, "housing", "no", "b", 1),
    ("male", 61, "yes", 50, 900, "employment", "no", "b", 1),
]


def row(values, uuid, municipalities, *, index=1):
    sex, age, returnee, months, income, needs, plan, where, weight = values
    chosen = needs.split()
    return ["2026-03-02T10:00:00.000+04:00", "2026-03-02T10:20:00.000+04:00", sex, age, returnee, months, income, needs,
            int("employment" in chosen), int("housing" in chosen), int("medical_care" in chosen), plan,
            "water jobs", "2026-03-02", "", municipalities[where], weight, f"uuid:{uuid}", 1000 + index, uuid,
            "2026-03-02T06:21:13", "", index]  # fmt: skip


def rows(data, prefix, municipalities):
    return [row(values, f"{prefix}-{i:04d}", municipalities, index=i) for i, values in enumerate(data, start=1)]


def baseline_rows(municipalities):
    """The ten good rows, then the second row repeated (same _uuid) and a 12-year-old respondent."""
    good = rows(BASELINE, "base", municipalities)
    repeated = row(("male", 50, "no", "", 100, "", "no", "a", 1), "base-0002", municipalities, index=11)
    child = row(("female", 12, "no", "", 100, "", "no", "a", 1), "base-0099", municipalities, index=12)
    return good + [repeated, child]


def as_csv(data) -> bytes:
    return export_bytes(HEADER, data)


def as_xlsx(data) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for values in data:
        sheet.append(values)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
