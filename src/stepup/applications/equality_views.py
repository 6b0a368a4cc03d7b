"""Equality monitoring pages: the candidate's own questionnaire and the analyst's counts.

No other page may show these answers (see ``applications.equality``).
"""

from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts.roles import Role
from stepup.applications import equality
from stepup.applications.equality_forms import EqualityForm, EqualityReportForm
from stepup.core.access import CANDIDATE, access, roles
from stepup.core.audit import audit_record
from stepup.core.form_flow import posted, service_accepted
from stepup.core.models import AuditEntry
from stepup.programme.queries import cohorts_visible_to

ANALYST = roles(Role.NATIONAL_ANALYST)


@access(CANDIDATE)
def equality_questionnaire(request, reference: str):
    application = get_object_or_404(
        equality.equality_applications_of(candidate=request.user), reference=reference
    )
    current = equality.equality_for_candidate(candidate=request.user, application=application)
    form = EqualityForm(*posted(request), initial=EqualityForm.initial_from(current))
    if service_accepted(
        request,
        form,
        lambda: equality.equality_save(
            candidate=request.user, application=application, answers=form.answers()
        ),
        success="Your equality monitoring answers are saved",
    ):
        # Back to the list of what is left to do.
        return redirect("applications:application", reference=application.reference)
    return render(
        request,
        "applications/equality.html",
        {
            "form": form,
            "application": application,
            "answered": current is not None,
            "ethnic_groups": equality.ETHNIC_GROUPS,
        },
    )


@access(ANALYST)
def equality_report(request):
    cohorts = list(cohorts_visible_to(request.user).order_by("-number"))
    form = EqualityReportForm(request.GET or None, cohorts=cohorts)
    cohort = None
    if form.is_bound and form.is_valid():
        cohort = next(c for c in cohorts if c.number == form.cleaned_data["cohort"])
    elif not form.is_bound and cohorts:
        cohort = cohorts[0]
        form = EqualityReportForm(initial={"cohort": cohort.number}, cohorts=cohorts)
    snapshot = equality.equality_snapshot(cohort=cohort) if cohort else None
    tables = equality.equality_snapshot_tables(snapshot=snapshot) if snapshot else []
    if cohort is not None:
        # Every view of the figures is on the record: who, and which cohort.
        audit_record(
            actor=request.user,
            record=cohort,
            action=AuditEntry.Action.VIEWED,
            summary=f"Viewed the equality report for cohort {cohort.number}",
            event="equality_report.viewed",
            values={"cohort": cohort.number},
        )
    return render(
        request,
        "applications/equality_report.html",
        {
            "form": form,
            "cohort": cohort,
            "snapshot": snapshot,
            "cohorts": cohorts,
            "tables": tables,
            "small_count": equality.SMALL_COUNT,
            "page_has_errors": form.is_bound and form.errors,
        },
    )
