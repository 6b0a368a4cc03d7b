"""A person's own account pages and emailed links, in the permission walk: anyone signed in
has an account page; links and the forgotten-password page are for anyone."""

import datetime

from django.utils import timezone

from stepup.accounts.models import EmailLink, Organisation, RoleRequest
from stepup.accounts.roles import Role
from stepup.accounts.tokens import new_token
from tests.personas import ADMIN, ANON, CANDIDATE, CANDIDATES, EVERYONE, ONLY_ADMIN

SIGNED_IN = EVERYONE - {ANON}

EXPECTED: dict[str, frozenset[str]] = {
    "accounts:password-forgotten": EVERYONE,
    "accounts:check-email": EVERYONE,
    "accounts:email-link": EVERYONE,
    "accounts:account": SIGNED_IN,
    "accounts:password-change": SIGNED_IN,
    "accounts:email-change": SIGNED_IN,
    # Someone whose address is confirmed is sent on to the home page.
    "accounts:email-confirm-needed": SIGNED_IN,
    # The second step of signing in: without a right password first, back to the start.
    "accounts:sign-in-code": EVERYONE,
    "accounts:sign-in-recovery": EVERYONE,
    "accounts:sign-in-set-up": EVERYONE,
    # Shown once, straight after they are made; otherwise, on to the home page.
    "accounts:recovery-codes": SIGNED_IN,
    "accounts:recovery-codes-new": SIGNED_IN - CANDIDATES,
    "accounts:second-factor-reset": ONLY_ADMIN,
    "accounts:role-request-list": ONLY_ADMIN,
    "accounts:role-request-detail": ONLY_ADMIN,
}
REDIRECT_ON_GET = frozenset(
    {
        "accounts:email-confirm-needed",
        "accounts:sign-in-code",
        "accounts:sign-in-recovery",
        "accounts:sign-in-set-up",
        "accounts:recovery-codes",
    }
)


def extend_world(world) -> None:
    token, digest = new_token()
    EmailLink.objects.create(
        user=world["people"][CANDIDATE],
        purpose=EmailLink.Purpose.RESET_PASSWORD,
        email=world["people"][CANDIDATE].email,
        token_hash=digest,
        expires_at=timezone.now() + datetime.timedelta(hours=2),
    )
    world["per_url"]["accounts:email-link"] = {"token": token}
    national = Organisation.objects.filter(memberships__role=Role.NATIONAL_ADMIN).first()
    role_request = RoleRequest.objects.create(
        email="future.analyst@example.org",
        full_name="Future Analyst",
        organisation=national,
        role=Role.NATIONAL_ANALYST,
        requested_by=world["people"][ADMIN],
    )
    world["per_url"]["accounts:role-request-detail"] = {"pk": role_request.pk}
