"""One row per candidate of a cohort, anonymised, for researchers (docs/equality-report.md).

    python manage.py export_anonymised --cohort N FILE.csv

A random reference, the furthest stage reached, the age band instead of the date of birth,
and each equality answer as a code; no names, references or free text. ``equality_report
--input FILE.csv --json`` runs the service's analysis on it.
"""

from django.core.management.base import BaseCommand, CommandError

from stepup.core.audit import audit_record
from stepup.core.exports import csv_dict_writer
from stepup.core.models import AuditEntry
from stepup.insights.fairness import RESEARCH_COLUMNS, anonymised_rows
from stepup.programme.models import Cohort


class Command(BaseCommand):
    help = "Write an anonymised file of a cohort's candidates: stage reached and answers."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, required=True, help="The cohort's number")
        parser.add_argument("file", help="The CSV file to write")

    def handle(self, *args, **options):
        cohort = Cohort.objects.filter(number=options["cohort"]).first()
        if cohort is None:
            raise CommandError(f"There is no cohort {options['cohort']}: check its number")
        rows = anonymised_rows(cohort=cohort)
        with open(options["file"], "w", newline="", encoding="utf-8") as handle:
            writer = csv_dict_writer(handle, fieldnames=RESEARCH_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        audit_record(
            actor=None,
            record=cohort,
            action=AuditEntry.Action.VIEWED,
            summary=f"Exported an anonymised file of cohort {cohort.number}'s candidates",
            event="fairness_report.exported",
            values={"cohort": cohort.number, "rows": len(rows)},
        )
        self.stdout.write(f"Wrote {len(rows)} candidates of cohort {cohort.number}.")
