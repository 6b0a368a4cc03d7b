from django.urls import path

from stepup.privacy import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my-data"),
    path("people/<int:pk>/data/", views.person_data, name="person-data"),
    path("people/<int:pk>/erase/", views.person_erase, name="person-erase"),
]
