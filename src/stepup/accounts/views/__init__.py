"""The accounts app's pages, one module a part; the URLs import the package."""

from stepup.accounts.views.account import (
    account,
    check_email,
    email_change,
    email_confirm_needed,
    email_link,
    password_change,
    password_forgotten,
)
from stepup.accounts.views.people import (
    invitation_accept,
    organisation_create,
    organisation_detail,
    organisation_list,
    person_deactivate,
    person_detail,
    person_invite,
    person_list,
    person_reactivate,
    person_role_add,
    person_role_remove,
)
from stepup.accounts.views.role_requests import role_request_detail, role_request_list
from stepup.accounts.views.second_factor_pages import (
    recovery_codes_new,
    second_factor_reset,
)
from stepup.accounts.views.signing_in import (
    recovery_codes,
    sign_in,
    sign_in_code,
    sign_in_recovery,
    sign_in_set_up,
    sign_out,
)

__all__ = [
    "account",
    "check_email",
    "email_change",
    "email_confirm_needed",
    "email_link",
    "invitation_accept",
    "organisation_create",
    "organisation_detail",
    "organisation_list",
    "password_change",
    "password_forgotten",
    "person_deactivate",
    "person_detail",
    "person_invite",
    "person_list",
    "person_reactivate",
    "person_role_add",
    "person_role_remove",
    "recovery_codes",
    "recovery_codes_new",
    "role_request_detail",
    "role_request_list",
    "second_factor_reset",
    "sign_in",
    "sign_in_code",
    "sign_in_recovery",
    "sign_in_set_up",
    "sign_out",
]
