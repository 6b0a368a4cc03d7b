"""What management commands share: the ``--by EMAIL`` every command that changes or takes
candidates' personal data must be run with, so that the audit trail names a person."""

from django.core.management.base import CommandError

from stepup.accounts.queries import person_acting
from stepup.accounts.roles import Role

# Those who run recruitment for the whole programme.
RECRUITMENT_STAFF = (Role.NATIONAL_ADMIN, Role.CONTRACTOR)


def add_by_argument(parser) -> None:
    parser.add_argument(
        "--by",
        required=True,
        metavar="EMAIL",
        help="The email address of the national admin or contractor running this; the audit "
        "trail names them.",
    )


def person_running(email: str, *, roles: tuple[str, ...] = RECRUITMENT_STAFF):
    person = person_acting(email, roles=roles)
    if person is None:
        raise CommandError(
            f"--by {email}: there is no active national admin or contractor with this email "
            "address. Give your own address, as you sign in with it",
            returncode=2,
        )
    return person
