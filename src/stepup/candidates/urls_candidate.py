"""A candidate's own applications: the task list, its sections, submission and status."""

from django.urls import path, register_converter

from stepup.applications.sections import FORM_SECTIONS
from stepup.candidates import centre_views, offer_views, submitted_views, training_views, views


class SectionConverter:
    regex = "|".join(FORM_SECTIONS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SectionConverter, "section")

A = "applications/<str:reference>/"

urlpatterns = [
    path("applications/", views.home, name="home"),
    path(A, views.application, name="application"),
    path(A + "experience/", views.experience, name="experience"),
    path(A + "experience/add/", views.experience_add, name="experience-add"),
    path(A + "experience/<int:pk>/", views.experience_change, name="experience-change"),
    path(A + "experience/<int:pk>/remove/", views.experience_remove, name="experience-remove"),
    path(A + "documents/", views.documents, name="documents"),
    path(A + "documents/upload/", views.document_upload, name="document-upload"),
    path(A + "documents/<int:pk>/", views.document_download, name="document-download"),
    path(A + "documents/<int:pk>/remove/", views.document_remove, name="document-remove"),
    path(A + "check-your-answers/", views.check_answers, name="check"),
    path(A + "status/", submitted_views.status, name="status"),
    path(A + "submitted/", submitted_views.submitted, name="submitted"),
    path(A + "your-answers/", submitted_views.your_answers, name="your-answers"),
    path(A + "withdraw/", submitted_views.withdraw, name="withdraw"),
    path(A + "assessment-centre/", centre_views.centre, name="centre"),
    path(
        A + "assessment-centre/adjustment/",
        centre_views.centre_adjustment,
        name="centre-adjustment",
    ),
    path(A + "offer/", offer_views.offer, name="offer"),
    path(A + "training/", training_views.training, name="training"),
    path(A + "<section:section>/", views.section, name="section"),
]
