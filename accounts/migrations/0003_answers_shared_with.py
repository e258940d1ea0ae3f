"""The consent says who: "with HR" (the old yes) stays HR only; managers lose the access
the old page never asked about."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(share_answers_with_hr=True).update(answers_shared_with="hr")


def backwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.exclude(answers_shared_with="nobody").update(share_answers_with_hr=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_updated_at")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="answers_shared_with",
            field=models.CharField(
                choices=[
                    ("nobody", "Nobody: my written answers stay private"),
                    ("hr", "HR of my organisation"),
                    ("hr_and_manager", "HR and my manager"),
                ],
                default="nobody",
                help_text="Who the learner allows to read their free-text answers.",
                max_length=16,
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="user", name="share_answers_with_hr"),
    ]
