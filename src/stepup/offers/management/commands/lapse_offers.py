"""``manage.py lapse_offers``: every offer not answered by its deadline is treated as
declined, and its place goes to the next reserve. Run it just after midnight each day
(README, "Deploying"); the candidate's own offer page also lapses theirs when they look."""

from django.core.management.base import BaseCommand

from stepup.offers.services import offers_lapse_due


class Command(BaseCommand):
    help = "Lapse offers not answered by their deadline, and offer their places to reserves."

    def handle(self, *args, **options):
        lapsed = offers_lapse_due()
        self.stdout.write(f"{lapsed} {'offer' if lapsed == 1 else 'offers'} lapsed")
