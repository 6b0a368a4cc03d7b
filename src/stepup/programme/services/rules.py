"""The versioned rules: eligibility and recruitment settings.

Every rule change goes through ``_rules_for_change``: while the cohort is being set up it
gives the current version to edit in place; once the rules are locked it copies the
current version to a new one and the change is applied to the copy, so the decisions made
under the old rules can always be read against them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import audit_record, field_changes
from stepup.core.formatting import lower_first
from stepup.core.models import AuditEntry
from stepup.programme.models import (
    Cohort,
    Criterion,
    DegreeClass,
    Exercise,
    FundingRate,
    GcseMinimum,
    RuleVersion,
    ScalePoint,
    SiftBy,
)
from stepup.programme.queries import pass_mark_problem
from stepup.programme.services.common import (
    ELIGIBILITY_FIELDS,
    REASON_REQUIRED,
    RECRUITMENT_FIELDS,
    _person,
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
    new.id_map = rules_contents_copy(source=current, target=new)
    return new


def rules_contents_copy(*, source: RuleVersion, target: RuleVersion) -> dict:
    """Copy the criteria, exercises and their matrix, scale and funding rates of ``source``
    into ``target``; which copied row stands for which original, by model."""
    current, new = source, target
    criteria = {}
    for old in current.criteria.all():
        criteria[old.pk] = Criterion.objects.create(
            rules=new,
            name=old.name,
            definition=old.definition,
            position=old.position,
            weight=old.weight,
        ).pk
    exercises = {}
    for old in current.exercises.prefetch_related("criteria"):
        copy = Exercise.objects.create(
            rules=new,
            name=old.name,
            description=old.description,
            stage=old.stage,
            position=old.position,
            panel=old.panel,
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
    return {Criterion: criteria, Exercise: exercises, ScalePoint: scale, FundingRate: rates}


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


def _versioned_add(
    *, actor, cohort: Cohort, reason: str, model, values: dict, what, changes, links=None
):
    """Add one part to the rules (a criterion, an exercise, a funding line), last in its
    list, on the version ``_rules_for_change`` gives, with one audit entry. ``what`` and
    ``changes`` are worked out from the new record."""
    rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
    last = model.objects.filter(rules=rules).order_by("-position").first()
    record = model.objects.create(
        rules=rules, position=(last.position + 1) if last else 0, **values
    )
    if links is not None:
        field, linked, chosen = links
        getattr(record, field).set([_in(rules, linked, item.pk) for item in chosen])
    _audit_rules(
        actor=actor,
        cohort=cohort,
        rules=rules,
        what=what(record),
        changes=changes(record),
        reason=reason,
    )
    return record


def _versioned_update(
    *, actor, cohort: Cohort, reason: str, record, values: dict, what: str, changes, links=None
):
    """Change one part of the rules (a criterion, an exercise, a funding line) on the
    version ``_rules_for_change`` gives, with one audit entry. ``links`` is (the related
    field, the model it holds, the records of the current version) to set as well."""
    rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
    target = _in(rules, type(record), record.pk)
    for name, value in values.items():
        setattr(target, name, value)
    target.save()
    if links is not None:
        field, model, chosen = links
        getattr(target, field).set([_in(rules, model, item.pk) for item in chosen])
    _audit_rules(actor=actor, cohort=cohort, rules=rules, what=what, changes=changes, reason=reason)
    return target


def _versioned_remove(*, actor, cohort: Cohort, reason: str, record, what: str, changes) -> None:
    """Remove one part of the rules from the version ``_rules_for_change`` gives."""
    rules = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
    _in(rules, type(record), record.pk).delete()
    _audit_rules(actor=actor, cohort=cohort, rules=rules, what=what, changes=changes, reason=reason)


def _shown(rules: RuleVersion, names) -> dict[str, str]:
    """Some of the rules as people read them: choices by their labels."""
    values = {}
    for name in names:
        field = RuleVersion._meta.get_field(name)
        value = getattr(rules, name)
        values[name] = dict(field.choices).get(value, value) if field.choices else value
    return values


def _rules_update(*, actor, cohort: Cohort, names, values: dict, reason: str) -> RuleVersion:
    """Change some of the rules' own fields (``names`` is the group they belong to), on the
    version ``_rules_for_change`` gives, with one audit entry; nothing if nothing changed."""
    labels = {name: str(RuleVersion._meta.get_field(name).verbose_name) for name in names}
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        current = cohort.current_rules
        proposed = RuleVersion(**{name: getattr(current, name) for name in names})
        for name, value in values.items():
            setattr(proposed, name, value)
        changes = field_changes(_shown(current, names), _shown(proposed, names), labels)
        if not changes:
            return current
        target = _rules_for_change(actor=actor, cohort=cohort, reason=reason)
        for name, value in values.items():
            setattr(target, name, value)
        target.save(update_fields=list(values))
        what = "changed " + ", ".join(lower_first(c["field"]) for c in changes)
        _audit_rules(
            actor=actor, cohort=cohort, rules=target, what=what, changes=changes, reason=reason
        )
    return target


# Eligibility


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
    return _rules_update(
        actor=actor, cohort=cohort, names=ELIGIBILITY_FIELDS, values=rules, reason=reason
    )


# Recruitment settings: word limits and how the sift is run.


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
    for name, what in (
        ("centre_benchmark", "the benchmark"),
        ("centre_criterion_minimum", "the lowest average allowed on a criterion"),
    ):
        value = settings.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            errors[name] = f"Enter {what} as a whole number, like 12"
        elif value is not None and value < 0:
            errors[name] = f"Enter {what} as 0 or more"
    if "centres_run_by" in settings and settings["centres_run_by"] not in SiftBy.values:
        errors["centres_run_by"] = "Select who runs the assessment centres"
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
    if "sift_pass_mark" in settings and "sift_pass_mark" not in errors:
        problem = pass_mark_problem(
            rules=cohort.current_rules, pass_mark=settings["sift_pass_mark"]
        )
        if problem:
            errors["sift_pass_mark"] = problem
    if errors:
        raise ValidationError(errors)
    return _rules_update(
        actor=actor, cohort=cohort, names=RECRUITMENT_FIELDS, values=settings, reason=reason
    )
