"""The candidate's side of the service, with equality monitoring and the CSV download.

The pages keep the ``applications`` namespace (``applications:home`` and so on): they are
about applications, and live here only because they show every stage's outcome
(docs/adr/0007-layers.md). Equality monitoring and the download are the applications app's
own pages, included here so that the namespace has one owner.
"""

from django.urls import include, path

app_name = "applications"

urlpatterns = [
    path("", include("stepup.candidates.urls_public")),
    path("", include("stepup.candidates.urls_candidate")),
    path("", include("stepup.applications.urls_equality")),
    path("", include("stepup.applications.urls_transfer")),
]
