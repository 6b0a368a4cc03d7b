"""The day's pool of assessors, whom each observes, conflicts, and their expenses."""

from django.shortcuts import get_object_or_404, redirect, render

from stepup.assessment import forms, queries, services
from stepup.assessment.models import (
    CentreAssessor,
    TimeAndExpenses,
)
from stepup.assessment.views.common import (
    RUNNERS,
    act,
    centre_button_to,
    runnable_centre,
)
from stepup.core.access import access
from stepup.core.form_flow import posted, service_accepted


@access(RUNNERS)
def assessors(request, pk: int):
    """The day's pool of assessors, and adding someone to it."""
    centre = runnable_centre(request, pk)
    form = forms.AssessorAddForm(*posted(request), people=queries.pool_candidates(centre))
    if service_accepted(
        request,
        form,
        lambda: services.assessor_add(actor=request.user, centre=centre, **form.chosen()),
        success="Added to the day’s assessors",
    ):
        return redirect("assessment:assessors", pk=pk)
    return render(
        request,
        "assessment/assessors.html",
        {
            "centre": centre,
            "pool": queries.pool_of(centre),
            "gaps": queries.coverage_gaps(centre),
            "booked": centre.bookings.count(),
            "form": form,
        },
    )


def _assessor(centre, assessor_pk: int):
    return get_object_or_404(
        CentreAssessor.objects.select_related("person"), pk=assessor_pk, centre=centre
    )


@access(RUNNERS)
def observations(request, pk: int, assessor_pk: int):
    """Whom one assessor observes in each exercise, and their conflicts of interest."""
    centre = runnable_centre(request, pk)
    assessor = _assessor(centre, assessor_pk)
    invitations = queries.bookings_of(centre)
    conflicted = queries.conflicts_of(assessor)
    form = forms.ObservationsForm(
        *posted(request),
        initial=queries.observations_of(assessor),
        exercises=queries.centre_exercises(centre),
        invitations=invitations,
        conflicted=conflicted,
    )
    if service_accepted(
        request,
        form,
        lambda: services.observations_set(actor=request.user, assessor=assessor, plan=form.plan()),
        success=f"Saved whom {assessor} observes",
    ):
        return redirect("assessment:assessors", pk=pk)
    return render(
        request,
        "assessment/observations.html",
        {
            "centre": centre,
            "assessor": assessor,
            "form": form,
            "conflicts": [i for i in invitations if i.pk in conflicted],
            "conflict_form": forms.ConflictForm(
                invitations=[i for i in invitations if i.pk not in conflicted]
            ),
            "locked": centre.assignments_confirmed_at is not None,
        },
    )


@access(RUNNERS)
def conflict(request, pk: int, assessor_pk: int):
    centre = runnable_centre(request, pk)
    assessor = _assessor(centre, assessor_pk)
    invitations = queries.bookings_of(centre)
    form = forms.ConflictForm(*posted(request), invitations=invitations)
    if service_accepted(
        request,
        form,
        lambda: services.conflict_declare(
            actor=request.user, assessor=assessor, invitation=form.chosen()
        ),
        success=f"Conflict of interest recorded: {assessor} will not assess that candidate",
    ):
        return redirect("assessment:observations", pk=pk, assessor_pk=assessor_pk)
    return render(
        request,
        "assessment/conflict.html",
        {"centre": centre, "assessor": assessor, "form": form},
    )


@access(RUNNERS)
def assignments_confirm(request, pk: int):
    return centre_button_to(
        request,
        pk,
        services.assignments_confirm,
        "Confirmed: assessors can score once the day starts",
        "assessment:assessors",
    )


@access(RUNNERS)
def expenses_paid(request, pk: int, assessor_pk: int):
    centre = runnable_centre(request, pk)
    record = get_object_or_404(
        TimeAndExpenses.objects.select_related("assessor__centre"),
        assessor__pk=assessor_pk,
        assessor__centre=centre,
    )
    if request.method == "POST":
        act(
            request,
            lambda: services.time_and_expenses_paid(actor=request.user, record=record),
            f"Recorded as paid: {record.assessor}",
        )
    return redirect("assessment:assessors", pk=pk)
