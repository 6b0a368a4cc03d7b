from django.urls import path

from stepup.programme import views

app_name = "programme"

urlpatterns = [
    path("", views.cohort_list, name="cohort-list"),
    path("new/", views.cohort_create, name="cohort-create"),
    path("copy/", views.cohort_copy, name="cohort-copy"),
    path("<int:number>/", views.cohort_detail, name="cohort-detail"),
    path("<int:number>/change/", views.cohort_update, name="cohort-update"),
    path(
        "<int:number>/status/<slug:to_status>/",
        views.cohort_transition,
        name="cohort-transition",
    ),
    path("<int:number>/history/", views.cohort_history, name="cohort-history"),
    path("<int:number>/rules/", views.rule_versions, name="rule-versions"),
    path("<int:number>/timetable/", views.timetable, name="timetable"),
    path("<int:number>/timetable/<slug:kind>/", views.milestone_edit, name="milestone-edit"),
    path(
        "<int:number>/timetable/<slug:kind>/remove/",
        views.milestone_remove,
        name="milestone-remove",
    ),
    path("<int:number>/funding/", views.funding, name="funding"),
    path("<int:number>/funding/add/", views.funding_rate_add, name="funding-rate-add"),
    path(
        "<int:number>/funding/<int:pk>/change/",
        views.funding_rate_update,
        name="funding-rate-update",
    ),
    path(
        "<int:number>/funding/<int:pk>/remove/",
        views.funding_rate_remove,
        name="funding-rate-remove",
    ),
    path("<int:number>/eligibility/", views.eligibility, name="eligibility"),
    path(
        "<int:number>/eligibility/change/",
        views.eligibility_update,
        name="eligibility-update",
    ),
    path("<int:number>/framework/", views.framework, name="framework"),
    path(
        "<int:number>/framework/standard/",
        views.framework_load_standard,
        name="framework-load-standard",
    ),
    path("<int:number>/framework/criteria/add/", views.criterion_add, name="criterion-add"),
    path(
        "<int:number>/framework/criteria/<int:pk>/change/",
        views.criterion_update,
        name="criterion-update",
    ),
    path(
        "<int:number>/framework/criteria/<int:pk>/remove/",
        views.criterion_remove,
        name="criterion-remove",
    ),
    path("<int:number>/framework/exercises/add/", views.exercise_add, name="exercise-add"),
    path(
        "<int:number>/framework/exercises/<int:pk>/change/",
        views.exercise_update,
        name="exercise-update",
    ),
    path(
        "<int:number>/framework/exercises/<int:pk>/remove/",
        views.exercise_remove,
        name="exercise-remove",
    ),
    path("<int:number>/framework/matrix/", views.matrix_update, name="matrix-update"),
    path("<int:number>/framework/scale/", views.scale_update, name="scale-update"),
]
