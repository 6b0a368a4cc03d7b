"""The exercises of a cohort's assessment framework: adding, changing and removing them,
with the panel that observes each at the assessment centre."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import field_changes
from stepup.programme.models import Cohort, Criterion, Exercise, ExerciseStage, Panel
from stepup.programme.services.framework import (
    _assessed_pairs,
    _check_name,
    _counts_with,
    _names,
    _refuse_under_assessed,
)
from stepup.programme.services.rules import (
    _locked_cohort,
    _require_current,
    _versioned_add,
    _versioned_remove,
    _versioned_update,
)


def _checked(current, *, name, stage, panel, criterion_ids, exclude=None) -> list[Criterion]:
    """The criteria chosen for the exercise, once everything about it is checked."""
    errors = _check_name(current, Exercise, name, "exercise", exclude=exclude)
    if stage not in ExerciseStage.values:
        errors["stage"] = "Select when the exercise happens"
    if panel not in Panel.values:
        errors["panel"] = "Select who observes candidates in the exercise"
    elif panel and stage != ExerciseStage.ASSESSMENT_CENTRE:
        errors["panel"] = "Only an exercise at the assessment centre has a panel: choose any"
    chosen = list(current.criteria.filter(pk__in=criterion_ids))
    if len(chosen) != len(set(criterion_ids)):
        errors["criterion_ids"] = "Select criteria from this cohort's framework"
    if errors:
        raise ValidationError(errors)
    return chosen


def exercise_add(
    *,
    actor,
    cohort: Cohort,
    name: str,
    stage: str,
    description: str = "",
    criterion_ids: set[int] = frozenset(),
    panel: str = Panel.ANY,
    reason: str = "",
) -> Exercise:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        chosen = _checked(current, name=name, stage=stage, panel=panel, criterion_ids=criterion_ids)
        return _versioned_add(
            actor=actor,
            cohort=cohort,
            reason=reason,
            model=Exercise,
            values={
                "name": name.strip(),
                "stage": stage,
                "description": (description or "").strip(),
                "panel": panel,
            },
            links=("criteria", Criterion, chosen),
            what=lambda exercise: f"added exercise “{exercise.name}”",
            changes=lambda exercise: [
                {"field": "Exercise", "before": "(blank)", "after": exercise.name},
                {"field": "Assesses", "before": "(blank)", "after": _names(chosen) or "(blank)"},
            ],
        )


def exercise_update(
    *,
    actor,
    cohort: Cohort,
    exercise: Exercise,
    name: str,
    stage: str,
    description: str = "",
    criterion_ids: set[int] = frozenset(),
    panel: str = Panel.ANY,
    reason: str = "",
) -> Exercise:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = _require_current(cohort, exercise)
        chosen = _checked(
            current,
            name=name,
            stage=stage,
            panel=panel,
            criterion_ids=criterion_ids,
            exclude=exercise,
        )
        assessed = {p for p in _assessed_pairs(current) if p[0] != exercise.pk}
        assessed |= {(exercise.pk, c.pk) for c in chosen}
        _refuse_under_assessed(_counts_with(current, assessed), "criterion_ids")
        before = {
            "name": exercise.name,
            "stage": exercise.get_stage_display(),
            "description": exercise.description,
            "criteria": _names(exercise.criteria.all()),
            "panel": exercise.get_panel_display(),
        }
        after = {
            "name": name.strip(),
            "stage": ExerciseStage(stage).label,
            "description": (description or "").strip(),
            "criteria": _names(chosen),
            "panel": Panel(panel).label,
        }
        labels = {
            "name": "Exercise",
            "stage": "Stage",
            "description": "Description",
            "criteria": "Assesses",
            "panel": "Observed by",
        }
        changes = field_changes(before, after, labels)
        if not changes:
            return exercise
        return _versioned_update(
            actor=actor,
            cohort=cohort,
            reason=reason,
            record=exercise,
            values={
                "name": after["name"],
                "stage": stage,
                "description": after["description"],
                "panel": panel,
            },
            links=("criteria", Criterion, chosen),
            what=f"changed exercise “{exercise.name}”",
            changes=changes,
        )


def exercise_remove(*, actor, cohort: Cohort, exercise: Exercise, reason: str = "") -> None:
    """Refused if a criterion would then be assessed in fewer than 2 exercises."""
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = _require_current(cohort, exercise)
        assessed = {p for p in _assessed_pairs(current) if p[0] != exercise.pk}
        _refuse_under_assessed(_counts_with(current, assessed))
        _versioned_remove(
            actor=actor,
            cohort=cohort,
            reason=reason,
            record=exercise,
            what=f"removed exercise “{exercise.name}”",
            changes=[{"field": "Exercise", "before": exercise.name, "after": "(blank)"}],
        )
