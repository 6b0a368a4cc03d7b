from django.urls import path

from stepup.insights import views

app_name = "insights"

COHORT = "cohorts/<int:number>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(COHORT + "funnel/", views.funnel, name="funnel"),
    path(COHORT + "funnel.csv", views.funnel, {"kind": "csv"}, name="funnel-csv"),
    path(COHORT + "funnel.xlsx", views.funnel, {"kind": "xlsx"}, name="funnel-xlsx"),
    path(COHORT + "fairness/", views.fairness, name="fairness"),
    path(COHORT + "fairness.csv", views.fairness, {"kind": "csv"}, name="fairness-csv"),
    path(COHORT + "fairness.xlsx", views.fairness, {"kind": "xlsx"}, name="fairness-xlsx"),
    path(COHORT + "outcomes/", views.outcomes, name="outcomes"),
    path(COHORT + "outcomes.csv", views.outcomes, {"kind": "csv"}, name="outcomes-csv"),
    path(COHORT + "outcomes.xlsx", views.outcomes, {"kind": "xlsx"}, name="outcomes-xlsx"),
]
