"""Versions made before the mapping existed disaggregated by questions named sex, age and returnee:
record that as their mapping, and recompute every response's profile through it."""

from django.db import migrations

AGE_GROUPS = [(0, 17, "0-17"), (18, 29, "18-29"), (30, 44, "30-44"), (45, 59, "45-59"), (60, 200, "60+")]


def _age_group(age) -> str:
    try:
        age = int(age)
    except (TypeError, ValueError):
        return ""
    return next((label for low, high, label in AGE_GROUPS if low <= age <= high), "")


def forwards(apps, schema_editor):
    Version = apps.get_model("surveys", "InstrumentVersion")
    Response = apps.get_model("surveys", "Response")
    for version in Version.objects.all():
        questions = {q.name: q for q in version.questions.all()}
        sex, age, returnee = questions.get("sex"), questions.get("age"), questions.get("returnee")
        if sex is not None and {"female", "male"} <= set(sex.choices.values_list("value", flat=True)):
            version.sex_question, version.sex_female, version.sex_male = sex, "female", "male"
        if age is not None and age.type in ("integer", "decimal"):
            version.age_question = age
        if returnee is not None and returnee.choices.filter(value="yes").exists():
            version.returnee_question, version.returnee_yes = returnee, "yes"
        municipality = questions.get("municipality")
        if municipality is not None and municipality.type in ("select_one", "text"):
            version.municipality_question = municipality
        version.save()
        changed = []
        for response in Response.objects.filter(round__version=version).only("pk", "answers"):
            answers = response.answers or {}
            value = answers.get("sex") if version.sex_question_id else None
            response.sex = {"female": "female", "male": "male"}.get(value, "other") if value not in (None, "") else ""
            response.age_group = _age_group(answers.get("age")) if version.age_question_id else ""
            value = answers.get("returnee") if version.returnee_question_id else None
            response.is_returnee = None if value in (None, "") else value == "yes"
            changed.append(response)
        Response.objects.bulk_update(changed, ["sex", "age_group", "is_returnee"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_profile_mapping_and_import_options")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
