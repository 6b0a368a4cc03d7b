"""The reasons a negative decision can give, as the national team starts with them.

The codes of the eligibility reasons are named by ``selection.services.RULE_REASON_CODES``:
an automatic "not eligible" decision carries the reason for each rule the application failed.
"""

from django.db import migrations

ELIGIBILITY = [
    ("degree-class-below-minimum", "Your degree class is below the minimum the programme needs"),
    ("degree-in-social-work", "You already have a degree in social work"),
    ("gcse-english-below-minimum", "Your GCSE English grade is below the minimum"),
    ("gcse-maths-below-minimum", "Your GCSE Maths grade is below the minimum"),
    (
        "no-relevant-experience",
        "You have not told us about experience with children, young people or families",
    ),
    ("no-right-to-work", "You do not have the right to study and work in the UK"),
    ("qualification-not-verified", "We could not verify a qualification you told us about"),
    ("other", "Another reason, explained in the detail"),
]

SIFT = [
    ("child-centred", "Your answers show little evidence of a child-centred approach"),
    ("values", "Your answers show little evidence of the values social work needs"),
    ("written-communication", "Your answers show little evidence of clear written communication"),
    (
        "self-awareness-motivation",
        "Your answers show little evidence of self-awareness and motivation",
    ),
    ("relationships", "Your answers show little evidence of building relationships"),
    ("answers-off-question", "Your answers do not address the questions asked"),
    ("other", "Another reason, explained in the detail"),
]


def seed(apps, schema_editor):
    DecisionReason = apps.get_model("selection", "DecisionReason")
    for stage, rows in (("eligibility", ELIGIBILITY), ("sift", SIFT)):
        for position, (code, text) in enumerate(rows):
            DecisionReason.objects.get_or_create(
                stage=stage, code=code, defaults={"text": text, "position": position}
            )


def unseed(apps, schema_editor):
    """Leave the reasons: decisions may already point at them."""


class Migration(migrations.Migration):
    dependencies = [("selection", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
