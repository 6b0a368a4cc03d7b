from django.urls import path

from stepup.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("error-check/", views.error_check, name="error-check"),
]
