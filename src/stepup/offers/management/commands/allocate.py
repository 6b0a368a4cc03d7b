"""``manage.py allocate --input INSTANCE.json [--json]``: the allocation run on a file, for
planning ("what if East had five more places?"). Reads nothing from the database. The format
is in docs/allocation-input.md; a file that breaks it exits with status 2 and says why."""

import json
import sys

from django.core.management.base import BaseCommand

from stepup.offers.matching import InstanceError, allocate, instance_from

INVALID = 2


class Command(BaseCommand):
    help = "Allocate candidates to programmes' places from a JSON file, without the database."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="The instance, a JSON file")
        parser.add_argument(
            "--json", action="store_true", help="Print the result as JSON, not as a summary"
        )

    def handle(self, *args, **options):
        try:
            with open(options["input"], encoding="utf-8") as source:
                data = json.load(source)
            instance = instance_from(data)
        except FileNotFoundError:
            self._refuse(f"There is no file {options['input']}")
        except json.JSONDecodeError as error:
            self._refuse(f"The file is not JSON: {error}")
        except InstanceError as error:
            self._refuse(str(error))
        result = allocate(instance)
        if options["json"]:
            self.stdout.write(
                json.dumps({"assignments": result.assignments, "unfilled": result.unfilled})
            )
            return
        placed = sum(1 for code in result.assignments.values() if code is not None)
        self.stdout.write(
            f"{placed} of {len(result.assignments)} candidates placed; "
            f"{sum(result.unfilled.values())} places unfilled."
        )

    def _refuse(self, message: str):
        self.stderr.write(f"Cannot allocate: {message}")
        sys.exit(INVALID)
