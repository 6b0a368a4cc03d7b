"""``manage.py demo_code EMAIL``: the code a demonstration person's authenticator app would
show now, for those exploring the demo without an app."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from stepup.accounts import second_factor
from stepup.accounts.queries import user_with_email
from stepup.demo.data import demo_app_key


class Command(BaseCommand):
    help = (
        "Print the current sign-in code of a demonstration person (one made by load_demo, "
        "whose app key is still the demonstration's). Refuses anyone else."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The demonstration person's email address.")

    def handle(self, *args, **options):
        person = user_with_email(options["email"])
        device = second_factor.app_device(person) if person is not None else None
        if device is None or device.key != demo_app_key(person.email):
            raise CommandError(
                f"{options['email']} is not a demonstration person with the demonstration's "
                "authenticator key. This command gives codes for the demo only",
                returncode=2,
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
