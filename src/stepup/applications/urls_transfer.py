"""Applications out of the service, as CSV, for the national team and the contractor."""

from django.urls import path

from stepup.applications import transfer_views

urlpatterns = [
    path(
        "cohorts/<int:number>/applications.csv",
        transfer_views.applications_download,
        name="applications-download",
    ),
]
