"""The service navigation: only links a person may follow.

Whether a person may follow a link is asked of the page's own access rule, so the menu can
never offer a page that would refuse them.
"""

from functools import cache

from django.urls import resolve, reverse

from stepup.core.access import Rule, view_rule

_ITEMS = (
    ("Your applications", "applications:home"),
    ("Cohorts", "programme:cohort-list"),
    ("Partnerships", "partnerships:partnership-list"),
    ("Applications", "selection:application-list"),
    ("Progress", "selection:round-progress"),
    ("Eligibility", "selection:eligibility-queue"),
    ("Sift", "selection:sift-queue"),
    ("Assessment centres", "assessment:centre-list"),
    ("Centres across the country", "assessment:national-progress"),
    ("Your scoring", "assessment:scoring-list"),
    ("Places and offers", "offers:home"),
    ("Checks for offers", "offers:conditions"),
    ("Trainees", "trainees:list"),
    ("Early warnings", "trainees:warnings"),
    ("Funding", "funding:home"),
    ("Insights", "insights:home"),
    ("Organisations", "accounts:organisation-list"),
    ("People", "accounts:person-list"),
    ("Invite people", "accounts:person-invite"),
    ("Equality monitoring", "applications:equality-report"),
)


@cache
def _menu() -> tuple[tuple[str, str, Rule | None], ...]:
    """Each item's address and its page's rule: the URLs never change while the service runs,
    so they are worked out once, not on every page."""
    return tuple(
        (text, href, view_rule(resolve(href).func))
        for text, href in ((text, reverse(name)) for text, name in _ITEMS)
    )


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return [
        {"text": text, "href": href, "active": request.path.startswith(href)}
        for text, href, rule in _menu()
        if rule is not None and rule.allows(user)
    ]
