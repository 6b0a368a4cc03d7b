from django.db import migrations, models


def notes_out_of_reach(apps, schema_editor):
    """A person's note on an "eligible" decision was for staff ("say why"), yet the candidate's
    page showed it: it moves to the staff note. On "not eligible" the form
    said the candidate reads it, so it stays what the candidate is told."""
    decisions = apps.get_model("selection", "EligibilityDecision").objects
    for decision in decisions.filter(eligible=True, decided_by__isnull=False).exclude(detail=""):
        decision.staff_note, decision.detail = decision.detail, ""
        decision.save(update_fields=["staff_note", "detail"])


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0004_sift_round_needed"),
    ]

    operations = [
        migrations.AddField(
            model_name="eligibilitydecision",
            name="staff_note",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(notes_out_of_reach, migrations.RunPython.noop),
    ]
