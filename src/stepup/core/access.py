"""Deny by default: every view states who may use it, and a middleware refuses any that does not.

A view is wrapped with ``@access(rule)``. A rule answers for the *kind* of person; which
records they may see is a matter for the queries in each app (``*_visible_to``), which
give "not found" for anything outside the person's organisations.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Rule:
    """Who may use a view. ``roles`` empty with ``public`` means anyone, signed in or not."""

    description: str
    public: bool = False
    roles: frozenset[str] = frozenset()
    any_signed_in: bool = False
    candidate: bool = False

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated or not user.is_active:
            return False
        if self.any_signed_in:
            return True
        if self.candidate and not user.role_set:
            return True
        return user.has_role(*self.roles)


PUBLIC = Rule("Anyone", public=True)
SIGNED_IN = Rule("Anyone signed in", any_signed_in=True)
# Candidates are people with an account and no staff role: staff never use candidate pages,
# so nothing a candidate sees of their own application can leak into a decision maker's view.
CANDIDATE = Rule("Candidates", candidate=True)


def roles(*names: str, description: str = "") -> Rule:
    """``names`` are ``accounts.roles.Role`` members; core sits below accounts, so it reads
    their labels rather than importing the list."""
    labels = ", ".join(getattr(name, "label", str(name)) for name in names)
    return Rule(description or labels, roles=frozenset(names))


def access(rule: Rule) -> Callable:
    """Declare who may use a view; anonymous people are sent to sign in, others refused."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule.allows(request.user):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(f"This page is for: {rule.description}.")
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorator


# Views that Django and its admin provide, which guard themselves.
_SELF_GUARDED_MODULES = (
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "django.views.static",
)


def view_rule(view_func) -> Rule | None:
    rule = getattr(view_func, "access_rule", None)
    if rule is None and hasattr(view_func, "view_class"):
        rule = getattr(view_func.view_class, "access_rule", None)
    return rule


def is_self_guarded(view_func) -> bool:
    module = getattr(view_func, "__module__", "") or ""
    return module.startswith(_SELF_GUARDED_MODULES)


class AccessRuleMiddleware:
    """Refuses any view of ours that has not declared an access rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_rule(view_func) is None and not is_self_guarded(view_func):
            raise PermissionDenied("This page has not declared who may use it.")
        return None
