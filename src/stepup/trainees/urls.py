from django.urls import path

from stepup.trainees import views

app_name = "trainees"

TRAINEE = "<int:pk>/"

urlpatterns = [
    path("", views.trainee_list, name="list"),
    path("enrol/<int:offer_pk>/", views.enrol, name="enrol"),
    path("early-warnings/", views.warnings, name="warnings"),
    path("early-warnings/<int:warning_pk>/resolve/", views.warning_resolve, name="warning-resolve"),
    path("results/upload/", views.results_upload, name="results-upload"),
    path("programme/<int:number>/", views.programme, name="programme"),
    path("programme/<int:number>/modules/add/", views.module_add, name="module-add"),
    path("modules/<int:module_pk>/assessments/add/", views.assessment_add, name="assessment-add"),
    path("outcomes/<int:number>/", views.outcomes, name="outcomes"),
    path(TRAINEE, views.record, name="record"),
    path(TRAINEE + "placements/add/", views.placement_add, name="placement-add"),
    path(
        "placements/<int:placement_pk>/at-risk/", views.placement_at_risk, name="placement-at-risk"
    ),
    path(TRAINEE + "results/add/", views.result_add, name="result-add"),
    path(TRAINEE + "reviews/add/", views.review_add, name="review-add"),
    path(TRAINEE + "needs/add/", views.need_add, name="need-add"),
    path(TRAINEE + "change/<str:target>/", views.change, name="change"),
    path(TRAINEE + "outcome/", views.outcome, name="outcome"),
    path(TRAINEE + "extend/", views.extend, name="extend"),
]
