"""Fairness by stage from an anonymised file (``export_anonymised`` writes one).

    python manage.py equality_report --input FILE.csv --json

docs/equality-report.md describes the file and the report.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from stepup.insights.offline import FileProblem, analyse, read_counts, report_json
from stepup.insights.stages import STAGE_LABELS


class Command(BaseCommand):
    help = "Fairness by stage (chi-square or Fisher, Cramér's V, impact ratios) from a file."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="The anonymised CSV file")
        parser.add_argument("--json", action="store_true", help="Write the report as JSON")

    def handle(self, *args, **options):
        try:
            counts = read_counts(options["input"])
        except FileNotFoundError:
            raise CommandError(f"There is no file {options['input']}: check the path") from None
        except UnicodeDecodeError:
            raise CommandError("The file is not UTF-8 text: save it as CSV UTF-8") from None
        except FileProblem as problem:
            raise CommandError("Nothing was analysed:\n" + str(problem)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report_json(counts), indent=2, allow_nan=False))
            return
        for name, by_group in counts.characteristics.items():
            analysis = analyse(by_group)
            result = analysis.overall
            self.stdout.write(f"{name}: reaching {STAGE_LABELS['accepted'].lower()}")
            if result.tested:
                self.stdout.write(
                    f"  {result.test}, statistic {result.statistic:.2f}, "
                    f"{result.dof} degree(s) of freedom, p = {result.p_value:.3f}, "
                    f"Cramér's V {result.cramers_v:.3f}"
                )
            else:
                self.stdout.write("  cannot be tested: fewer than two groups, or all alike")
            for group in analysis.flagged:
                ratio = analysis.impact_ratios[group]
                self.stdout.write(f"  {group}: {ratio:.2f} of the highest rate, under 4/5")
