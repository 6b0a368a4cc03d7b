"""Cohorts: their timetable, funding rates, eligibility rules and assessment framework.

Every member of staff may read a cohort's set-up; only national admins change it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts.roles import STAFF_ROLES, Role
from stepup.core.access import access, roles
from stepup.core.audit import history_for
from stepup.core.form_flow import add_service_errors, posted, service_accepted
from stepup.programme import forms, queries, services
from stepup.programme.lifecycle import COHORT_LIFECYCLE
from stepup.programme.models import (
    Cohort,
    CohortStatus,
    Criterion,
    Exercise,
    FundingRate,
    MilestoneKind,
)

STAFF = roles(*sorted(STAFF_ROLES), description="Programme staff")
ADMIN = roles(Role.NATIONAL_ADMIN)


def _visible(request, number: int) -> Cohort:
    return get_object_or_404(queries.cohorts_visible_to(request.user), number=number)


def _changeable(request, number: int) -> Cohort:
    return get_object_or_404(queries.cohorts_changeable_by(request.user), number=number)


def _can_change(request) -> bool:
    return request.user.has_role(Role.NATIONAL_ADMIN)


def _rules_shown(request, cohort: Cohort):
    """The current rules, or an earlier version asked for with ?version=N."""
    version = request.GET.get("version", "")
    if not version:
        return cohort.current_rules
    if not version.isdigit():
        raise Http404("No such version")
    return get_object_or_404(cohort.rule_versions, number=int(version))


def _page(request, template: str, cohort: Cohort, section: str, **context):
    context.update(cohort=cohort, section=section, can_change=_can_change(request))
    return render(request, f"programme/{template}", context)


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


# Funding rates


@access(STAFF)
def funding(request, number: int):
    cohort = _visible(request, number)
    rules = _rules_shown(request, cohort)
    example_form = forms.FundingExampleForm(
        request.GET if "trainees" in request.GET else None, initial={"trainees": 26}
    )
    trainees = 26
    if example_form.is_bound:
        trainees = example_form.cleaned_data["trainees"] if example_form.is_valid() else None
    return _page(
        request,
        "funding.html",
        cohort,
        "funding",
        rules=rules,
        is_current=rules.pk == cohort.current_rules.pk,
        rates=[(rate, queries.describe_basis(rate)) for rate in rules.funding_rates.all()],
        example_form=example_form,
        estimate=queries.funding_for(rules=rules, trainees=trainees)
        if trainees is not None
        else None,
    )


def _rate_arguments(form) -> dict:
    data = form.cleaned_data
    return {
        "label": data["label"],
        "basis": data["basis"],
        "amount_pence": data["amount"],
        "band_min": data.get("band_min"),
        "band_max": data.get("band_max"),
        "reason": form.reason,
    }


@access(ADMIN)
def funding_rate_add(request, number: int):
    cohort = _changeable(request, number)
    form = forms.FundingRateForm(*posted(request), cohort=cohort)
    if service_accepted(
        request,
        form,
        lambda: services.funding_rate_add(
            actor=request.user, cohort=cohort, **_rate_arguments(form)
        ),
        success="Funding line added",
        fields=forms.FUNDING_FIELDS,
    ):
        return redirect("programme:funding", number=cohort.number)
    return _page(request, "funding_rate_form.html", cohort, "funding", form=form, rate=None)


def _current_row(cohort: Cohort, model, pk: int):
    """A row of the current rules; rows of earlier versions are never changed."""
    return get_object_or_404(model, pk=pk, rules=cohort.current_rules)


@access(ADMIN)
def funding_rate_update(request, number: int, pk: int):
    cohort = _changeable(request, number)
    rate = _current_row(cohort, FundingRate, pk)
    initial = {
        "label": rate.label,
        "basis": rate.basis,
        "amount": rate.amount_pence,
        "band_min": rate.band_min,
        "band_max": rate.band_max,
    }
    form = forms.FundingRateForm(*posted(request), initial=initial, cohort=cohort)
    if service_accepted(
        request,
        form,
        lambda: services.funding_rate_update(
            actor=request.user, cohort=cohort, rate=rate, **_rate_arguments(form)
        ),
        success="Funding line saved",
        fields=forms.FUNDING_FIELDS,
    ):
        return redirect("programme:funding", number=cohort.number)
    return _page(request, "funding_rate_form.html", cohort, "funding", form=form, rate=rate)


@access(ADMIN)
def funding_rate_remove(request, number: int, pk: int):
    cohort = _changeable(request, number)
    rate = _current_row(cohort, FundingRate, pk)
    return _confirm_remove(
        request,
        cohort,
        section="funding",
        thing=f"the funding line “{rate.label}”",
        remove=lambda reason: services.funding_rate_remove(
            actor=request.user, cohort=cohort, rate=rate, reason=reason
        ),
        done="programme:funding",
        success="Funding line removed",
    )


def _confirm_remove(request, cohort, *, section, thing, remove, done, success, detail=""):
    form = forms.ConfirmRulesChangeForm(*posted(request), cohort=cohort)
    if service_accepted(request, form, lambda: remove(form.reason), success=success):
        return redirect(done, number=cohort.number)
    return _page(
        request,
        "confirm_remove.html",
        cohort,
        section,
        form=form,
        thing=thing,
        detail=detail,
        cancel=done,
    )


# Eligibility


@access(STAFF)
def eligibility(request, number: int):
    cohort = _visible(request, number)
    rules = _rules_shown(request, cohort)
    return _page(
        request,
        "eligibility.html",
        cohort,
        "eligibility",
        rules=rules,
        is_current=rules.pk == cohort.current_rules.pk,
    )


@access(ADMIN)
def eligibility_update(request, number: int):
    cohort = _changeable(request, number)
    form = forms.EligibilityForm(
        *posted(request),
        initial=forms.EligibilityForm.initial_for(cohort.current_rules),
        cohort=cohort,
    )
    if service_accepted(
        request,
        form,
        lambda: services.eligibility_update(
            actor=request.user, cohort=cohort, reason=form.reason, **form.rules()
        ),
        success="Eligibility rules saved",
    ):
        return redirect("programme:eligibility", number=cohort.number)
    return _page(request, "eligibility_form.html", cohort, "eligibility", form=form)


# The assessment framework


@access(STAFF)
def framework(request, number: int):
    cohort = _visible(request, number)
    rules = _rules_shown(request, cohort)
    exercises, rows = queries.framework_matrix(rules=rules)
    return _page(
        request,
        "framework.html",
        cohort,
        "framework",
        rules=rules,
        is_current=rules.pk == cohort.current_rules.pk,
        exercises=exercises,
        rows=rows,
        scale=list(rules.scale.all()),
        problems=queries.framework_problems(rules=rules),
        is_empty=queries.framework_is_empty(rules=rules),
    )


@access(ADMIN)
def framework_load_standard(request, number: int):
    cohort = _changeable(request, number)
    if not queries.framework_is_empty(rules=cohort.current_rules):
        messages.info(
            request, "The standard framework can only be used when the framework is empty"
        )
        return redirect("programme:framework", number=cohort.number)
    form = forms.ConfirmRulesChangeForm(*posted(request), cohort=cohort)
    if service_accepted(
        request,
        form,
        lambda: services.framework_load_standard(
            actor=request.user, cohort=cohort, reason=form.reason
        ),
        success="The standard framework has been added",
    ):
        return redirect("programme:framework", number=cohort.number)
    return _page(request, "framework_standard.html", cohort, "framework", form=form)


def _criterion_arguments(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "definition": data["definition"],
        "exercise_ids": set(data["exercise_ids"]),
        "reason": form.reason,
    }


def _exercise_arguments(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "stage": data["stage"],
        "description": data["description"],
        "criterion_ids": set(data["criterion_ids"]),
        "reason": form.reason,
    }


@access(ADMIN)
def criterion_add(request, number: int):
    cohort = _changeable(request, number)
    rules = cohort.current_rules
    form = forms.CriterionForm(*posted(request), cohort=cohort, rules=rules)
    if service_accepted(
        request,
        form,
        lambda: services.criterion_add(
            actor=request.user, cohort=cohort, **_criterion_arguments(form)
        ),
        success="Criterion added",
    ):
        return redirect("programme:framework", number=cohort.number)
    return _page(request, "criterion_form.html", cohort, "framework", form=form, criterion=None)


@access(ADMIN)
def criterion_update(request, number: int, pk: int):
    cohort = _changeable(request, number)
    rules = cohort.current_rules
    criterion = _current_row(cohort, Criterion, pk)
    initial = {
        "name": criterion.name,
        "definition": criterion.definition,
        "exercise_ids": list(criterion.exercises.values_list("pk", flat=True)),
    }
    form = forms.CriterionForm(*posted(request), initial=initial, cohort=cohort, rules=rules)
    if service_accepted(
        request,
        form,
        lambda: services.criterion_update(
            actor=request.user, cohort=cohort, criterion=criterion, **_criterion_arguments(form)
        ),
        success="Criterion saved",
    ):
        return redirect("programme:framework", number=cohort.number)
    return _page(
        request, "criterion_form.html", cohort, "framework", form=form, criterion=criterion
    )


@access(ADMIN)
def criterion_remove(request, number: int, pk: int):
    cohort = _changeable(request, number)
    criterion = _current_row(cohort, Criterion, pk)
    return _confirm_remove(
        request,
        cohort,
        section="framework",
        thing=f"the criterion “{criterion.name}”",
        remove=lambda reason: services.criterion_remove(
            actor=request.user, cohort=cohort, criterion=criterion, reason=reason
        ),
        done="programme:framework",
        success="Criterion removed",
        detail="Exercises will no longer assess it.",
    )


@access(ADMIN)
def exercise_add(request, number: int):
    cohort = _changeable(request, number)
    form = forms.ExerciseForm(*posted(request), cohort=cohort, rules=cohort.current_rules)
    if service_accepted(
        request,
        form,
        lambda: services.exercise_add(
            actor=request.user, cohort=cohort, **_exercise_arguments(form)
        ),
        success="Exercise added",
    ):
        return redirect("programme:framework", number=cohort.number)
    return _page(request, "exercise_form.html", cohort, "framework", form=form, exercise=None)


@access(ADMIN)
def exercise_update(request, number: int, pk: int):
    cohort = _changeable(request, number)
    exercise = _current_row(cohort, Exercise, pk)
    initial = {
        "name": exercise.name,
        "stage": exercise.stage,
        "description": exercise.description,
        "criterion_ids": list(exercise.criteria.values_list("pk", flat=True)),
    }
    form = forms.ExerciseForm(
        *posted(request), initial=initial, cohort=cohort, rules=cohort.current_rules
    )
    if service_accepted(
        request,
        form,
        lambda: services.exercise_update(
            actor=request.user, cohort=cohort, exercise=exercise, **_exercise_arguments(form)
        ),
        success="Exercise saved",
    ):
        return redirect("programme:framework", number=cohort.number)
    return _page(request, "exercise_form.html", cohort, "framework", form=form, exercise=exercise)


@access(ADMIN)
def exercise_remove(request, number: int, pk: int):
    cohort = _changeable(request, number)
    exercise = _current_row(cohort, Exercise, pk)
    return _confirm_remove(
        request,
        cohort,
        section="framework",
        thing=f"the exercise “{exercise.name}”",
        remove=lambda reason: services.exercise_remove(
            actor=request.user, cohort=cohort, exercise=exercise, reason=reason
        ),
        done="programme:framework",
        success="Exercise removed",
    )


@access(ADMIN)
def matrix_update(request, number: int):
    cohort = _changeable(request, number)
    rules = cohort.current_rules
    form = forms.MatrixForm(
        *posted(request),
        initial=forms.MatrixForm.initial_for(rules),
        cohort=cohort,
        rules=rules,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.matrix_update(
                actor=request.user, cohort=cohort, assessed=form.assessed(), reason=form.reason
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                form.show_under_assessed(error.messages)
        else:
            messages.success(request, "Which exercises assess which criteria saved")
            return redirect("programme:framework", number=cohort.number)
    return _page(request, "matrix_form.html", cohort, "framework", form=form)


@access(ADMIN)
def scale_update(request, number: int):
    cohort = _changeable(request, number)
    rules = cohort.current_rules
    reason_form = forms.ConfirmRulesChangeForm(*posted(request), cohort=cohort)
    if request.method == "POST" and "add_row" in request.POST:
        total = _int(request.POST.get("scale-TOTAL_FORMS"), 0, 50)
        rows = [
            {
                name: request.POST.get(f"scale-{i}-{name}", "")
                for name in ("score", "label", "description")
            }
            for i in range(total)
        ]
        formset = forms.scale_formset(initial=rows, extra=1)
        reason_form = forms.ConfirmRulesChangeForm(
            initial={"reason": request.POST.get("reason", "")}, cohort=cohort
        )
    elif request.method == "POST":
        formset = forms.scale_formset(data=request.POST)
        if service_accepted(
            request,
            reason_form,
            lambda: services.scale_update(
                actor=request.user,
                cohort=cohort,
                points=[p for p in (f.point() for f in formset.forms) if p is not None],
                reason=reason_form.reason,
            ),
            success="Scoring scale saved",
            formset=formset,
        ):
            return redirect("programme:framework", number=cohort.number)
    else:
        initial = [
            {"score": p.score, "label": p.label, "description": p.description}
            for p in rules.scale.all()
        ]
        formset = forms.scale_formset(initial=initial, extra=2 if initial else 4)
    return _page(
        request,
        "scale_form.html",
        cohort,
        "framework",
        formset=formset,
        reason_form=reason_form,
        has_errors=bool(
            formset.is_bound
            and (formset.total_error_count() or (reason_form.is_bound and reason_form.errors))
        ),
    )


def _int(value, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value)))
    except (TypeError, ValueError):
        return low
