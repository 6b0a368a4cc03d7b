"""The assessment framework: criteria, exercises, which exercise assesses which, and the scale."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import field_changes
from stepup.programme import standard_framework
from stepup.programme.models import (
    Cohort,
    Criterion,
    Exercise,
    Panel,
    RuleVersion,
    ScalePoint,
)
from stepup.programme.queries import (
    MIN_EXERCISES_PER_CRITERION,
    MIN_SCALE_POINTS,
    framework_is_empty,
    under_assessed,
)
from stepup.programme.services.rules import (
    _audit_rules,
    _in,
    _locked_cohort,
    _require_current,
    _rules_for_change,
    _versioned_add,
    _versioned_remove,
    _versioned_update,
)

# The assessment framework


def _refuse_under_assessed(counts: dict[str, int], field: str | None = None) -> None:
    problems = under_assessed(counts)
    if problems:
        raise ValidationError({field: problems} if field else problems)


def _names(objects) -> str:
    return ", ".join(o.name for o in objects) or ""


def _counts_with(
    rules: RuleVersion, assessed: set[tuple[int, int]], criteria=None
) -> dict[str, int]:
    criteria = list(criteria if criteria is not None else rules.criteria.all())
    return {c.name: sum(1 for _, cid in assessed if cid == c.pk) for c in criteria}


def _assessed_pairs(rules: RuleVersion) -> set[tuple[int, int]]:
    through = Exercise.criteria.through.objects.filter(exercise__rules=rules)
    return set(through.values_list("exercise_id", "criterion_id"))


def _check_name(rules: RuleVersion, model, name: str, kind: str, exclude=None) -> dict:
    name = (name or "").strip()
    limit = model._meta.get_field("name").max_length
    if not name:
        return {"name": f"Enter the {kind}'s name"}
    if len(name) > limit:
        return {"name": f"The name must be {limit} characters or fewer"}
    others = model.objects.filter(rules=rules, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    clash = others.first()
    if clash is not None:
        return {"name": f"There is already a {kind} called {clash.name}. Enter a different name"}
    return {}


def framework_load(
    *,
    actor,
    cohort: Cohort,
    criteria: tuple[tuple[str, str], ...],
    exercises: tuple[tuple[str, str, str, tuple[str, ...]], ...],
    scale: tuple[tuple[int, str, str], ...],
    reason: str = "",
    what: str = "loaded an assessment framework",
    panels: dict[str, str] | None = None,
) -> RuleVersion:
    """Fill an empty framework from data; refused whole if any criterion is under-assessed.
    The scale is loaded only if the cohort has none yet."""
    names = [name for name, _ in criteria]
    counts = {name: sum(1 for *_, assessed in exercises if name in assessed) for name in names}
    unknown = {c for *_, assessed in exercises for c in assessed} - set(names)
    if unknown:
        raise ValueError(f"Exercises assess unknown criteria: {', '.join(sorted(unknown))}")
    _refuse_under_assessed(counts)
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        if not framework_is_empty(rules=cohort.current_rules):
            raise ValidationError(
                "The framework already has criteria or exercises. Remove them first, or "
                "change them one by one"
            )
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        by_name = {}
        for position, (name, definition) in enumerate(criteria):
            by_name[name] = Criterion.objects.create(
                rules=rules, name=name, definition=definition, position=position
            )
        for position, (name, stage, description, assessed) in enumerate(exercises):
            exercise = Exercise.objects.create(
                rules=rules,
                name=name,
                stage=stage,
                description=description,
                position=position,
                panel=(panels or {}).get(name, Panel.ANY),
            )
            exercise.criteria.set([by_name[c] for c in assessed])
        changes = [
            {"field": "Criteria", "before": "(blank)", "after": ", ".join(names)},
            {
                "field": "Exercises",
                "before": "(blank)",
                "after": ", ".join(name for name, *_ in exercises),
            },
        ]
        if not rules.scale.exists():
            for score, label, description in scale:
                ScalePoint.objects.create(
                    rules=rules, score=score, label=label, description=description
                )
            changes.append(
                {
                    "field": "Scoring scale",
                    "before": "(blank)",
                    "after": ", ".join(f"{s} {label}" for s, label, _ in scale),
                }
            )
        _audit_rules(
            actor=actor, cohort=cohort, rules=rules, what=what, changes=changes, reason=reason
        )
    return rules


def framework_load_standard(
    *, actor, cohort: Cohort, reason: str = "", interview_format: str = "joint"
) -> RuleVersion:
    """The nine criteria, six exercises and 1–4 scale of the national evaluation, with the
    interview joint (from cohort 2) or separate (cohort 1: one by the university, one by the
    local authority, each observed by its own staff)."""
    if interview_format not in ("joint", "separate"):
        raise ValidationError({"interview_format": "Select how candidates are interviewed"})
    exercises, panels = standard_framework.exercises_for(interview_format)
    return framework_load(
        actor=actor,
        cohort=cohort,
        criteria=standard_framework.CRITERIA,
        exercises=exercises,
        scale=standard_framework.SCALE,
        reason=reason,
        what="used the standard framework"
        + (" with separate interviews" if interview_format == "separate" else ""),
        panels=panels,
    )


WEIGHT_MAX = 10


def _weight_errors(weight) -> dict[str, str]:
    if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= WEIGHT_MAX:
        return {"weight": f"Enter a weight between 1 and {WEIGHT_MAX}, like 1"}
    return {}


def criterion_add(
    *,
    actor,
    cohort: Cohort,
    name: str,
    definition: str,
    exercise_ids: set[int],
    weight: int | None = None,
    reason: str = "",
) -> Criterion:
    """A new criterion, with the exercises that assess it (at least 2); counted once in the
    centre's composite unless ``weight`` says otherwise."""
    weight = 1 if weight is None else weight
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        errors = _check_name(current, Criterion, name, "criterion")
        if not (definition or "").strip():
            errors["definition"] = "Enter what the criterion means"
        errors.update(_weight_errors(weight))
        chosen = list(current.exercises.filter(pk__in=exercise_ids))
        if len(chosen) != len(set(exercise_ids)):
            errors["exercise_ids"] = "Select exercises from this cohort's framework"
        elif not errors and len(chosen) < MIN_EXERCISES_PER_CRITERION:
            errors["exercise_ids"] = under_assessed({name.strip(): len(chosen)})
        if errors:
            raise ValidationError(errors)
        return _versioned_add(
            actor=actor,
            cohort=cohort,
            reason=reason,
            model=Criterion,
            values={"name": name.strip(), "definition": definition.strip(), "weight": weight},
            links=("exercises", Exercise, chosen),
            what=lambda criterion: f"added criterion “{criterion.name}”",
            changes=lambda criterion: [
                {"field": "Criterion", "before": "(blank)", "after": criterion.name},
                {"field": "Definition", "before": "(blank)", "after": criterion.definition},
                {"field": "Assessed in", "before": "(blank)", "after": _names(chosen)},
            ],
        )


def criterion_update(
    *,
    actor,
    cohort: Cohort,
    criterion: Criterion,
    name: str,
    definition: str,
    exercise_ids: set[int],
    weight: int | None = None,
    reason: str = "",
) -> Criterion:
    """``weight`` left out keeps the criterion's weight as it is."""
    weight = criterion.weight if weight is None else weight
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = _require_current(cohort, criterion)
        errors = _check_name(current, Criterion, name, "criterion", exclude=criterion)
        if not (definition or "").strip():
            errors["definition"] = "Enter what the criterion means"
        errors.update(_weight_errors(weight))
        chosen = list(current.exercises.filter(pk__in=exercise_ids))
        if len(chosen) != len(set(exercise_ids)):
            errors["exercise_ids"] = "Select exercises from this cohort's framework"
        elif not errors and len(chosen) < MIN_EXERCISES_PER_CRITERION:
            errors["exercise_ids"] = under_assessed({name.strip(): len(chosen)})
        if errors:
            raise ValidationError(errors)
        before_exercises = list(criterion.exercises.all())
        changes = field_changes(
            {
                "name": criterion.name,
                "definition": criterion.definition,
                "exercises": _names(before_exercises),
                "weight": str(criterion.weight),
            },
            {
                "name": name.strip(),
                "definition": definition.strip(),
                "exercises": _names(chosen),
                "weight": str(weight),
            },
            {
                "name": "Criterion",
                "definition": "Definition",
                "exercises": "Assessed in",
                "weight": "Weight at the assessment centre",
            },
        )
        if not changes:
            return criterion
        return _versioned_update(
            actor=actor,
            cohort=cohort,
            reason=reason,
            record=criterion,
            values={"name": name.strip(), "definition": definition.strip(), "weight": weight},
            links=("exercises", Exercise, chosen),
            what=f"changed criterion “{criterion.name}”",
            changes=changes,
        )


def criterion_remove(*, actor, cohort: Cohort, criterion: Criterion, reason: str = "") -> None:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        _require_current(cohort, criterion)
        _versioned_remove(
            actor=actor,
            cohort=cohort,
            reason=reason,
            record=criterion,
            what=f"removed criterion “{criterion.name}”",
            changes=[{"field": "Criterion", "before": criterion.name, "after": "(blank)"}],
        )


def matrix_update(
    *, actor, cohort: Cohort, assessed: set[tuple[int, int]], reason: str = ""
) -> RuleVersion:
    """Which exercise assesses which criterion, as (exercise id, criterion id) pairs of the
    current version. Refused whole, naming each criterion, if any is assessed fewer than
    twice."""
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        exercises = list(current.exercises.prefetch_related("criteria"))
        criteria = list(current.criteria.all())
        exercise_ids = {e.pk for e in exercises}
        criterion_ids = {c.pk for c in criteria}
        assessed = set(assessed)
        if any(e not in exercise_ids or c not in criterion_ids for e, c in assessed):
            raise ValidationError("Tick only exercises and criteria of this cohort's framework")
        _refuse_under_assessed(_counts_with(current, assessed, criteria))
        changes = []
        for exercise in exercises:
            had = {c.pk for c in exercise.criteria.all()}
            before = [c for c in criteria if c.pk in had]
            after = [c for c in criteria if (exercise.pk, c.pk) in assessed]
            if before != after:
                changes.append(
                    {
                        "field": f"{exercise.name} assesses",
                        "before": _names(before) or "(blank)",
                        "after": _names(after) or "(blank)",
                    }
                )
        if not changes:
            return current
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        for exercise in exercises:
            target = _in(rules, Exercise, exercise.pk)
            target.criteria.set(
                [_in(rules, Criterion, cid) for eid, cid in assessed if eid == exercise.pk]
            )
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what="changed which exercises assess which criteria",
            changes=changes,
            reason=reason,
        )
    return rules


def scale_update(
    *, actor, cohort: Cohort, points: list[tuple[int, str, str]], reason: str = ""
) -> RuleVersion:
    """Replace the scoring scale with these (score, label, description) points."""
    points = sorted(
        (
            (score, (label or "").strip(), (description or "").strip())
            for score, label, description in points
        ),
        key=lambda p: p[0],
    )
    scores = [score for score, _, _ in points]
    if len(points) < MIN_SCALE_POINTS:
        raise ValidationError(f"Enter at least {MIN_SCALE_POINTS} points on the scale")
    if len(set(scores)) != len(scores):
        raise ValidationError("Give each point on the scale a different score")
    if any(not 0 <= score <= 10 for score in scores):
        raise ValidationError("Scores must be between 0 and 10")
    if any(not label for _, label, _ in points):
        raise ValidationError("Enter a label for each point on the scale")
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        before = [(p.score, p.label, p.description) for p in current.scale.all()]
        if before == points:
            return current

        def show(rows):
            return "; ".join(f"{s} {label}" for s, label, _ in rows) or "(blank)"

        changes = [{"field": "Scoring scale", "before": show(before), "after": show(points)}]
        if [p[:2] for p in before] == [p[:2] for p in points]:
            changes = [
                {
                    "field": f"Description of {s} {label}",
                    "before": old[2] or "(blank)",
                    "after": d or "(blank)",
                }
                for (s, label, d), old in zip(points, before, strict=True)
                if old[2] != d
            ]
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        rules.scale.all().delete()
        for score, label, description in points:
            ScalePoint.objects.create(
                rules=rules, score=score, label=label, description=description
            )
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what="changed the scoring scale",
            changes=changes,
            reason=reason,
        )
    return rules
