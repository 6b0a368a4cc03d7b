from django.urls import path

from stepup.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="partnership-list"),
    path("new/", views.partnership_create, name="partnership-create"),
    path("<int:pk>/", views.partnership_detail, name="partnership-detail"),
    path("<int:pk>/details/", views.partnership_edit, name="partnership-edit"),
    path("<int:pk>/places/", views.partnership_places, name="partnership-places"),
    path("<int:pk>/universities/", views.partnership_universities, name="partnership-universities"),
    path("<int:pk>/memorandum/", views.memorandum_upload, name="memorandum-upload"),
    path(
        "<int:pk>/memorandum/<int:memorandum_id>/",
        views.memorandum_download,
        name="memorandum-download",
    ),
    path("<int:pk>/changes/<int:variation_pk>/", views.variation_detail, name="variation-detail"),
    path("<int:pk>/meetings/add/", views.meeting_add, name="meeting-add"),
    path(
        "<int:pk>/bid/<slug:action>/", views.partnership_transition, name="partnership-transition"
    ),
]
