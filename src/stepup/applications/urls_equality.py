"""Equality monitoring: the candidate's questionnaire and the national analyst's report."""

from django.urls import path

from stepup.applications import equality_views

urlpatterns = [
    path(
        "applications/<str:reference>/equality/",
        equality_views.equality_questionnaire,
        name="equality",
    ),
    path("equality/", equality_views.equality_report, name="equality-report"),
]
