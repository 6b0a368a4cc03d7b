from django.urls import path

from stepup.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="partnership-list"),
]
