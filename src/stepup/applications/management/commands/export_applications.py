"""``manage.py export_applications --cohort N --by EMAIL``: the cohort's applications, as
CSV; the audit trail records who took them."""

import sys

from django.core.management.base import BaseCommand, CommandError

from stepup.accounts.commands import add_by_argument, person_running
from stepup.applications.transfer import applications_export
from stepup.programme.models import Cohort


class Command(BaseCommand):
    help = (
        "Export a cohort's submitted applications as CSV, in the format the import reads "
        "(docs/import-format.md). Equality monitoring answers are never exported."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, required=True, help="The cohort's number.")
        parser.add_argument("--output", help="The file to write (default: standard output).")
        add_by_argument(parser)

    def handle(self, *args, **options):
        person = person_running(options["by"])
        cohort = Cohort.objects.filter(number=options["cohort"]).first()
        if cohort is None:
            raise CommandError(f"There is no cohort {options['cohort']}")
        if not options["output"]:
            count = applications_export(
                cohort=cohort, out=self.stdout._out or sys.stdout, actor=person
            )
            self.stderr.write(f"Exported {count} applications from cohort {cohort.number}")
            return
        try:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                count = applications_export(cohort=cohort, out=out, actor=person)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {count} applications from cohort {cohort.number} to {options['output']}"
            )
        )
