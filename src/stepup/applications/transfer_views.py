"""The staff download of a cohort's applications, in the import format."""

import io

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from stepup.accounts.roles import Role
from stepup.applications.transfer import applications_export
from stepup.core.access import access, roles
from stepup.programme.models import Cohort

# Those who run recruitment for the whole programme; nobody who sees only a partnership.
EXPORTERS = roles(Role.NATIONAL_ADMIN, Role.CONTRACTOR)


@access(EXPORTERS)
@require_safe
def applications_download(request, number: int):
    cohort = get_object_or_404(Cohort, number=number)
    out = io.StringIO()
    applications_export(cohort=cohort, out=out, actor=request.user)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="cohort-{cohort.number}-applications.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response
