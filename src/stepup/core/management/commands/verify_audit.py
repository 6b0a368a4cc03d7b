"""``manage.py verify_audit [--expect ID:HASH]``: walk the audit trail's hash chain and report
the first broken link, with a non-zero exit status (ADR 0023)."""

import re

from django.core.management.base import BaseCommand, CommandError

from stepup.core.audit import audit_chain_verify

EXPECT = re.compile(r"^(\d+):([0-9a-f]{64})$")


class Command(BaseCommand):
    help = "Check that no audit entry was edited, removed or moved since it was written."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect",
            metavar="ID:HASH",
            help="An entry and its hash printed by an earlier run: it must still be there, "
            "unchanged (which shows no entries were removed from the end since)",
        )

    def handle(self, *args, expect=None, **options):
        expected = None
        if expect:
            found = EXPECT.match(expect.strip())
            if not found:
                raise CommandError(
                    "Give --expect as an entry's number and its 64-character hash, as an "
                    "earlier run printed them, like 1234:9f86d0…"
                )
            expected = (int(found[1]), found[2])
        check = audit_chain_verify(expect=expected)
        if not check.intact:
            raise CommandError(f"{check.problem} ({check.entries} entries before it are intact)")
        noun = "entry" if check.entries == 1 else "entries"
        self.stdout.write(f"The audit trail is intact: {check.entries} {noun}")
        if check.newest_id is not None:
            self.stdout.write(
                f"The newest is entry {check.newest_id}: keep this and check later runs "
                f"with --expect {check.newest_id}:{check.newest_hash}"
            )
