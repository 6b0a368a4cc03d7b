from django.urls import path

from stepup.selection import application_views, views

app_name = "selection"

urlpatterns = [
    path("applications/", application_views.application_list, name="application-list"),
    path("progress/", application_views.round_progress, name="round-progress"),
    path(
        "applications/<str:reference>/",
        application_views.application_detail,
        name="application-detail",
    ),
    path(
        "applications/<str:reference>/notes/add/",
        application_views.application_note_add,
        name="application-note-add",
    ),
    path(
        "applications/<str:reference>/sifter/",
        application_views.sift_assign,
        name="sift-assign",
    ),
    path(
        "applications/<str:reference>/documents/<int:pk>/",
        application_views.application_document,
        name="application-document",
    ),
    path("eligibility/", views.eligibility_queue, name="eligibility-queue"),
    path("eligibility/<str:reference>/", views.eligibility_decide, name="eligibility-decide"),
    path(
        "eligibility/<str:reference>/documents/<int:pk>/",
        views.evidence_download,
        name="evidence-download",
    ),
    path("reasons/", views.reason_list, name="reason-list"),
    path("reasons/add/", views.reason_add, name="reason-add"),
    path("reasons/<int:pk>/", views.reason_change, name="reason-change"),
    path(
        "cohorts/<int:number>/settings/",
        views.recruitment_settings,
        name="recruitment-settings",
    ),
]

urlpatterns += [
    path("sift/", views.sift_queue, name="sift-queue"),
    path("sift/<str:reference>/", views.sift_mark, name="sift-mark"),
    path("sift/<str:reference>/submitted/", views.sift_submitted, name="sift-submitted"),
]
