"""The candidate's side of the service, and the equality monitoring that sits apart from it."""

from django.urls import include, path

app_name = "applications"

urlpatterns = [
    path("", include("stepup.applications.urls_public")),
    path("", include("stepup.applications.urls_candidate")),
    path("", include("stepup.applications.urls_equality")),
    path("", include("stepup.applications.urls_transfer")),
]
