"""Cohorts and their timetable."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from stepup.core.access import access
from stepup.core.audit import history_for
from stepup.core.form_flow import posted, service_accepted
from stepup.programme import forms, queries, services
from stepup.programme.lifecycle import COHORT_LIFECYCLE
from stepup.programme.models import (
    Cohort,
    CohortStatus,
    MilestoneKind,
)
from stepup.programme.views.common import ADMIN, STAFF, _can_change, _changeable, _page, _visible

# Cohorts


@access(STAFF)
def cohort_list(request):
    cohorts = queries.cohorts_visible_to(request.user)
    return render(
        request,
        "programme/cohort_list.html",
        {"cohorts": cohorts, "can_change": _can_change(request)},
    )


@access(ADMIN)
def cohort_create(request):
    form = forms.CohortForm(*posted(request))
    if service_accepted(
        request, form, lambda: services.cohort_create(actor=request.user, **form.cleaned_data)
    ):
        number = form.cleaned_data["number"]
        messages.success(request, f"Cohort {number} created")
        return redirect("programme:cohort-detail", number=number)
    return render(request, "programme/cohort_form.html", {"form": form, "cohort": None})


@access(ADMIN)
def cohort_copy(request):
    """A new cohort set up like an earlier one, as a draft to review."""
    form = forms.CohortCopyForm(*posted(request), cohorts=Cohort.objects.order_by("-number"))
    if service_accepted(
        request, form, lambda: services.cohort_copy(actor=request.user, **form.copy_arguments())
    ):
        number = form.cleaned_data["number"]
        messages.success(
            request,
            f"Cohort {number} created as a copy. Check its timetable, funding rates and "
            "framework before it opens for bids",
        )
        return redirect("programme:cohort-detail", number=number)
    return render(request, "programme/cohort_copy.html", {"form": form})


@access(STAFF)
def cohort_detail(request, number: int):
    cohort = _visible(request, number)
    return _page(
        request,
        "cohort_detail.html",
        cohort,
        "summary",
        rules=cohort.current_rules,
        transitions=COHORT_LIFECYCLE.available(cohort.status, request.user),
        partnerships=queries.cohort_partnerships(cohort=cohort),
    )


@access(ADMIN)
def cohort_update(request, number: int):
    cohort = _changeable(request, number)
    initial = {
        "name": cohort.name,
        "start_date": cohort.start_date,
        "length_months": cohort.length_months,
    }
    form = forms.CohortForm(*posted(request), initial=initial, include_number=False)
    if service_accepted(
        request,
        form,
        lambda: services.cohort_update(actor=request.user, cohort=cohort, **form.cleaned_data),
        success="Cohort details saved",
    ):
        return redirect("programme:cohort-detail", number=cohort.number)
    return render(request, "programme/cohort_form.html", {"form": form, "cohort": cohort})


@access(ADMIN)
def cohort_transition(request, number: int, to_status: str):
    cohort = _changeable(request, number)
    try:
        transition = COHORT_LIFECYCLE.get(cohort.status, to_status)
    except ValidationError:
        raise Http404("No such status change") from None
    form = forms.TransitionForm(*posted(request))
    target_label = CohortStatus(to_status).label
    if service_accepted(
        request,
        form,
        lambda: services.cohort_transition(
            actor=request.user,
            cohort=cohort,
            to_status=to_status,
            reason=form.cleaned_data["reason"],
        ),
        success=f"Cohort {cohort.number} is now {target_label.lower()}",
    ):
        return redirect("programme:cohort-detail", number=cohort.number)
    return _page(
        request,
        "cohort_transition.html",
        cohort,
        "summary",
        form=form,
        transition=transition,
        target_label=target_label,
        problems=queries.transition_problems(cohort=cohort, to_status=to_status),
    )


@access(STAFF)
def cohort_history(request, number: int):
    cohort = _visible(request, number)
    return _page(request, "cohort_history.html", cohort, "history", entries=history_for(cohort))


@access(STAFF)
def rule_versions(request, number: int):
    cohort = _visible(request, number)
    return _page(
        request,
        "rule_versions.html",
        cohort,
        "versions",
        versions=queries.rule_versions(cohort=cohort),
        current=cohort.current_rules,
    )


# The timetable


@access(STAFF)
def timetable(request, number: int):
    cohort = _visible(request, number)
    return _page(
        request,
        "timetable.html",
        cohort,
        "timetable",
        milestones=queries.timetable(cohort=cohort),
        not_set=queries.milestone_kinds_not_set(cohort=cohort),
    )


def _kind(kind: str) -> MilestoneKind:
    if kind not in MilestoneKind.values:
        raise Http404("No such milestone")
    return MilestoneKind(kind)


@access(ADMIN)
def milestone_edit(request, number: int, kind: str):
    cohort = _changeable(request, number)
    kind = _kind(kind)
    milestone = cohort.milestones.filter(kind=kind).first()
    initial = {}
    if milestone:
        initial = {
            "starts_on": milestone.starts_on,
            "ends_on": milestone.ends_on,
            "note": milestone.note,
        }
    form = forms.MilestoneForm(*posted(request), initial=initial, kind=kind)
    if service_accepted(
        request,
        form,
        lambda: services.milestone_save(
            actor=request.user, cohort=cohort, kind=kind, **form.cleaned_data
        ),
        success=f"“{kind.label}” saved",
    ):
        return redirect("programme:timetable", number=cohort.number)
    return _page(
        request,
        "milestone_form.html",
        cohort,
        "timetable",
        form=form,
        kind=kind,
        milestone=milestone,
    )


@access(ADMIN)
def milestone_remove(request, number: int, kind: str):
    cohort = _changeable(request, number)
    kind = _kind(kind)
    milestone = get_object_or_404(cohort.milestones, kind=kind)
    if request.method == "POST":
        services.milestone_remove(actor=request.user, cohort=cohort, kind=kind)
        messages.success(request, f"“{kind.label}” removed from the timetable")
        return redirect("programme:timetable", number=cohort.number)
    return _page(request, "milestone_remove.html", cohort, "timetable", milestone=milestone)
