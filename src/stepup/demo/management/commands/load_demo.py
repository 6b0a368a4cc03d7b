"""``manage.py load_demo``: three historic cohorts as published, one person per role, and a
demonstration round in flight."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stepup.accounts.passwords import password_problems
from stepup.demo.data import DEFAULT_PASSWORD
from stepup.demo.round import CANDIDATES
from stepup.demo.services import demo_load


class Command(BaseCommand):
    help = (
        "Load cohorts 1, 2 and 5 as published, a demonstration person for each role, and "
        "cohort 6, recruiting now, with fictitious candidates at every stage. "
        "Safe to run again: anything already there is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password for the demonstration people (default: {DEFAULT_PASSWORD}).",
        )
        parser.add_argument(
            "--round-candidates",
            type=int,
            default=CANDIDATES,
            help=f"Fictitious candidates in the demonstration round (default: {CANDIDATES}).",
        )

    def handle(self, *args, **options):
        if options["round_candidates"] < 0:
            raise CommandError("--round-candidates must be 0 or more")
        problems = password_problems(options["password"], user=None)
        if problems:
            raise CommandError(
                "The password does not meet the service's rules: " + "; ".join(problems)
            )
        try:
            result = demo_load(
                password=options["password"], round_candidates=options["round_candidates"]
            )
        except ValidationError as error:
            # A fault in the demonstration data itself: the service refused one of its steps.
            raise CommandError(
                "The demonstration data could not be loaded: " + "; ".join(error.messages)
            ) from error
        if result.changed_anything:
            made = ", ".join(f"{count} {what}" for what, count in result.created.items() if count)
            self.stdout.write(self.style.SUCCESS(f"Loaded the demonstration data: {made}."))
        else:
            self.stdout.write("The demonstration data was already loaded; nothing changed.")
        self._sign_in_table(result.sign_ins)

    def _sign_in_table(self, sign_ins) -> None:
        header = ("Email", "Role", "Organisation", "Password", "Authenticator app key")
        rows = [
            header,
            *((s.email, s.role, s.organisation, s.password, s.app_key) for s in sign_ins),
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write("")
        self.stdout.write(
            "Sign in at /sign-in/ as one of these. Staff then give a code from an "
            "authenticator app: add the key shown to one, or run "
            "`python manage.py demo_code EMAIL` for the code now."
        )
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
