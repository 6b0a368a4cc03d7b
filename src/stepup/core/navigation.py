"""The service navigation: only links a person may follow."""

from django.urls import reverse

from stepup.accounts.roles import Role

_ITEMS = (
    ("Cohorts", "programme:cohort-list", None),
    (
        "Partnerships",
        "partnerships:partnership-list",
        (
            Role.NATIONAL_ADMIN,
            Role.NATIONAL_ANALYST,
            Role.COORDINATOR,
            Role.AUTHORITY_OFFICER,
            Role.UNIVERSITY_TUTOR,
        ),
    ),
    ("Organisations", "accounts:organisation-list", (Role.NATIONAL_ADMIN,)),
    ("People", "accounts:person-list", (Role.NATIONAL_ADMIN,)),
    ("Invite people", "accounts:person-invite", (Role.COORDINATOR,)),
)


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for text, name, needs in _ITEMS:
        if needs and not user.has_role(*needs):
            continue
        href = reverse(name)
        items.append({"text": text, "href": href, "active": request.path.startswith(href)})
    return items
