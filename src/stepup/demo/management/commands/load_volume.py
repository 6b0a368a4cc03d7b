"""``manage.py load_volume``: fill a scratch database with applications, for measuring."""

import time

from django.core.management.base import BaseCommand, CommandError

from stepup.demo.volume import VolumeRefused, volume_load

DEFAULT_PASSWORD = "volume-measure-2026"


class Command(BaseCommand):
    help = (
        "Fill a scratch database with N applications across M partnerships, at every stage, "
        "for benchmarks. Refuses a database holding applications it did not make."
    )

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, required=True, metavar="N")
        parser.add_argument("--partnerships", type=int, default=8, metavar="M")
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if options["applications"] < 1 or options["partnerships"] < 1:
            raise CommandError("Give at least one application and one partnership.")
        started = time.perf_counter()
        try:
            result = volume_load(
                applications=options["applications"],
                partnerships=options["partnerships"],
                password=options["password"],
                seed=options["seed"],
            )
        except VolumeRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        seconds = time.perf_counter() - started
        made = ", ".join(f"{count} {what}" for what, count in sorted(result.made.items()))
        self.stdout.write(self.style.SUCCESS(f"Made in {seconds:.1f} s: {made}."))
        self.stdout.write(f"Sign in with the password {options['password']} as:")
        for email, sees in result.sign_ins:
            self.stdout.write(f"  {email:<32} {sees}")
