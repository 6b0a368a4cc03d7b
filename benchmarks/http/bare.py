"""The floor: the smallest Django view there is, served by the same gunicorn as the service.

No middleware, no database, no template: what Django and gunicorn cost on this machine in
this run, so each page's figure can be read as a ratio to it.
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-view-for-benchmarks-only",
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["127.0.0.1"],
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", bare)]
application = get_wsgi_application()
