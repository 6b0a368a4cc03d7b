"""Partnerships: their members and places, universities, contract model, memorandum, board."""

from django.shortcuts import render

from stepup.accounts.roles import Role
from stepup.core.access import access, roles
from stepup.partnerships.queries import partnerships_visible_to, with_place_totals

SEES_PARTNERSHIPS = roles(
    Role.NATIONAL_ADMIN,
    Role.NATIONAL_ANALYST,
    Role.COORDINATOR,
    Role.AUTHORITY_OFFICER,
    Role.UNIVERSITY_TUTOR,
)


@access(SEES_PARTNERSHIPS)
def partnership_list(request):
    partnerships = with_place_totals(partnerships_visible_to(request.user)).order_by(
        "-cohort__number", "name"
    )
    return render(request, "partnerships/partnership_list.html", {"partnerships": partnerships})
