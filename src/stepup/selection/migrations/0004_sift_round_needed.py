"""Fill ``Application.sift_round_needed`` for applications already waiting in the sift."""

from django.db import migrations


def _round_needed(application, totals: list[int]) -> str:
    """As ``selection.services.sift._round_needed`` worked it out when this migration was made."""
    rules = application.rules
    if not totals:
        return "first"
    if not rules.double_sift:
        return ""
    if len(totals) == 1:
        return "second"
    if len(totals) == 2 and abs(totals[0] - totals[1]) > rules.sift_tolerance:
        return "moderation"
    return ""


def fill(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    SiftMark = apps.get_model("selection", "SiftMark")
    waiting = Application.objects.filter(status="eligible").select_related("rules")
    for application in waiting.iterator():
        totals = list(
            SiftMark.objects.filter(application=application)
            .order_by("submitted_at", "id")
            .values_list("total", flat=True)
        )
        application.sift_round_needed = _round_needed(application, totals)
        application.save(update_fields=["sift_round_needed"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_sift_round_needed_and_queue_indexes"),
        ("selection", "0003_sift"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
