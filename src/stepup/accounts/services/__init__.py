"""Changes to organisations, people, their roles, invitations and candidates' accounts.

Each function checks everything before it writes, writes in one transaction and records one
audit entry. Errors are ``ValidationError``s keyed by the form field a person would correct.
One module a subdomain; callers import the package, as ``from stepup.accounts import services``.
"""

from stepup.accounts.services._shared import INVALID_EMAIL
from stepup.accounts.services.candidates import (
    ACCOUNT_EXISTS,
    candidate_account_add,
    candidate_account_claim,
    candidate_account_create,
    candidate_account_errors,
)
from stepup.accounts.services.email_links import (
    email_change_confirm,
    email_change_request,
    email_confirm,
    email_confirm_with_password,
    email_link_find,
    email_link_send,
    password_change,
    password_reset,
)
from stepup.accounts.services.invitations import invitation_accept
from stepup.accounts.services.people import (
    organisation_create,
    person_create,
    person_deactivate,
    person_invite,
    person_reactivate,
)
from stepup.accounts.services.requested_emails import password_reset_request
from stepup.accounts.services.roles import (
    membership_add,
    membership_remove,
    role_request_decide,
)

__all__ = [
    "ACCOUNT_EXISTS",
    "INVALID_EMAIL",
    "candidate_account_add",
    "candidate_account_claim",
    "candidate_account_create",
    "candidate_account_errors",
    "email_change_confirm",
    "email_change_request",
    "email_confirm",
    "email_confirm_with_password",
    "email_link_find",
    "email_link_send",
    "invitation_accept",
    "membership_add",
    "membership_remove",
    "organisation_create",
    "password_change",
    "password_reset",
    "password_reset_request",
    "person_create",
    "person_deactivate",
    "person_invite",
    "person_reactivate",
    "role_request_decide",
]
