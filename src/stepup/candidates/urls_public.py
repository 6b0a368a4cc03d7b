"""Pages anyone may read about a recruiting cohort, and the way in for candidates."""

from django.urls import path

from stepup.candidates import views

urlpatterns = [
    path("apply/", views.apply_list, name="apply"),
    path("apply/<int:number>/", views.apply_cohort, name="apply-cohort"),
    path("apply/<int:number>/create-account/", views.create_account, name="create-account"),
    path("apply/<int:number>/start/", views.start, name="start"),
]
