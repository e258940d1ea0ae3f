"""Names stored before input was cleaned: drop bidi controls and zero-width spaces
(accounts/text.py) from people, departments and teams. A department or team whose
cleaned name would equal another's in the same place keeps its name (and shows up in
the admin for a person to merge), rather than failing the migration."""

import re

from django.db import migrations

INVISIBLE_CONTROLS = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
PATTERN = "[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"


def clean(value):
    return INVISIBLE_CONTROLS.sub("", value).strip()


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for person in User.objects.filter(first_name__regex=PATTERN) | User.objects.filter(
        last_name__regex=PATTERN
    ):
        person.first_name, person.last_name = clean(person.first_name), clean(person.last_name)
        person.save(update_fields=["first_name", "last_name"])
    for model, siblings in (("Department", ("organisation_id",)), ("Team", ("organisation_id", "department_id"))):
        Model = apps.get_model("accounts", model)
        for row in Model.objects.filter(name__regex=PATTERN):
            name = clean(row.name)
            same_place = {field: getattr(row, field) for field in siblings}
            if not Model.objects.filter(name=name, **same_place).exclude(pk=row.pk).exists():
                row.name = name
                row.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_answers_shared_with")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
