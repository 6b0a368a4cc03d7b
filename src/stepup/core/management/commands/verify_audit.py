"""``manage.py verify_audit``: walk the audit trail's hash chain and report the first broken
link, with a non-zero exit status (ADR 0023)."""

from django.core.management.base import BaseCommand, CommandError

from stepup.core.audit import audit_chain_verify


class Command(BaseCommand):
    help = "Check that no audit entry was edited, removed or moved since it was written."

    def handle(self, *args, **options):
        check = audit_chain_verify()
        if not check.intact:
            raise CommandError(f"{check.problem} ({check.entries} entries before it are intact)")
        noun = "entry" if check.entries == 1 else "entries"
        self.stdout.write(f"The audit trail is intact: {check.entries} {noun}")
