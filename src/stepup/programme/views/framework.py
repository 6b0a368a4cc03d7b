"""The assessment framework: criteria, exercises, the matrix and the scale."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from stepup.core.access import access
from stepup.core.form_flow import add_service_errors, posted, service_accepted
from stepup.programme import forms, queries, services
from stepup.programme.models import (
    Criterion,
    Exercise,
)
from stepup.programme.views.common import (
    ADMIN,
    STAFF,
    _changeable,
    _form_page,
    _page,
    _rules_shown,
    _visible,
)
from stepup.programme.views.rules import _confirm_remove, _current_row

# The assessment framework


_FRAMEWORK = {"done": "programme:framework", "section": "framework"}


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
        standard_form=forms.StandardFrameworkForm(
            cohort=cohort, initial={"interview_format": "joint"}
        ),
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
    form = forms.StandardFrameworkForm(
        *posted(request), cohort=cohort, initial={"interview_format": "joint"}
    )
    if service_accepted(
        request,
        form,
        lambda: services.framework_load_standard(
            actor=request.user,
            cohort=cohort,
            reason=form.reason,
            interview_format=form.cleaned_data["interview_format"],
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
        "weight": data["weight"],
        "reason": form.reason,
    }


def _exercise_arguments(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "stage": data["stage"],
        "description": data["description"],
        "criterion_ids": set(data["criterion_ids"]),
        "panel": data["panel"] or "",
        "reason": form.reason,
    }


@access(ADMIN)
def criterion_add(request, number: int):
    cohort = _changeable(request, number)
    form = forms.CriterionForm(*posted(request), cohort=cohort, rules=cohort.current_rules)
    return _form_page(
        request,
        cohort,
        form=form,
        save=lambda: services.criterion_add(
            actor=request.user, cohort=cohort, **_criterion_arguments(form)
        ),
        success="Criterion added",
        **_FRAMEWORK,
        template="criterion_form.html",
        criterion=None,
    )


@access(ADMIN)
def criterion_update(request, number: int, pk: int):
    cohort = _changeable(request, number)
    rules = cohort.current_rules
    criterion = _current_row(cohort, Criterion, pk)
    initial = {
        "name": criterion.name,
        "definition": criterion.definition,
        "exercise_ids": list(criterion.exercises.values_list("pk", flat=True)),
        "weight": criterion.weight,
    }
    form = forms.CriterionForm(*posted(request), initial=initial, cohort=cohort, rules=rules)
    return _form_page(
        request,
        cohort,
        form=form,
        save=lambda: services.criterion_update(
            actor=request.user, cohort=cohort, criterion=criterion, **_criterion_arguments(form)
        ),
        success="Criterion saved",
        **_FRAMEWORK,
        template="criterion_form.html",
        criterion=criterion,
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
    return _form_page(
        request,
        cohort,
        form=form,
        save=lambda: services.exercise_add(
            actor=request.user, cohort=cohort, **_exercise_arguments(form)
        ),
        success="Exercise added",
        **_FRAMEWORK,
        template="exercise_form.html",
        exercise=None,
    )


@access(ADMIN)
def exercise_update(request, number: int, pk: int):
    cohort = _changeable(request, number)
    exercise = _current_row(cohort, Exercise, pk)
    initial = {
        "name": exercise.name,
        "stage": exercise.stage,
        "description": exercise.description,
        "criterion_ids": list(exercise.criteria.values_list("pk", flat=True)),
        "panel": exercise.panel,
    }
    form = forms.ExerciseForm(
        *posted(request), initial=initial, cohort=cohort, rules=cohort.current_rules
    )
    return _form_page(
        request,
        cohort,
        form=form,
        save=lambda: services.exercise_update(
            actor=request.user, cohort=cohort, exercise=exercise, **_exercise_arguments(form)
        ),
        success="Exercise saved",
        **_FRAMEWORK,
        template="exercise_form.html",
        exercise=exercise,
    )


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
