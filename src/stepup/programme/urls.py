from django.urls import path

from stepup.programme import views

app_name = "programme"

urlpatterns = [
    path("", views.cohort_list, name="cohort-list"),
]
