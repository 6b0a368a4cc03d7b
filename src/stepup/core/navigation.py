"""The service navigation: only links a person may follow.

Whether a person may follow a link is asked of the page's own access rule, so the menu can
never offer a page that would refuse them.
"""

from django.urls import resolve, reverse

from stepup.core.access import view_rule

_ITEMS = (
    ("Your applications", "applications:home"),
    ("Cohorts", "programme:cohort-list"),
    ("Partnerships", "partnerships:partnership-list"),
    ("Eligibility", "selection:eligibility-queue"),
    ("Sift", "selection:sift-queue"),
    ("Organisations", "accounts:organisation-list"),
    ("People", "accounts:person-list"),
    ("Invite people", "accounts:person-invite"),
    ("Equality monitoring", "applications:equality-report"),
)


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for text, name in _ITEMS:
        href = reverse(name)
        rule = view_rule(resolve(href).func)
        if rule is None or not rule.allows(user):
            continue
        items.append({"text": text, "href": href, "active": request.path.startswith(href)})
    return items
