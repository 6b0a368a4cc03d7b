"""``manage.py apply_retention [--dry-run]``: erase what the retention schedule says is due."""

from django.core.management.base import BaseCommand

from stepup.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Erase personal data the retention schedule (docs/data-retention.md) says is due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be erased; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        for line in retention_apply(dry_run=dry_run).lines():
            self.stdout.write(line)
