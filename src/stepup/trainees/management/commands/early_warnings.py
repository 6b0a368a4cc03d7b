"""``manage.py early_warnings``: warn of every hand-in date passed without the trainee's
work. Run it daily (README, "Deploying"); the other warnings are raised the moment their
cause is recorded."""

from django.core.management.base import BaseCommand

from stepup.trainees.services import warnings_raise_missed


class Command(BaseCommand):
    help = "Raise early warnings for missed hand-ins."

    def handle(self, *args, **options):
        raised = warnings_raise_missed()
        self.stdout.write(f"{raised} {'warning' if raised == 1 else 'warnings'} raised")
