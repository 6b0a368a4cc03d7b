"""The centre days, for whoever runs them: the national admins, the contractor for national
centres, a partnership's coordinator for its own (``queries.may_run``); the day's
timetable and printable packs; the national view."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.applications.models import ApplicationStatus
from stepup.assessment import forms, queries, services
from stepup.assessment.models import (
    AdjustmentRequest,
    CentreStatus,
    Invitation,
)
from stepup.assessment.views.common import (
    CLOSES_AT,
    NATIONAL_CODE,
    RUNNERS,
    act,
    centre_button,
    runnable_centre,
)
from stepup.core.access import access, roles
from stepup.core.form_flow import posted, service_accepted
from stepup.core.params import whole_number
from stepup.core.reads import read_record
from stepup.programme.models import Cohort
from stepup.programme.queries import cohort_for_report


@access(RUNNERS)
def centre_list(request):
    centres = queries.centre_list(request.user)
    rankings = {
        (c.cohort.number, c.partnership.code if c.partnership else NATIONAL_CODE): (
            f"{c.partnership.name if c.partnership else 'National centres'} "
            f"(cohort {c.cohort.number})"
        )
        for c in centres
    }
    return render(
        request,
        "assessment/centre_list.html",
        {
            "centres": centres,
            "rankings": sorted(rankings.items(), key=lambda item: (-item[0][0], item[1])),
            "waiting": queries.waiting_for_invitation(request.user),
            "may_plan": bool(queries.runner_choices(request.user)),
            "national_team": request.user.has_role(*NATIONAL_TEAM),
        },
    )


@access(RUNNERS)
def centre_create(request):
    runners = queries.runner_choices(request.user)
    form = forms.CentreForm(*posted(request), runners=runners)
    created = []

    def create():
        cohort, partnership = queries.runner_from(request.user, form.cleaned_data["runner"])
        closes = form.cleaned_data["booking_closes"]
        created.append(
            services.centre_create(
                actor=request.user,
                cohort=cohort,
                partnership=partnership,
                day=form.cleaned_data["day"],
                venue=form.cleaned_data["venue"],
                address=form.cleaned_data["address"],
                accessibility=form.cleaned_data["accessibility"],
                booking_closes_at=timezone.make_aware(datetime.datetime.combine(closes, CLOSES_AT)),
                slots=form.slots(),
                assessors_needed=form.cleaned_data["assessors_needed"],
            )
        )

    if service_accepted(
        request,
        form,
        create,
        success="Centre day planned. Open it for booking when it is ready.",
        fields={"booking_closes_at": "booking_closes", "slots": None},
    ):
        return redirect("assessment:centre-detail", pk=created[0].pk)
    return render(request, "assessment/centre_create.html", {"form": form, "runners": runners})


@access(RUNNERS)
def centre_detail(request, pk: int):
    centre = runnable_centre(request, pk)
    bookings = queries.bookings_of(centre)
    today = timezone.localdate()
    return render(
        request,
        "assessment/centre_detail.html",
        {
            "centre": centre,
            "slots": list(queries.with_places(centre.slots.all()).order_by("starts_at")),
            "timetable": list(
                centre.timetable.select_related("exercise").order_by("starts_at", "pk")
            ),
            "bookings": bookings,
            "unanswered": [
                adjustment
                for invitation in bookings
                for adjustment in invitation.adjustments.all()
                if adjustment.answered_at is None
            ],
            "may_open": centre.status == CentreStatus.PLANNED,
            "may_record": centre.status in (CentreStatus.OPEN, CentreStatus.HELD)
            and today >= centre.day,
            "may_hold": centre.status == CentreStatus.OPEN and today >= centre.day,
            "may_give": today < centre.day,
            "invited": ApplicationStatus.INVITED,
        },
    )


@access(RUNNERS)
def centre_open(request, pk: int):
    return centre_button(request, pk, services.centre_open, "The centre day is open for booking")


@access(RUNNERS)
def centre_hold(request, pk: int):
    return centre_button(request, pk, services.centre_hold, "The centre day is recorded as held")


@access(RUNNERS)
def invitations_send(request):
    """A button's target: a GET (a link followed, a page reloaded) goes back to the list."""
    if request.method != "POST":
        return redirect("assessment:centre-list")
    found = queries.runner_from(request.user, request.POST.get("runner", ""))
    if found is None:
        raise Http404("Not a partnership whose centres you run")
    cohort, partnership = found
    sent = []
    act(
        request,
        lambda: sent.append(
            services.invitations_send(actor=request.user, cohort=cohort, partnership=partnership)
        ),
        lambda: f"{sent[0]} candidate{'' if sent[0] == 1 else 's'} invited and emailed",
    )
    return redirect("assessment:centre-list")


@access(RUNNERS)
def attendance(request, pk: int, invitation_pk: int):
    centre = runnable_centre(request, pk)
    invitation = get_object_or_404(
        Invitation.objects.select_related("application", "slot"), pk=invitation_pk, centre=centre
    )
    form = forms.AttendanceForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.attendance_record(
            actor=request.user,
            invitation=invitation,
            attended=form.cleaned_data["attended"] == "yes",
            reason=form.cleaned_data["reason"],
        ),
        success=f"Attendance recorded for candidate {invitation.candidate_number}",
    ):
        return redirect("assessment:centre-detail", pk=pk)
    return render(
        request,
        "assessment/attendance.html",
        {"centre": centre, "invitation": invitation, "form": form},
    )


@access(RUNNERS)
def adjustment_answer(request, pk: int, adjustment_pk: int):
    centre = runnable_centre(request, pk)
    adjustment = get_object_or_404(
        AdjustmentRequest.objects.select_related("invitation__application"),
        pk=adjustment_pk,
        invitation__centre=centre,
    )
    form = forms.AdjustmentAnswerForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.adjustment_answer(
            actor=request.user, adjustment=adjustment, **form.cleaned_data
        ),
        success="Answer sent to the candidate",
    ):
        return redirect("assessment:centre-detail", pk=pk)
    read_record(
        actor=request.user,
        record=adjustment,
        event="adjustment.viewed",
        summary="Read a candidate's request for an adjustment",
    )
    return render(
        request,
        "assessment/adjustment_answer.html",
        {"centre": centre, "adjustment": adjustment, "form": form},
    )


# The day's timetable and its printable packs.


@access(RUNNERS)
def timetable(request, pk: int):
    centre = runnable_centre(request, pk)
    exercises = queries.centre_exercises(centre)
    form = forms.TimetableForm(
        *posted(request),
        initial=forms.TimetableForm.initial_for(centre.timetable.all()),
        exercises=exercises,
    )
    if service_accepted(
        request,
        form,
        lambda: services.timetable_set(actor=request.user, centre=centre, times=form.times()),
        success="Timetable saved",
        fields={f"exercise_{e.pk}": f"exercise_{e.pk}_starts" for e in exercises},
    ):
        return redirect("assessment:centre-detail", pk=pk)
    return render(request, "assessment/timetable.html", {"centre": centre, "form": form})


@access(RUNNERS)
def day_sheet(request, pk: int):
    """The day on paper: timetable, candidates by number, assessors and who observes whom."""
    centre = runnable_centre(request, pk)
    read_record(
        actor=request.user,
        record=centre,
        event="centre.day_sheet_viewed",
        summary="Opened the day sheet, with the candidates' agreed adjustments",
    )
    return render(
        request,
        "assessment/day_sheet.html",
        {"centre": centre, "sheet": queries.day_sheet_of(centre)},
    )


@access(RUNNERS)
def scoring_sheets(request, pk: int):
    """A blank scoring sheet for each exercise, to print for scoring on paper."""
    centre = runnable_centre(request, pk)
    rules = centre.cohort.current_rules
    return render(
        request,
        "assessment/scoring_sheets.html",
        {
            "centre": centre,
            "exercises": queries.centre_exercises(centre),
            "scale": list(rules.scale.order_by("score")),
        },
    )


# The national view.


@access(roles(Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST))
def national_progress(request):
    """Every partnership's centres, from invitation to a confirmed ranking, against places."""
    cohorts = list(Cohort.objects.order_by("-number"))
    cohort = cohort_for_report(cohorts=cohorts, number=whole_number(request.GET.get("cohort")))
    rows = queries.centre_progress(cohort=cohort) if cohort else []
    columns = [label for _, label in queries.PROGRESS_COLUMNS]
    return render(
        request,
        "assessment/national_progress.html",
        {
            "cohort": cohort,
            "cohort_options": [
                {"value": c.number, "text": c.name, "selected": c == cohort} for c in cohorts
            ],
            "columns": columns,
            "rows": rows,
            "totals": [sum(row.row[i] for row in rows) for i in range(len(columns))],
        },
    )


@access(RUNNERS)
def booking_give(request, pk: int):
    """Give an invited candidate a time on this day: one who has not booked, or who needs
    to move here (until the day; the candidate is emailed)."""
    centre = runnable_centre(request, pk)
    slots = [
        slot
        for slot in queries.with_places(centre.slots.all()).order_by("starts_at")
        if slot.free > 0
    ]
    form = forms.BookingGiveForm(
        *posted(request), invitations=queries.bookable_by_staff(centre), slots=slots
    )
    if service_accepted(
        request,
        form,
        lambda: services.booking_make(actor=request.user, **form.chosen()),
        success="Time given. The candidate has been emailed",
    ):
        return redirect("assessment:centre-detail", pk=pk)
    return render(request, "assessment/booking_give.html", {"centre": centre, "form": form})
