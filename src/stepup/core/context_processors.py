from django.conf import settings

from stepup.core.navigation import navigation_for


def service(request):
    """What every page needs: the service name and the navigation the user may use."""
    return {
        "service_name": "Step Up to Social Work",
        "navigation": navigation_for(request),
        "debug": settings.DEBUG,
    }
