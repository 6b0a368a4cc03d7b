"""``manage.py lifecycle_diagrams [--check]``: write ``docs/lifecycles.md``, the state diagram
of every lifecycle drawn from its table; with ``--check``, write nothing and exit 1 if the
page differs from the tables (ADR 0008)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stepup.core.lifecycle_diagrams import lifecycles_document, stepup_lifecycles


def document_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "lifecycles.md"


class Command(BaseCommand):
    help = "Write docs/lifecycles.md, the state diagrams drawn from the lifecycle tables."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit 1 if docs/lifecycles.md differs from the tables",
        )

    def handle(self, *args, check=False, **options):
        path = document_path()
        document = lifecycles_document(stepup_lifecycles())
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if check:
            if current != document:
                raise CommandError(
                    f"{path.name} does not match the lifecycle tables: run "
                    "manage.py lifecycle_diagrams to write it again",
                    returncode=1,
                )
            self.stdout.write(f"{path.name} matches the lifecycle tables")
            return
        if current == document:
            self.stdout.write(f"{path.name} already matches the lifecycle tables")
            return
        path.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {path}")
