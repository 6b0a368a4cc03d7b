"""Pages that belong to no one part of the journey, and the service's own error pages."""

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

from stepup.core.access import PUBLIC, SIGNED_IN, access
from stepup.core.work import work_for

logger = logging.getLogger(__name__)


@access(PUBLIC)
def home(request):
    """Where people land after signing in: the work waiting for them first."""
    return render(request, "core/home.html", {"work": work_for(request.user)})


@access(PUBLIC)
def accessibility(request):
    return render(request, "core/accessibility.html")


class ErrorCheck(RuntimeError):
    """Raised on purpose, so that a deploy can prove visitors see the service's 500 page."""


@access(SIGNED_IN)
def error_check(request):
    """Fails on purpose when ``ERROR_CHECK_PAGE`` is set (the production check sets it);
    otherwise there is no such page."""
    if not settings.ERROR_CHECK_PAGE:
        raise Http404
    raise ErrorCheck("A deliberate error, to check the service's own error page")


def error_page(status: int, template: str):
    """Error pages in the service's own style (Django calls these without our rules)."""

    def view(request, exception=None):
        if not hasattr(request, "user"):
            # Refused before sign-in was read (a bad host name, say): drawn as for anyone.
            request.user = AnonymousUser()
        return render(request, template, status=status)

    view.access_rule = PUBLIC
    return view


bad_request = error_page(400, "core/400.html")
permission_denied = error_page(403, "core/403.html")
page_not_found = error_page(404, "core/404.html")


def server_error(request):
    """The full page when it can be drawn; when the fault is in what every page needs (the
    database behind the menu, say), the same words on a page that needs nothing."""
    try:
        return render(request, "core/500.html", status=500)
    except Exception:
        logger.exception("The 500 page could not be drawn in full; the plain one was sent")
        return HttpResponseServerError(render_to_string("core/500_plain.html"))


server_error.access_rule = PUBLIC
