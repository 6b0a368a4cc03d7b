"""Pages that belong to no one part of the journey."""

from django.shortcuts import render

from stepup.core.access import PUBLIC, access


@access(PUBLIC)
def home(request):
    return render(request, "core/home.html")


@access(PUBLIC)
def accessibility(request):
    return render(request, "core/accessibility.html")


def error_page(status: int, template: str):
    """Error pages in the service's own style (Django calls these without our rules)."""

    def view(request, exception=None):
        return render(request, template, status=status)

    view.access_rule = PUBLIC
    return view


bad_request = error_page(400, "core/400.html")
permission_denied = error_page(403, "core/403.html")
page_not_found = error_page(404, "core/404.html")
server_error = error_page(500, "core/500.html")
