"""Setting up cohorts: details, status, timetable, and the versioned rules.

Every rule change goes through ``_rules_for_change``: while the cohort is being set up it
gives the current version to edit in place; once the rules are locked it copies the
current version to a new one and the change is applied to the copy, so the decisions made
under the old rules can always be read against them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import audit_record, field_changes
from stepup.core.formatting import govuk_date, pounds
from stepup.core.models import AuditEntry
from stepup.programme import standard_framework
from stepup.programme.lifecycle import COHORT_LIFECYCLE
from stepup.programme.models import (
    Cohort,
    Criterion,
    DegreeClass,
    Exercise,
    ExerciseStage,
    FundingBasis,
    FundingRate,
    GcseMinimum,
    Milestone,
    MilestoneKind,
    RuleVersion,
    ScalePoint,
    SiftBy,
)
from stepup.programme.queries import (
    MIN_EXERCISES_PER_CRITERION,
    MIN_SCALE_POINTS,
    framework_is_empty,
    transition_problems,
    under_assessed,
)

REASON_REQUIRED = "Enter why you are changing the rules"

ELIGIBILITY_FIELDS = (
    "min_degree_class",
    "excluded_degree_subject",
    "gcse_english_minimum",
    "gcse_maths_minimum",
    "experience_required",
    "right_to_work_required",
)

# Recruitment settings are part of the versioned rules too: they are copied with them.
RECRUITMENT_FIELDS = (
    "q1_word_limit",
    "q2_word_limit",
    "q3_word_limit",
    "sift_by",
    "double_sift",
    "sift_tolerance",
    "sift_pass_mark",
)

_COHORT_LABELS = {
    "number": "Number",
    "name": "Name",
    "start_date": "Start date",
    "length_months": "Length in months",
}


def _person(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None


def _lower_first(text: str) -> str:
    """'Minimum degree class' → 'minimum degree class', but 'GCSE Maths' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# Cohorts


def _cohort_errors(*, name: str, start_date, length_months: int) -> dict[str, str]:
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter the cohort's name"
    elif len(name) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    if not isinstance(start_date, datetime.date):
        errors["start_date"] = "Enter the date trainees start"
    if not isinstance(length_months, int) or not 6 <= length_months <= 36:
        errors["length_months"] = "The length must be between 6 and 36 months"
    return errors


def cohort_create(
    *, actor, number: int, name: str, start_date: datetime.date, length_months: int
) -> Cohort:
    """A new cohort in draft, with rules version 1 holding the default eligibility."""
    errors = _cohort_errors(name=name, start_date=start_date, length_months=length_months)
    if not isinstance(number, int) or number < 1:
        errors["number"] = "The cohort number must be 1 or more"
    elif Cohort.objects.filter(number=number).exists():
        errors["number"] = f"Cohort {number} already exists. Enter a different number"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cohort = Cohort.objects.create(
            number=number, name=name.strip(), start_date=start_date, length_months=length_months
        )
        RuleVersion.objects.create(cohort=cohort, number=1, created_by=_person(actor))
        after = {
            "number": number,
            "name": cohort.name,
            "start_date": govuk_date(start_date),
            "length_months": length_months,
        }
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.CREATED,
            summary=f"Cohort {number} created, with rules version 1",
            changes=field_changes({}, after, _COHORT_LABELS),
        )
    return cohort


def cohort_update(
    *, actor, cohort: Cohort, name: str, start_date: datetime.date, length_months: int
) -> Cohort:
    errors = _cohort_errors(name=name, start_date=start_date, length_months=length_months)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        before = {
            "name": cohort.name,
            "start_date": govuk_date(cohort.start_date),
            "length_months": cohort.length_months,
        }
        cohort.name = name.strip()
        cohort.start_date = start_date
        cohort.length_months = length_months
        after = {
            "name": cohort.name,
            "start_date": govuk_date(start_date),
            "length_months": length_months,
        }
        changes = field_changes(before, after, _COHORT_LABELS)
        if not changes:
            return cohort
        cohort.save(update_fields=["name", "start_date", "length_months"])
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.CHANGED,
            summary="Changed the cohort's details",
            changes=changes,
        )
    return cohort


def cohort_transition(*, actor, cohort: Cohort, to_status: str, reason: str = "") -> Cohort:
    """Move the cohort along its lifecycle; refused, with what is missing, if not ready."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if actor is None:
            COHORT_LIFECYCLE.get(cohort.status, to_status)
        else:
            COHORT_LIFECYCLE.check(cohort.status, to_status, actor, reason)
        problems = transition_problems(cohort=cohort, to_status=to_status)
        if problems:
            raise ValidationError(problems)
        before = cohort.get_status_display()
        cohort.status = to_status
        cohort.save(update_fields=["status"])
        after = cohort.get_status_display()
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.TRANSITION,
            summary=f"Status changed from {before} to {after}",
            changes=[{"field": "Status", "before": before, "after": after}],
            reason=reason.strip(),
        )
    return cohort


# The timetable


def milestone_words(kind: str) -> dict[str, str]:
    """How the dates of a milestone are asked for and checked."""
    if kind == MilestoneKind.APPLICATION_WINDOW:
        return {
            "starts": "Date the application window opens",
            "ends": "Date the application window closes",
            "starts_subject": "the date the application window opens",
            "ends_subject": "the date the application window closes",
            "order": "The application window must close on or after the day it opens",
        }
    return {
        "starts": "Start date",
        "ends": "End date",
        "starts_subject": "the start date",
        "ends_subject": "the end date",
        "order": "The end date must be the same as or after the start date",
    }


def _milestone_values(milestone: Milestone | None) -> dict[str, str]:
    if milestone is None:
        return {}
    return {
        "starts_on": govuk_date(milestone.starts_on),
        "ends_on": govuk_date(milestone.ends_on),
        "note": milestone.note,
    }


_MILESTONE_LABELS = {"starts_on": "Starts", "ends_on": "Ends", "note": "As published"}


def milestone_save(
    *,
    actor,
    cohort: Cohort,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    note: str = "",
) -> Milestone:
    """Set the dates of one milestone; the timetable may move in any status."""
    if kind not in MilestoneKind.values:
        raise ValidationError({"kind": "Choose a milestone from the national timetable"})
    errors = {}
    note = (note or "").strip()
    if not isinstance(starts_on, datetime.date):
        errors["starts_on"] = f"Enter {milestone_words(kind)['starts_subject']}"
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = milestone_words(kind)["order"]
    if len(note) > 200:
        errors["note"] = "The date as published must be 200 characters or fewer"
    if errors:
        raise ValidationError(errors)
    label = MilestoneKind(kind).label
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        milestone = cohort.milestones.filter(kind=kind).first()
        before = _milestone_values(milestone)
        if milestone is None:
            milestone = Milestone(cohort=cohort, kind=kind)
        milestone.starts_on, milestone.ends_on, milestone.note = starts_on, ends_on, note
        after = _milestone_values(milestone)
        changes = field_changes(before, after, _MILESTONE_LABELS)
        if before and not changes:
            return milestone
        milestone.save()
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.CHANGED if before else AuditEntry.Action.CREATED,
            summary=(
                f"Changed “{label}” in the timetable"
                if before
                else f"Added “{label}” to the timetable"
            ),
            changes=changes,
        )
    return milestone


def milestone_remove(*, actor, cohort: Cohort, kind: str) -> None:
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        milestone = cohort.milestones.filter(kind=kind).first()
        if milestone is None:
            return
        before = _milestone_values(milestone)
        milestone.delete()
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.REMOVED,
            summary=f"Removed “{milestone.get_kind_display()}” from the timetable",
            changes=field_changes(before, dict.fromkeys(before, ""), _MILESTONE_LABELS),
        )


# Rules: one helper makes every change land on the right version.


def _rules_for_change(*, actor, cohort: Cohort, reason: str) -> RuleVersion:
    """The version a rule change is applied to.

    While the cohort is being set up, the current version itself. Once the rules are
    locked, a new version copied from the current one (eligibility, criteria, exercises,
    matrix, scale and funding rates), leaving the old one as it was; this needs a reason.
    The returned version's ``id_map`` says which copied row stands for which original, so
    that a change naming rows of the current version finds their copies.
    """
    current = cohort.current_rules
    if not cohort.rules_locked:
        current.id_map = None
        return current
    if not (reason or "").strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    new = RuleVersion.objects.create(
        cohort=cohort,
        number=current.number + 1,
        created_by=_person(actor),
        reason=reason.strip(),
        **{name: getattr(current, name) for name in ELIGIBILITY_FIELDS + RECRUITMENT_FIELDS},
    )
    criteria = {}
    for old in current.criteria.all():
        criteria[old.pk] = Criterion.objects.create(
            rules=new, name=old.name, definition=old.definition, position=old.position
        ).pk
    exercises = {}
    for old in current.exercises.prefetch_related("criteria"):
        copy = Exercise.objects.create(
            rules=new,
            name=old.name,
            description=old.description,
            stage=old.stage,
            position=old.position,
        )
        copy.criteria.set([criteria[c.pk] for c in old.criteria.all()])
        exercises[old.pk] = copy.pk
    scale = {}
    for old in current.scale.all():
        scale[old.pk] = ScalePoint.objects.create(
            rules=new, score=old.score, label=old.label, description=old.description
        ).pk
    rates = {}
    for old in current.funding_rates.all():
        rates[old.pk] = FundingRate.objects.create(
            rules=new,
            label=old.label,
            basis=old.basis,
            amount_pence=old.amount_pence,
            band_min=old.band_min,
            band_max=old.band_max,
            position=old.position,
        ).pk
    new.id_map = {Criterion: criteria, Exercise: exercises, ScalePoint: scale, FundingRate: rates}
    return new


def _in(rules: RuleVersion, model, pk: int):
    """The row of ``rules`` standing for row ``pk`` of the version the change was asked on."""
    if rules.id_map:
        pk = rules.id_map[model][pk]
    return model.objects.get(rules=rules, pk=pk)


def _audit_rules(
    *, actor, cohort: Cohort, rules: RuleVersion, what: str, changes, reason: str = ""
) -> None:
    """One entry on the cohort: 'Rules version 2 created: changed …' or '… changed: …'."""
    versioned = bool(rules.id_map)
    audit_record(
        actor=actor,
        record=cohort,
        action=AuditEntry.Action.VERSIONED if versioned else AuditEntry.Action.CHANGED,
        summary=f"Rules version {rules.number} {'created' if versioned else 'changed'}: {what}",
        changes=changes,
        reason=(reason or "").strip(),
    )


def _require_current(cohort: Cohort, *objects) -> RuleVersion:
    current = cohort.current_rules
    for obj in objects:
        if obj.rules_id != current.pk:
            raise ValidationError("Only the current version of the rules can be changed")
    return current


def _locked_cohort(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


# Eligibility


def _eligibility_values(rules: RuleVersion) -> dict[str, str]:
    values = {}
    for name in ELIGIBILITY_FIELDS:
        field = RuleVersion._meta.get_field(name)
        value = getattr(rules, name)
        if field.choices:
            value = dict(field.choices).get(value, value)
        values[name] = value
    return values


def _eligibility_labels() -> dict[str, str]:
    return {
        name: str(RuleVersion._meta.get_field(name).verbose_name) for name in ELIGIBILITY_FIELDS
    }


def eligibility_update(*, actor, cohort: Cohort, reason: str = "", **rules) -> RuleVersion:
    """Change any of the eligibility rules; those not given stay as they are."""
    unknown = set(rules) - set(ELIGIBILITY_FIELDS)
    if unknown:
        raise TypeError(f"Not eligibility rules: {', '.join(sorted(unknown))}")
    errors = {}
    if "min_degree_class" in rules and rules["min_degree_class"] not in DegreeClass.values:
        errors["min_degree_class"] = "Select the minimum degree class"
    for name in ("gcse_english_minimum", "gcse_maths_minimum"):
        if name in rules and rules[name] not in GcseMinimum.values:
            errors[name] = "Select the minimum GCSE grade"
    if len(rules.get("excluded_degree_subject") or "") > 100:
        errors["excluded_degree_subject"] = "The subject must be 100 characters or fewer"
    if errors:
        raise ValidationError(errors)
    if "excluded_degree_subject" in rules:
        rules["excluded_degree_subject"] = (rules["excluded_degree_subject"] or "").strip()
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        before = _eligibility_values(current)
        proposed = RuleVersion(**{name: getattr(current, name) for name in ELIGIBILITY_FIELDS})
        for name, value in rules.items():
            setattr(proposed, name, value)
        labels = _eligibility_labels()
        changes = field_changes(before, _eligibility_values(proposed), labels)
        if not changes:
            return current
        target = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        for name, value in rules.items():
            setattr(target, name, value)
        target.save(update_fields=list(rules))
        what = "changed " + ", ".join(_lower_first(c["field"]) for c in changes)
        _audit_rules(
            actor=actor, cohort=cohort, rules=target, what=what, changes=changes, reason=reason
        )
    return target


# Recruitment settings: word limits and how the sift is run.


def _recruitment_values(rules: RuleVersion) -> dict[str, str]:
    values = {}
    for name in RECRUITMENT_FIELDS:
        field = RuleVersion._meta.get_field(name)
        value = getattr(rules, name)
        if field.choices:
            value = dict(field.choices).get(value, value)
        values[name] = value
    return values


def _recruitment_labels() -> dict[str, str]:
    return {
        name: str(RuleVersion._meta.get_field(name).verbose_name) for name in RECRUITMENT_FIELDS
    }


WORD_LIMIT_MAX = 2000
SIFT_TOLERANCE_MAX = 20


def _recruitment_errors(settings: dict) -> dict[str, str]:
    errors = {}
    for number in (1, 2, 3):
        name = f"q{number}_word_limit"
        if name in settings:
            value = settings[name]
            if not isinstance(value, int) or isinstance(value, bool):
                errors[name] = f"Enter the word limit for question {number}, like 500"
            elif not 1 <= value <= WORD_LIMIT_MAX:
                errors[name] = (
                    f"The word limit for question {number} must be between 1 and {WORD_LIMIT_MAX}"
                )
    if "sift_by" in settings and settings["sift_by"] not in SiftBy.values:
        errors["sift_by"] = "Select who sifts applications"
    if "double_sift" in settings and not isinstance(settings["double_sift"], bool):
        errors["double_sift"] = "Select whether two sifters score each application"
    if "sift_tolerance" in settings:
        value = settings["sift_tolerance"]
        if not isinstance(value, int) or isinstance(value, bool):
            errors["sift_tolerance"] = "Enter the largest gap between two sifters' totals, like 2"
        elif not 0 <= value <= SIFT_TOLERANCE_MAX:
            errors["sift_tolerance"] = f"The largest gap must be between 0 and {SIFT_TOLERANCE_MAX}"
    if "sift_pass_mark" in settings:
        value = settings["sift_pass_mark"]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            errors["sift_pass_mark"] = "Enter the pass mark as a whole number, like 12"
        elif value is not None and value < 0:
            errors["sift_pass_mark"] = "The pass mark must be 0 or more"
    return errors


def recruitment_settings_update(
    *, actor, cohort: Cohort, reason: str = "", **settings
) -> RuleVersion:
    """Change the word limits or how the sift is run; those not given stay as they are.

    They are part of the versioned rules, so once the rules are locked a change makes a
    new version (with a reason), and applications keep the settings they were made under.
    """
    unknown = set(settings) - set(RECRUITMENT_FIELDS)
    if unknown:
        raise TypeError(f"Not recruitment settings: {', '.join(sorted(unknown))}")
    errors = _recruitment_errors(settings)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        before = _recruitment_values(current)
        proposed = RuleVersion(**{name: getattr(current, name) for name in RECRUITMENT_FIELDS})
        for name, value in settings.items():
            setattr(proposed, name, value)
        changes = field_changes(before, _recruitment_values(proposed), _recruitment_labels())
        if not changes:
            return current
        target = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        for name, value in settings.items():
            setattr(target, name, value)
        target.save(update_fields=list(settings))
        what = "changed " + ", ".join(_lower_first(c["field"]) for c in changes)
        _audit_rules(
            actor=actor, cohort=cohort, rules=target, what=what, changes=changes, reason=reason
        )
    return target


# Funding rates


def _rate_values(rate: FundingRate | None) -> dict[str, str]:
    if rate is None:
        return {}
    band = rate.basis == FundingBasis.SIZE_BAND
    return {
        "label": rate.label,
        "basis": FundingBasis(rate.basis).label,
        "amount_pence": pounds(rate.amount_pence),
        "band_min": rate.band_min if band else "",
        "band_max": rate.band_max if band else "",
    }


_RATE_LABELS = {
    "label": "Funding line",
    "basis": "Basis",
    "amount_pence": "Amount",
    "band_min": "Smallest partnership",
    "band_max": "Largest partnership",
}


def _rate_errors(*, label: str, basis: str, amount_pence, band_min, band_max) -> dict[str, str]:
    errors = {}
    if not (label or "").strip():
        errors["label"] = "Enter what the money is for, like Bursary"
    elif len(label) > 150:
        errors["label"] = "The funding line must be 150 characters or fewer"
    if basis not in FundingBasis.values:
        errors["basis"] = "Select how the amount is paid"
    if not isinstance(amount_pence, int):
        errors["amount_pence"] = "Enter the amount in pounds, like 19833"
    elif amount_pence < 0:
        errors["amount_pence"] = "The amount must be £0 or more"
    if basis == FundingBasis.SIZE_BAND:
        if band_min is None:
            errors["band_min"] = "Enter the smallest partnership size the amount is for, like 26"
        elif band_min < 1:
            errors["band_min"] = "The smallest partnership size must be 1 or more"
        if band_max is None:
            errors["band_max"] = "Enter the largest partnership size the amount is for, like 35"
        elif band_min is not None and band_max < band_min:
            errors["band_max"] = (
                "The largest partnership size must be the same as or more than the smallest"
            )
    return errors


def funding_rate_add(
    *,
    actor,
    cohort: Cohort,
    label: str,
    basis: str,
    amount_pence: int,
    band_min: int | None = None,
    band_max: int | None = None,
    reason: str = "",
) -> FundingRate:
    errors = _rate_errors(
        label=label, basis=basis, amount_pence=amount_pence, band_min=band_min, band_max=band_max
    )
    if errors:
        raise ValidationError(errors)
    if basis != FundingBasis.SIZE_BAND:
        band_min = band_max = None
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        last = rules.funding_rates.order_by("-position").first()
        rate = FundingRate.objects.create(
            rules=rules,
            label=label.strip(),
            basis=basis,
            amount_pence=amount_pence,
            band_min=band_min,
            band_max=band_max,
            position=(last.position + 1) if last else 0,
        )
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"added funding line “{rate.label}”",
            changes=field_changes({}, _rate_values(rate), _RATE_LABELS),
            reason=reason,
        )
    return rate


def funding_rate_update(
    *,
    actor,
    cohort: Cohort,
    rate: FundingRate,
    label: str,
    basis: str,
    amount_pence: int,
    band_min: int | None = None,
    band_max: int | None = None,
    reason: str = "",
) -> FundingRate:
    errors = _rate_errors(
        label=label, basis=basis, amount_pence=amount_pence, band_min=band_min, band_max=band_max
    )
    if errors:
        raise ValidationError(errors)
    if basis != FundingBasis.SIZE_BAND:
        band_min = band_max = None
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        _require_current(cohort, rate)
        before = _rate_values(rate)
        proposed = FundingRate(
            label=label.strip(),
            basis=basis,
            amount_pence=amount_pence,
            band_min=band_min,
            band_max=band_max,
        )
        changes = field_changes(before, _rate_values(proposed), _RATE_LABELS)
        if not changes:
            return rate
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        target = _in(rules, FundingRate, rate.pk)
        for name in ("label", "basis", "amount_pence", "band_min", "band_max"):
            setattr(target, name, getattr(proposed, name))
        target.save()
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"changed funding line “{rate.label}”",
            changes=changes,
            reason=reason,
        )
    return target


def funding_rate_remove(*, actor, cohort: Cohort, rate: FundingRate, reason: str = "") -> None:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        _require_current(cohort, rate)
        before = _rate_values(rate)
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        _in(rules, FundingRate, rate.pk).delete()
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"removed funding line “{rate.label}”",
            changes=field_changes(before, dict.fromkeys(before, ""), _RATE_LABELS),
            reason=reason,
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
                rules=rules, name=name, stage=stage, description=description, position=position
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


def framework_load_standard(*, actor, cohort: Cohort, reason: str = "") -> RuleVersion:
    """The nine criteria, six exercises and 1–4 scale of the national evaluation."""
    return framework_load(
        actor=actor,
        cohort=cohort,
        criteria=standard_framework.CRITERIA,
        exercises=standard_framework.EXERCISES,
        scale=standard_framework.SCALE,
        reason=reason,
        what="used the standard framework",
    )


def criterion_add(
    *,
    actor,
    cohort: Cohort,
    name: str,
    definition: str,
    exercise_ids: set[int],
    reason: str = "",
) -> Criterion:
    """A new criterion, with the exercises that assess it (at least 2)."""
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        errors = _check_name(current, Criterion, name, "criterion")
        if not (definition or "").strip():
            errors["definition"] = "Enter what the criterion means"
        chosen = list(current.exercises.filter(pk__in=exercise_ids))
        if len(chosen) != len(set(exercise_ids)):
            errors["exercise_ids"] = "Select exercises from this cohort's framework"
        elif not errors and len(chosen) < MIN_EXERCISES_PER_CRITERION:
            errors["exercise_ids"] = under_assessed({name.strip(): len(chosen)})
        if errors:
            raise ValidationError(errors)
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        last = rules.criteria.order_by("-position").first()
        criterion = Criterion.objects.create(
            rules=rules,
            name=name.strip(),
            definition=definition.strip(),
            position=(last.position + 1) if last else 0,
        )
        criterion.exercises.set([_in(rules, Exercise, e.pk) for e in chosen])
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"added criterion “{criterion.name}”",
            changes=[
                {"field": "Criterion", "before": "(blank)", "after": criterion.name},
                {"field": "Definition", "before": "(blank)", "after": criterion.definition},
                {"field": "Assessed in", "before": "(blank)", "after": _names(chosen)},
            ],
            reason=reason,
        )
    return criterion


def criterion_update(
    *,
    actor,
    cohort: Cohort,
    criterion: Criterion,
    name: str,
    definition: str,
    exercise_ids: set[int],
    reason: str = "",
) -> Criterion:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = _require_current(cohort, criterion)
        errors = _check_name(current, Criterion, name, "criterion", exclude=criterion)
        if not (definition or "").strip():
            errors["definition"] = "Enter what the criterion means"
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
            },
            {"name": name.strip(), "definition": definition.strip(), "exercises": _names(chosen)},
            {"name": "Criterion", "definition": "Definition", "exercises": "Assessed in"},
        )
        if not changes:
            return criterion
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        target = _in(rules, Criterion, criterion.pk)
        target.name, target.definition = name.strip(), definition.strip()
        target.save()
        target.exercises.set([_in(rules, Exercise, e.pk) for e in chosen])
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"changed criterion “{criterion.name}”",
            changes=changes,
            reason=reason,
        )
    return target


def criterion_remove(*, actor, cohort: Cohort, criterion: Criterion, reason: str = "") -> None:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        _require_current(cohort, criterion)
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        _in(rules, Criterion, criterion.pk).delete()
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"removed criterion “{criterion.name}”",
            changes=[{"field": "Criterion", "before": criterion.name, "after": "(blank)"}],
            reason=reason,
        )


def _exercise_errors(current, *, name, stage, description, exclude=None) -> dict:
    errors = _check_name(current, Exercise, name, "exercise", exclude=exclude)
    if stage not in ExerciseStage.values:
        errors["stage"] = "Select when the exercise happens"
    return errors


def exercise_add(
    *,
    actor,
    cohort: Cohort,
    name: str,
    stage: str,
    description: str = "",
    criterion_ids: set[int] = frozenset(),
    reason: str = "",
) -> Exercise:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        errors = _exercise_errors(current, name=name, stage=stage, description=description)
        chosen = list(current.criteria.filter(pk__in=criterion_ids))
        if len(chosen) != len(set(criterion_ids)):
            errors["criterion_ids"] = "Select criteria from this cohort's framework"
        if errors:
            raise ValidationError(errors)
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        last = rules.exercises.order_by("-position").first()
        exercise = Exercise.objects.create(
            rules=rules,
            name=name.strip(),
            stage=stage,
            description=(description or "").strip(),
            position=(last.position + 1) if last else 0,
        )
        exercise.criteria.set([_in(rules, Criterion, c.pk) for c in chosen])
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"added exercise “{exercise.name}”",
            changes=[
                {"field": "Exercise", "before": "(blank)", "after": exercise.name},
                {"field": "Assesses", "before": "(blank)", "after": _names(chosen) or "(blank)"},
            ],
            reason=reason,
        )
    return exercise


def exercise_update(
    *,
    actor,
    cohort: Cohort,
    exercise: Exercise,
    name: str,
    stage: str,
    description: str = "",
    criterion_ids: set[int] = frozenset(),
    reason: str = "",
) -> Exercise:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = _require_current(cohort, exercise)
        errors = _exercise_errors(
            current, name=name, stage=stage, description=description, exclude=exercise
        )
        chosen = list(current.criteria.filter(pk__in=criterion_ids))
        if len(chosen) != len(set(criterion_ids)):
            errors["criterion_ids"] = "Select criteria from this cohort's framework"
        if errors:
            raise ValidationError(errors)
        assessed = {p for p in _assessed_pairs(current) if p[0] != exercise.pk}
        assessed |= {(exercise.pk, c.pk) for c in chosen}
        _refuse_under_assessed(_counts_with(current, assessed), "criterion_ids")
        before = {
            "name": exercise.name,
            "stage": exercise.get_stage_display(),
            "description": exercise.description,
            "criteria": _names(exercise.criteria.all()),
        }
        after = {
            "name": name.strip(),
            "stage": ExerciseStage(stage).label,
            "description": (description or "").strip(),
            "criteria": _names(chosen),
        }
        labels = {
            "name": "Exercise",
            "stage": "Stage",
            "description": "Description",
            "criteria": "Assesses",
        }
        changes = field_changes(before, after, labels)
        if not changes:
            return exercise
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        target = _in(rules, Exercise, exercise.pk)
        target.name, target.stage, target.description = after["name"], stage, after["description"]
        target.save()
        target.criteria.set([_in(rules, Criterion, c.pk) for c in chosen])
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"changed exercise “{exercise.name}”",
            changes=changes,
            reason=reason,
        )
    return target


def exercise_remove(*, actor, cohort: Cohort, exercise: Exercise, reason: str = "") -> None:
    """Refused if a criterion would then be assessed in fewer than 2 exercises."""
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = _require_current(cohort, exercise)
        assessed = {p for p in _assessed_pairs(current) if p[0] != exercise.pk}
        _refuse_under_assessed(_counts_with(current, assessed))
        rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        _in(rules, Exercise, exercise.pk).delete()
        _audit_rules(
            actor=actor,
            cohort=cohort,
            rules=rules,
            what=f"removed exercise “{exercise.name}”",
            changes=[{"field": "Exercise", "before": exercise.name, "after": "(blank)"}],
            reason=reason,
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
