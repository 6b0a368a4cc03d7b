from django.contrib import admin
from django.urls import include, path

from stepup.core import views as core_views
from stepup.core.admin import support_site_tidy

admin.site.site_header = "Step Up support"
admin.site.site_title = "Step Up support"
support_site_tidy()

urlpatterns = [
    path("", include("stepup.core.urls")),
    path("", include("stepup.accounts.urls")),
    path("cohorts/", include("stepup.programme.urls")),
    path("partnerships/", include("stepup.partnerships.urls")),
    path("", include("stepup.candidates.urls")),
    path("selection/", include("stepup.selection.urls")),
    path("assessment-centres/", include("stepup.assessment.urls")),
    path("offers/", include("stepup.offers.urls")),
    path("funding/", include("stepup.funding.urls")),
    path("trainees/", include("stepup.trainees.urls")),
    path("insights/", include("stepup.insights.urls")),
    path("", include("stepup.privacy.urls")),
    path("support/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
