"""Applications collected elsewhere (a partnership's own portal) come into selection.

The CSV format and its checks are the applications app's (``applications.transfer``); this
is the use case: import the file, then run the eligibility check on each application, in
one transaction, as submitting online does.
"""

from django.db import transaction

from stepup.applications.transfer import ImportResult, applications_import_unchecked
from stepup.programme.models import Cohort
from stepup.selection.services import eligibility_run


def applications_import(
    *, cohort: Cohort, file_name: str, content: bytes, actor, skip_invalid: bool = False
) -> ImportResult:
    """Check every row, import the file (all of it, or with ``skip_invalid`` the rows
    without problems) and check each application's eligibility as it arrives."""
    with transaction.atomic():
        result = applications_import_unchecked(
            cohort=cohort,
            file_name=file_name,
            content=content,
            actor=actor,
            skip_invalid=skip_invalid,
        )
        for application in result.imported:
            eligibility_run(application=application)
    return result
