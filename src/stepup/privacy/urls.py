from django.urls import path

from stepup.privacy import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my-data"),
    path("people/<int:pk>/data/", views.person_data, name="person-data"),
    path("people/<int:pk>/erase/", views.person_erase, name="person-erase"),
    path("people/<int:pk>/data-requests/new/", views.data_request_new, name="data-request-new"),
    path("data-requests/", views.data_request_list, name="data-request-list"),
    path("data-requests/<int:pk>/", views.data_request_detail, name="data-request-detail"),
    path(
        "data-requests/<int:pk>/download/",
        views.data_request_download,
        name="data-request-download",
    ),
]
