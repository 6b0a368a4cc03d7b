"""``manage.py load_demo``: three historic cohorts as published, and one person per role."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stepup.demo.data import DEFAULT_PASSWORD
from stepup.demo.services import demo_load


class Command(BaseCommand):
    help = (
        "Load cohorts 1, 2 and 5 as published, with a demonstration person for each role. "
        "Safe to run again: anything already there is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password for the demonstration people (default: {DEFAULT_PASSWORD}).",
        )

    def handle(self, *args, **options):
        try:
            result = demo_load(password=options["password"])
        except ValidationError as error:
            raise CommandError(
                "The password does not meet the service's rules: " + "; ".join(error.messages)
            ) from error
        if result.changed_anything:
            made = ", ".join(f"{count} {what}" for what, count in result.created.items() if count)
            self.stdout.write(self.style.SUCCESS(f"Loaded the demonstration data: {made}."))
        else:
            self.stdout.write("The demonstration data was already loaded; nothing changed.")
        self._sign_in_table(result.sign_ins)

    def _sign_in_table(self, sign_ins) -> None:
        header = ("Email", "Role", "Organisation", "Password")
        rows = [header, *((s.email, s.role, s.organisation, s.password) for s in sign_ins)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write("")
        self.stdout.write("Sign in at /sign-in/ as:")
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
