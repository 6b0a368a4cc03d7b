"""What the centre pages share: who runs the days, finding one of theirs, and a button's
refusal shown as a message."""

import datetime

from django.shortcuts import get_object_or_404, redirect

from stepup.accounts.roles import Role
from stepup.assessment import queries
from stepup.core.access import roles
from stepup.core.form_flow import act

RUNNERS = roles(Role.NATIONAL_ADMIN, Role.CONTRACTOR, Role.COORDINATOR)
CLOSES_AT = datetime.time(17)
# The ranking page's code for a cohort's national centres, where a partnership's code goes.
NATIONAL_CODE = "national"


def runnable_centre(request, pk: int):
    return get_object_or_404(queries.centres_runnable_by(request.user), pk=pk)


def centre_button_to(request, pk: int, service, success: str, page: str):
    """A button on one of the day's pages: its service on a POST, then back to ``page``."""
    centre = runnable_centre(request, pk)
    if request.method == "POST":
        act(request, lambda: service(actor=request.user, centre=centre), success)
    return redirect(page, pk=pk)


def centre_button(request, pk: int, service, success: str):
    return centre_button_to(request, pk, service, success, "assessment:centre-detail")
