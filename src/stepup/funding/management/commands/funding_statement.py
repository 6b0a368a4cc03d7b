"""``manage.py funding_statement --cohort N --partnership CODE [--json]``: a partnership's
grant, instalments, ledger totals, balances and returns, as the statement page shows them;
amounts in pence as integers, with pounds to read."""

import json

from django.core.management.base import BaseCommand, CommandError

from stepup.funding.queries import statement_json, statement_of
from stepup.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Print a partnership's funding statement."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, required=True, help="The cohort's number")
        parser.add_argument("--partnership", required=True, help="The partnership's code")
        parser.add_argument("--json", action="store_true", help="Print it as JSON")

    def handle(self, *args, **options):
        partnership = (
            Partnership.objects.filter(
                cohort__number=options["cohort"], code=options["partnership"].upper()
            )
            .select_related("cohort", "lead_authority")
            .first()
        )
        if partnership is None:
            raise CommandError(
                f"Cohort {options['cohort']} has no partnership {options['partnership']}"
            )
        data = statement_json(statement_of(partnership))
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        grant = data["grant"]
        self.stdout.write(
            f"{partnership.name}, cohort {data['cohort']}: planned grant "
            f"{grant['planned']['pounds']} for {grant['planned_trainees']} trainees"
        )
        for line in grant["lines"]:
            self.stdout.write(f"  {line['label']}: {line['planned']['pounds']} ({line['working']})")
        if grant["actual"]:
            self.stdout.write(
                f"Actual grant {grant['actual']['pounds']} for {grant['actual_trainees']} trainees"
            )
        self.stdout.write(f"Received {data['received']['pounds']}")
        self.stdout.write(f"Balance {data['balance']['pounds']}")
