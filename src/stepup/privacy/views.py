"""A candidate's download of their own data."""

from django.http import HttpResponse

from stepup.core.access import CANDIDATE, access
from stepup.privacy.export import subject_access_export


@access(CANDIDATE)
def my_data(request):
    """A ZIP of everything the service holds about the person signed in."""
    content = subject_access_export(person=request.user, actor=request.user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="my-step-up-data.zip"'
    return response
