"""An assessor's scoring and their own days; the wash-up and the ranking."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.assessment import forms, queries, services
from stepup.assessment.models import (
    AssessorKind,
    CentreAssessor,
    CentreScore,
    CentreStatus,
    TimeAndExpenses,
)
from stepup.assessment.views.common import (
    NATIONAL_CODE,
    RUNNERS,
    act,
    runnable_centre,
)
from stepup.core.access import access, roles
from stepup.core.form_flow import posted, service_accepted
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort

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
    assignment = queries.assignment_of(request.user, pk)
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
    centre = runnable_centre(request, pk)
    if request.method == "POST":
        act(
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
    centre = runnable_centre(request, pk)
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
        act(
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
            "not_met": queries.not_met(cohort=cohort, partnership=partnership),
            "confirmed": queries.latest_ranking(cohort=cohort, partnership=partnership),
        },
    )
