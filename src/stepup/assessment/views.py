"""The centre days, for whoever runs them: the national admins, the contractor for national
centres, a partnership's coordinator for its own (``queries.may_run``)."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.applications.models import ApplicationStatus
from stepup.assessment import forms, queries, services
from stepup.assessment.models import (
    AdjustmentRequest,
    AssessorKind,
    CentreAssessor,
    CentreScore,
    CentreStatus,
    Invitation,
    TimeAndExpenses,
)
from stepup.core.access import access, roles
from stepup.core.form_flow import posted, service_accepted
from stepup.core.params import whole_number
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort, CohortStatus

RUNNERS = roles(Role.NATIONAL_ADMIN, Role.CONTRACTOR, Role.COORDINATOR)
CLOSES_AT = datetime.time(17)


def _centre(request, pk: int):
    return get_object_or_404(queries.centres_runnable_by(request.user), pk=pk)


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
    centre = _centre(request, pk)
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
            "invited": ApplicationStatus.INVITED,
        },
    )


def _act(request, action, success: str) -> None:
    """Run a button's service; its refusal is shown as a message at the top of the page."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)


def _centre_button_to(request, pk: int, service, success: str, page: str):
    """A button on one of the day's pages: its service on a POST, then back to ``page``."""
    centre = _centre(request, pk)
    if request.method == "POST":
        _act(request, lambda: service(actor=request.user, centre=centre), success)
    return redirect(page, pk=pk)


def _centre_button(request, pk: int, service, success: str):
    return _centre_button_to(request, pk, service, success, "assessment:centre-detail")


@access(RUNNERS)
def centre_open(request, pk: int):
    return _centre_button(request, pk, services.centre_open, "The centre day is open for booking")


@access(RUNNERS)
def centre_hold(request, pk: int):
    return _centre_button(request, pk, services.centre_hold, "The centre day is recorded as held")


@access(RUNNERS)
def invitations_send(request):
    """A button's target: a GET (a link followed, a page reloaded) goes back to the list."""
    if request.method != "POST":
        return redirect("assessment:centre-list")
    found = queries.runner_from(request.user, request.POST.get("runner", ""))
    if found is None:
        raise Http404("Not a partnership whose centres you run")
    cohort, partnership = found
    try:
        sent = services.invitations_send(actor=request.user, cohort=cohort, partnership=partnership)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{sent} candidate{'' if sent == 1 else 's'} invited and emailed")
    return redirect("assessment:centre-list")


@access(RUNNERS)
def attendance(request, pk: int, invitation_pk: int):
    centre = _centre(request, pk)
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
    centre = _centre(request, pk)
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
    return render(
        request,
        "assessment/adjustment_answer.html",
        {"centre": centre, "adjustment": adjustment, "form": form},
    )


# An assessor's scoring.

SCORERS = roles(
    Role.ASSESSOR,
    Role.SERVICE_USER_ASSESSOR,
    Role.COORDINATOR,
    Role.AUTHORITY_OFFICER,
    Role.UNIVERSITY_TUTOR,
)


@access(SCORERS)
def scoring_list(request):
    """The candidates this person observes on days open for scoring."""
    return render(
        request,
        "assessment/scoring_list.html",
        {
            "assignments": queries.assignments_of(request.user),
            "days": queries.days_of(request.user),
        },
    )


@access(SCORERS)
def your_day(request, assessor_pk: int):
    """An assessor's own day: what became of the candidates they scored, once confirmed,
    with nobody named; and, for service users and young people, their time and expenses."""
    assessor = get_object_or_404(
        CentreAssessor.objects.select_related("centre"), pk=assessor_pk, person=request.user
    )
    record = TimeAndExpenses.objects.filter(assessor=assessor).first()
    claims = assessor.kind in (AssessorKind.SERVICE_USER, AssessorKind.YOUNG_PERSON)
    form = forms.TimeAndExpensesForm(
        *posted(request), initial=forms.TimeAndExpensesForm.initial_for(record)
    )
    if claims and service_accepted(
        request,
        form,
        lambda: services.time_and_expenses_record(
            actor=request.user, assessor=assessor, **form.values()
        ),
        success="Your time and expenses are recorded. The partnership will pay you back.",
        fields={"minutes": "hours"},
    ):
        return redirect("assessment:your-day", assessor_pk=assessor_pk)
    return render(
        request,
        "assessment/your_day.html",
        {
            "assessor": assessor,
            "centre": assessor.centre,
            "outcomes": queries.outcomes_of(assessor),
            "record": record,
            "form": form if claims else None,
            "may_record": claims
            and (record is None or record.paid_at is None)
            and assessor.centre.day <= timezone.localdate(),
        },
    )


@access(SCORERS)
def scoring(request, pk: int):
    assignment = next((a for a in queries.assignments_of(request.user) if a.pk == pk), None)
    if assignment is None:
        raise Http404("Not a candidate you are scoring now")
    centre = assignment.assessor.centre
    criteria = list(assignment.exercise.criteria.order_by("position", "pk"))
    existing = {score.criterion_id: score for score in assignment.scores.all()}
    initial = {}
    for criterion_id, score in existing.items():
        initial.update(
            {
                f"score_{criterion_id}": score.score,
                f"evidence_{criterion_id}": score.evidence,
                f"effective_{criterion_id}": score.effective,
                f"less_effective_{criterion_id}": score.less_effective,
            }
        )
    form = forms.ScoresForm(
        *posted(request),
        initial=initial,
        criteria=criteria,
        scale=list(centre.cohort.current_rules.scale.order_by("score")),
        plain=assignment.assessor.kind in (AssessorKind.SERVICE_USER, AssessorKind.YOUNG_PERSON),
    )
    if service_accepted(
        request,
        form,
        lambda: services.scores_submit(
            actor=request.user, assignment=assignment, scores=form.scores()
        ),
        success=f"Scores saved for candidate {assignment.invitation.candidate_number}",
    ):
        return redirect("assessment:scoring-list")
    return render(
        request,
        "assessment/scoring.html",
        {"assignment": assignment, "centre": centre, "form": form},
    )


# The wash-up.


@access(RUNNERS)
def washup(request, pk: int):
    centre = _centre(request, pk)
    if request.method == "POST":
        _act(
            request,
            lambda: services.washup_confirm(actor=request.user, centre=centre),
            "Scores confirmed: each candidate has been told their result",
        )
        return redirect("assessment:washup", pk=pk)
    return render(
        request,
        "assessment/washup.html",
        {
            "centre": centre,
            "candidates": queries.washup_of(centre),
            "may_moderate": centre.status == CentreStatus.HELD,
        },
    )


@access(RUNNERS)
def moderate(request, pk: int, score_pk: int):
    centre = _centre(request, pk)
    score = get_object_or_404(
        CentreScore.objects.select_related(
            "criterion", "assignment__exercise", "assignment__invitation", "assignment__assessor"
        ),
        pk=score_pk,
        assignment__assessor__centre=centre,
    )
    form = forms.ModerationForm(
        *posted(request), scale=list(centre.cohort.current_rules.scale.order_by("score"))
    )
    if service_accepted(
        request,
        form,
        lambda: services.score_moderate(actor=request.user, score=score, **form.cleaned_data),
        success="Score changed",
    ):
        return redirect("assessment:washup", pk=pk)
    return render(
        request, "assessment/moderate.html", {"centre": centre, "score": score, "form": form}
    )


# The ranking.

NATIONAL_CODE = "national"


@access(RUNNERS)
def ranking(request, number: int, code: str):
    """The partnership's candidates who met the benchmark, best first, and its confirmation
    for the allocation of places."""
    cohort = get_object_or_404(Cohort, number=number)
    partnership = (
        None if code == NATIONAL_CODE else get_object_or_404(Partnership, cohort=cohort, code=code)
    )
    if not queries.may_run(request.user, partnership=partnership):
        raise Http404("Not a partnership whose centres you run")
    if request.method == "POST":
        _act(
            request,
            lambda: services.ranking_confirm(
                actor=request.user, cohort=cohort, partnership=partnership
            ),
            "Ranking confirmed for the allocation of places",
        )
        return redirect("assessment:ranking", number=number, code=code)
    return render(
        request,
        "assessment/ranking.html",
        {
            "cohort": cohort,
            "partnership": partnership,
            "ranked": queries.ranking(cohort=cohort, partnership=partnership),
            "confirmed": queries.latest_ranking(cohort=cohort, partnership=partnership),
        },
    )


@access(RUNNERS)
def assessors(request, pk: int):
    """The day's pool of assessors, and adding someone to it."""
    centre = _centre(request, pk)
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
    centre = _centre(request, pk)
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
    centre = _centre(request, pk)
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
    return _centre_button_to(
        request,
        pk,
        services.assignments_confirm,
        "Confirmed: assessors can score once the day starts",
        "assessment:assessors",
    )


@access(RUNNERS)
def expenses_paid(request, pk: int, assessor_pk: int):
    centre = _centre(request, pk)
    record = get_object_or_404(
        TimeAndExpenses.objects.select_related("assessor__centre"),
        assessor__pk=assessor_pk,
        assessor__centre=centre,
    )
    if request.method == "POST":
        _act(
            request,
            lambda: services.time_and_expenses_paid(actor=request.user, record=record),
            f"Recorded as paid: {record.assessor}",
        )
    return redirect("assessment:assessors", pk=pk)


# The national view.


@access(roles(Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST))
def national_progress(request):
    """Every partnership's centres, from invitation to a confirmed ranking, against places."""
    cohorts = list(Cohort.objects.order_by("-number"))
    number = whole_number(request.GET.get("cohort"))
    cohort = next((c for c in cohorts if c.number == number), None) or next(
        (c for c in cohorts if c.status == CohortStatus.RECRUITING), cohorts[0] if cohorts else None
    )
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


# The day's timetable and its printable packs.


@access(RUNNERS)
def timetable(request, pk: int):
    centre = _centre(request, pk)
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
    centre = _centre(request, pk)
    return render(
        request,
        "assessment/day_sheet.html",
        {"centre": centre, "sheet": queries.day_sheet_of(centre)},
    )


@access(RUNNERS)
def scoring_sheets(request, pk: int):
    """A blank scoring sheet for each exercise, to print for scoring on paper."""
    centre = _centre(request, pk)
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
