"""``manage.py import_applications FILE.csv --cohort N --by EMAIL``: applications collected
elsewhere, imported in the name of the person running it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stepup.accounts.commands import add_by_argument, person_running
from stepup.programme.models import Cohort
from stepup.selection.intake import applications_import


class Command(BaseCommand):
    help = (
        "Import applications from a CSV file in the format of docs/import-format.md. Every row "
        "is checked first; if any has a problem nothing is imported, unless --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8, with a header row).")
        parser.add_argument("--cohort", type=int, required=True, help="The cohort's number.")
        add_by_argument(parser)
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the rows without problems and list the ones skipped.",
        )

    def handle(self, *args, **options):
        person = person_running(options["by"])
        path = Path(options["file"])
        cohort = Cohort.objects.filter(number=options["cohort"]).first()
        if cohort is None:
            raise CommandError(f"There is no cohort {options['cohort']}")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        result = applications_import(
            cohort=cohort,
            file_name=path.name,
            content=content,
            actor=person,
            skip_invalid=options["skip_invalid"],
        )
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.problems and not result.imported and not result.skipped_lines:
            raise CommandError(
                f"Nothing was imported: {len(result.problems)} "
                f"problem{'s' if len(result.problems) != 1 else ''} in {path.name}"
            )
        if result.skipped_lines:
            lines = ", ".join(str(line) for line in result.skipped_lines)
            self.stderr.write(f"Skipped {len(result.skipped_lines)} rows, on lines {lines}")
        count = len(result.imported)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {count} application{'s' if count != 1 else ''} to cohort "
                f"{cohort.number} from {path.name}"
            )
        )
