"""XLSForm import: the survey, choices and settings sheets, read through pyxform.

pyxform stops at the first error it finds; officers need every problem at once, so the sheets
are read with pyxform's reader and checked here row by row, and pyxform's own conversion then runs
on a file that passed, to catch what only it knows.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import get_xlsform
from pyxform.xls2xform import convert

from .models import InstrumentVersion
from .services import _require_manager, question_problems, version_build

IGNORED_TYPES = {"start", "end", "today", "deviceid", "username", "phonenumber", "audit", "note", "simserial"}
SIMPLE_TYPES = {"text", "integer", "decimal", "date"}
CHOICE_TYPES = {"select_one", "select_multiple", "rank"}
_ROW = re.compile(r"\[row : (\d+)\]")


@dataclass
class Problem:
    sheet: str
    row: int | None
    message: str

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "message": self.message}


@dataclass
class Parsed:
    questions: list[dict] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _language(column: str) -> str | None:
    """'label::Georgian (ka)' -> 'ka'; a plain 'label' -> '' (both languages)."""
    if "::" not in column:
        return ""
    lang = column.split("::", 1)[1].strip().lower()
    if lang.endswith("(ka)") or lang in ("ka", "georgian", "ქართული"):
        return "ka"
    if lang.endswith("(en)") or lang in ("en", "english"):
        return "en"
    return None


def _texts(row: dict, base: str) -> dict[str, str]:
    texts = {"ka": "", "en": ""}
    for column, value in row.items():
        if column == base or column.startswith(f"{base}::"):
            lang = _language(column)
            if lang == "":
                texts = {"ka": texts["ka"] or value, "en": texts["en"] or value}
            elif lang:
                texts[lang] = value
    return texts


def _yes(value) -> bool:
    return str(value or "").strip().lower() in ("yes", "true", "true()", "1", "y")


def _read_choices(rows, parsed: Parsed) -> dict[str, list]:
    lists: dict[str, list] = {}
    for number, row in enumerate(rows or [], start=2):
        if not row:
            continue
        list_name, name = row.get("list_name") or row.get("list name"), row.get("name")
        if not list_name or not name:
            parsed.problems.append(Problem("choices", number, _("A choice needs a list_name and a name.")))
            continue
        labels = _texts(row, "label")
        if not (labels["ka"] or labels["en"]):
            parsed.problems.append(
                Problem("choices", number, _("The choice “%(name)s” has no label.") % {"name": name})
            )
        lists.setdefault(list_name, []).append((str(name), labels["ka"], labels["en"]))
    return lists


def _question(row: dict, kind: str, list_name: str, group: list[str]) -> dict:
    labels, hints = _texts(row, "label"), _texts(row, "hint")
    messages = _texts(row, "constraint_message")
    return {
        "name": row.get("name", ""),
        "group": "/".join(group),
        "type": kind,
        "label_ka": labels["ka"],
        "label_en": labels["en"],
        "hint_ka": hints["ka"],
        "hint_en": hints["en"],
        "required": _yes(row.get("required")),
        "constraint": row.get("constraint", ""),
        "constraint_message_ka": messages["ka"],
        "constraint_message_en": messages["en"],
        "relevant": row.get("relevant", ""),
        "list_name": list_name,
    }


def _read_survey(rows, lists: dict, parsed: Parsed) -> None:
    group: list[str] = []
    earlier: set[str] = set()
    for number, row in enumerate(rows or [], start=2):
        if not row:
            continue
        kind, *rest = (row.get("type") or "").replace("_group", " group").replace("_repeat", " repeat").split()
        list_name = rest[0] if rest else ""
        if kind == "begin" and list_name == "group":
            group.append(row.get("name", ""))
            continue
        if kind == "end" and list_name == "group":
            if not group:
                parsed.problems.append(Problem("survey", number, _("“end group” without a “begin group”.")))
            group = group[:-1]
            continue
        if kind in IGNORED_TYPES:
            continue
        if kind not in SIMPLE_TYPES | CHOICE_TYPES:
            message = _("The question type “%(type)s” is not supported.") % {"type": row.get("type", "")}
            parsed.problems.append(Problem("survey", number, message))
            continue
        if kind in CHOICE_TYPES and list_name not in lists:
            message = _("The choice list “%(list)s” is not on the choices sheet.") % {"list": list_name}
            parsed.problems.append(Problem("survey", number, message))
            continue
        if not re.fullmatch(r"[A-Za-z_][\w-]*", row.get("name", "")):
            parsed.problems.append(Problem("survey", number, _("The question needs a name of letters, digits and _.")))
            continue
        spec = _question(row, kind, list_name if kind in CHOICE_TYPES else "", group)
        spec["choices"] = lists.get(list_name, []) if kind in CHOICE_TYPES else []
        for message in question_problems(spec, spec["choices"], earlier):
            parsed.problems.append(Problem("survey", number, message))
        earlier.add(spec["name"])
        parsed.questions.append(spec)
    if group:
        parsed.problems.append(Problem("survey", None, _("A group is never closed with “end group”.")))


def xlsform_parse(content: bytes) -> Parsed:
    """Every question of the file, and every problem by sheet and row."""
    parsed = Parsed()
    try:
        book = get_xlsform(xlsform=content, file_type=".xlsx")
    except PyXFormError as error:
        parsed.problems.append(
            Problem("", None, _("The file cannot be read as an XLSForm: %(error)s") % {"error": error})
        )
        return parsed
    if not book.survey:
        parsed.problems.append(Problem("survey", None, _("The file has no survey sheet.")))
        return parsed
    parsed.settings = dict((book.settings or [{}])[0])
    _read_survey(book.survey, _read_choices(book.choices, parsed), parsed)
    if not parsed.questions and not parsed.problems:
        parsed.problems.append(Problem("survey", None, _("The survey sheet has no questions.")))
    if not parsed.problems:
        try:  # pyxform's own checks, on a file that passed ours
            convert(xlsform=content, file_type=".xlsx")
        except PyXFormError as error:
            match = _ROW.search(str(error))
            parsed.problems.append(Problem("survey", int(match.group(1)) if match else None, str(error)))
    return parsed


def xlsform_import(*, instrument, content: bytes, acting_user) -> tuple[InstrumentVersion | None, list[dict]]:
    """A new version from an XLSForm file, or no version and the list of problems."""
    _require_manager(acting_user)
    parsed = xlsform_parse(content)
    if parsed.problems:
        return None, [p.as_dict() for p in parsed.problems]
    try:
        version = version_build(
            instrument=instrument,
            questions=parsed.questions,
            acting_user=acting_user,
            source=InstrumentVersion.Source.XLSFORM,
            form_id=str(parsed.settings.get("form_id", ""))[:100],
        )
    except ValidationError as error:
        return None, [{"sheet": "survey", "row": None, "message": m} for m in error.messages]
    return version, []
