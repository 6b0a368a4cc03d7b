"""Changes a candidate makes: their account, their application, its sections and evidence.

Forms only parse what was typed; every rule is checked here, before anything is written,
and each change is one transaction with one audit entry on the application (the account's
on the person). Errors are ``ValidationError``s keyed by the field a candidate would correct.
"""

import datetime
import re
import secrets
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stepup.accounts.models import User
from stepup.applications import emails
from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import (
    GCSE_EQUIVALENT,
    GCSE_LETTER_GRADES,
    GCSE_NUMBER_GRADES,
    Application,
    ApplicationStatus,
    DegreeClassGiven,
    DegreeStatus,
    Document,
    DocumentKind,
    Experience,
    ExperienceKind,
    HeardAbout,
    RightToWork,
)
from stepup.applications.queries import (
    application_window,
    approved_partnerships,
    word_count,
    word_limits,
)
from stepup.applications.sections import BY_KEY, DEGREE, EXPERIENCE, FORM_SECTIONS, SECTIONS
from stepup.core.audit import audit_record, field_changes, snapshot
from stepup.core.formatting import govuk_date
from stepup.core.models import AuditEntry
from stepup.core.uploads import content_type, upload_problem
from stepup.programme.models import Cohort, CohortStatus

GCSE_GRADES = frozenset(GCSE_LETTER_GRADES) | frozenset(GCSE_NUMBER_GRADES) | {GCSE_EQUIVALENT}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0 or 1 to misread
ALLOWED_UPLOADS = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
NOT_ALLOWED_TYPE = "The selected file must be a PDF, JPG or PNG"
NOT_CHANGEABLE = "Your application has been submitted, so it can no longer be changed"


def _raise(errors: dict) -> None:
    errors = {key: messages for key, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str) else ("" if value is None else value)


def _require_own_draft(candidate: User, application: Application) -> None:
    """Only the candidate changes their application, and only before it is submitted."""
    if application.candidate_id != candidate.pk:
        raise ValidationError("This is not your application")
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(NOT_CHANGEABLE)


# Starting an application


def _new_reference(cohort: Cohort) -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"SU{cohort.number}-{code}"
        if not Application.objects.filter(reference=reference).exists():
            return reference


def _reference_shape(cohort: Cohort) -> re.Pattern:
    return re.compile(f"SU{cohort.number}-[{REFERENCE_ALPHABET}]{{8}}")


def already_applied_message(cohort: Cohort) -> str:
    return f"You have already applied to cohort {cohort.number}"


def application_start(
    *, candidate: User, cohort: Cohort, reference: str | None = None
) -> Application:
    """A blank application; one per person per cohort, while the cohort is recruiting.

    ``reference`` is for loaders that must make the same references every time (the
    demonstration round); it must have the service's shape and be unused."""
    if reference is not None and not _reference_shape(cohort).fullmatch(reference):
        raise ValueError(f"{reference!r} is not a reference for cohort {cohort.number}")
    if candidate.role_set:
        raise ValidationError("Staff accounts cannot apply. Create an account of your own")
    if cohort.status != CohortStatus.RECRUITING:
        raise ValidationError(f"Cohort {cohort.number} is not taking applications")
    if Application.objects.filter(cohort=cohort, candidate=candidate).exists():
        raise ValidationError(already_applied_message(cohort))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                cohort=cohort,
                candidate=candidate,
                reference=reference or _new_reference(cohort),
                full_name=candidate.full_name,
            )
            audit_record(
                actor=candidate,
                record=application,
                action=AuditEntry.Action.CREATED,
                summary=f"Started an application to cohort {cohort.number}",
            )
    except IntegrityError:
        raise ValidationError(already_applied_message(cohort)) from None
    return application


# Sections


def _clean_personal(data: dict, application: Application, errors) -> dict:
    values = {name: _text(data.get(name)) for name in BY_KEY["personal-details"].fields}
    values["full_name"] = " ".join(values["full_name"].split())
    values["postcode"] = " ".join(values["postcode"].upper().split())
    if values["phone"] and not all(c.isdigit() or c in " +()-" for c in values["phone"]):
        errors["phone"].append("Enter a phone number, like 01632 960 001 or +44 808 157 0192")
    return values


def _clean_right_to_work(data: dict, application: Application, errors) -> dict:
    answer = _text(data.get("right_to_work"))
    if answer and answer not in RightToWork.values:
        errors["right_to_work"].append(
            "Select whether you have the right to study and work in the UK"
        )
    details = _text(data.get("right_to_work_details"))
    if answer == RightToWork.NOT_SURE and not details and data.get("completed"):
        errors["right_to_work_details"].append(
            "Tell us about your visa or immigration status, so that we can check it"
        )
    return {"right_to_work": answer, "right_to_work_details": details}


def _clean_degree(data: dict, application: Application, errors) -> dict:
    values = {name: _text(data.get(name)) for name in DEGREE.fields}
    if values["degree_class"] and values["degree_class"] not in DegreeClassGiven.values:
        errors["degree_class"].append("Select the class of your degree")
    if values["degree_status"] and values["degree_status"] not in DegreeStatus.values:
        errors["degree_status"].append(
            "Select whether your degree has been awarded or is predicted"
        )
    if values["degree_class"] != DegreeClassGiven.OVERSEAS:
        values["degree_equivalence"] = ""
    elif not values["degree_equivalence"] and data.get("completed"):
        errors["degree_equivalence"].append(
            "Enter the UK equivalent of your overseas degree, like 2:1"
        )
    year = values["degree_year"]
    this_year = timezone.localdate().year
    if year in ("", None):
        values["degree_year"] = None
    elif not isinstance(year, int):
        errors["degree_year"].append("Year of your degree must be a number, like 2019")
    elif year < 1950 or year > this_year + 6:
        errors["degree_year"].append(
            f"Year of your degree must be between 1950 and {this_year + 6}"
        )
    elif values["degree_status"] == DegreeStatus.AWARDED and year > this_year:
        errors["degree_year"].append(
            f"Year of your degree must be {this_year} or earlier if it has been awarded. "
            "If you are still studying, select predicted"
        )
    return values


def _clean_gcse(data: dict, application: Application, errors) -> dict:
    values = {}
    for subject in ("english", "maths"):
        grade = _text(data.get(f"gcse_{subject}_grade"))
        equivalent = _text(data.get(f"gcse_{subject}_equivalent"))
        label = "English" if subject == "english" else "Maths"
        if grade and grade not in GCSE_GRADES:
            errors[f"gcse_{subject}_grade"].append(f"Select the grade you got in GCSE {label}")
        if grade != GCSE_EQUIVALENT:
            equivalent = ""
        elif not equivalent and data.get("completed"):
            errors[f"gcse_{subject}_equivalent"].append(
                f"Enter the name of your {label} qualification and the grade you got"
            )
        values[f"gcse_{subject}_grade"] = grade
        values[f"gcse_{subject}_equivalent"] = equivalent
    return values


def _clean_questions(data: dict, application: Application, errors) -> dict:
    limits = word_limits(application.cohort)
    values = {}
    for number in (1, 2, 3):
        name = f"answer_q{number}"
        text = _text(data.get(name)).replace("\r\n", "\n")
        if word_count(text) > limits[number]:
            errors[name].append(f"Question {number} must be {limits[number]} words or fewer")
        values[name] = text
    return values


def _clean_preferences(data: dict, application: Application, errors) -> dict:
    offered = {p.pk: p for p in approved_partnerships(application.cohort)}
    values = {}
    for name, label in (("first_choice", "first"), ("second_choice", "second")):
        choice = data.get(name)
        pk = getattr(choice, "pk", choice)
        if pk in ("", None):
            values[name] = None
            continue
        try:
            values[name] = offered[int(pk)]
        except (KeyError, TypeError, ValueError):
            errors[name].append(f"Select your {label} choice of partnership")
    first, second = values.get("first_choice"), values.get("second_choice")
    if first is not None and first == second:
        errors["second_choice"].append(
            "Your second choice must be a different partnership from your first choice"
        )
    willing = data.get("willing_to_move")
    if willing not in (True, False, None):
        errors["willing_to_move"].append("Select whether you would move to another partnership")
    values["willing_to_move"] = willing
    return values


def _clean_heard_about(data: dict, application: Application, errors) -> dict:
    answer = _text(data.get("heard_about"))
    if answer and answer not in HeardAbout.values:
        errors["heard_about"].append("Select how you heard about Step Up")
    return {"heard_about": answer}


def _clean_declarations(data: dict, application: Application, errors) -> dict:
    has_record = data.get("has_criminal_record")
    details = _text(data.get("criminal_record_details"))
    if has_record not in (True, False, None):
        errors["has_criminal_record"].append("Select whether you have a criminal record")
    if has_record is True and not details:
        errors["criminal_record_details"].append(
            "Give details of your cautions or convictions, including when they happened"
        )
    if has_record is not True:
        details = ""
    confirmed = bool(data.get("declaration_confirmed"))
    return {
        "has_criminal_record": has_record,
        "criminal_record_details": details,
        "declaration_confirmed": confirmed,
    }


_CLEANERS = {
    "personal-details": _clean_personal,
    "right-to-work": _clean_right_to_work,
    "degree": _clean_degree,
    "gcse": _clean_gcse,
    "questions": _clean_questions,
    "partnerships": _clean_preferences,
    "heard-about": _clean_heard_about,
    "declarations": _clean_declarations,
}


def _missing(values: dict, section) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    for name, message in section.required.items():
        value = values.get(name)
        # "No" is an answer; an unticked confirmation is not.
        if value is None or value == "" or (name == "declaration_confirmed" and not value):
            errors[name].append(message)
    return errors


def _audit_changes(before: dict, after: dict, section) -> list[dict]:
    changes = field_changes(before, after)
    for change in changes:
        # Personal details and answers are kept on the application, not copied into its log.
        for name in section.private:
            if change["field"] == name.replace("_", " ").capitalize():
                change["before"], change["after"] = "(not shown)", "(changed)"
    return changes


def _mark_completed(application: Application, key: str, completed: bool) -> None:
    done = [k for k in application.sections_completed if k != key]
    if completed:
        done.append(key)
    application.sections_completed = [s.key for s in SECTIONS if s.key in done]


def application_section_save(
    *, candidate: User, application: Application, section: str, data: dict
) -> Application:
    """Save one section of the form; ``data["completed"]`` says whether it is finished.

    A section may be saved half done; it is only marked complete once everything it needs
    is there."""
    _require_own_draft(candidate, application)
    if section not in FORM_SECTIONS:
        raise ValidationError("There is no such section")
    definition = BY_KEY[section]
    completed = data.get("completed")
    errors: dict[str, list[str]] = defaultdict(list)
    if completed not in (True, False):
        errors["completed"].append("Select whether you have completed this section")
    values = _CLEANERS[section](data, application, errors)
    if completed:
        for name, messages in _missing(values, definition).items():
            if not errors.get(name):
                errors[name].extend(messages)
    _raise(errors)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _require_own_draft(candidate, application)
        before = snapshot(application, definition.fields)
        for name, value in values.items():
            setattr(application, name, value)
        was_complete = section in application.sections_completed
        _mark_completed(application, section, completed)
        application.save()
        after = snapshot(application, definition.fields)
        changes = _audit_changes(before, after, definition)
        if was_complete != bool(completed):
            changes.append(
                {
                    "field": "Section completed",
                    "before": "Yes" if was_complete else "No",
                    "after": "Yes" if completed else "No",
                }
            )
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Saved “{definition.title}”",
            changes=changes,
        )
    return application


def section_values(*, application: Application, section: str, data: dict) -> dict:
    """A section's values, checked as complete by the same rules ``application_section_save``
    applies, without saving anything: for applications collected elsewhere and imported."""
    if section not in FORM_SECTIONS:
        raise ValidationError("There is no such section")
    definition = BY_KEY[section]
    errors: dict[str, list[str]] = defaultdict(list)
    values = _CLEANERS[section]({**data, "completed": True}, application, errors)
    for name, messages in _missing(values, definition).items():
        if not errors.get(name):
            errors[name].extend(messages)
    _raise(errors)
    return values


def application_section_mark(
    *, candidate: User, application: Application, section: str, completed: bool | None
) -> Application:
    """Mark a section without fields (experience, documents) as finished or not."""
    _require_own_draft(candidate, application)
    if section not in BY_KEY or section in FORM_SECTIONS:
        raise ValidationError("There is no such section")
    if completed not in (True, False):
        raise ValidationError({"completed": "Select whether you have completed this section"})
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _require_own_draft(candidate, application)
        _mark_completed(application, section, completed)
        application.save(update_fields=["sections_completed", "updated_at"])
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary=(
                f"Marked “{BY_KEY[section].title}” as "
                f"{'completed' if completed else 'not completed'}"
            ),
        )
    return application


# Experience


def _experience_values(data: dict) -> dict:
    errors: dict[str, list[str]] = defaultdict(list)
    kind = _text(data.get("kind"))
    if kind not in ExperienceKind.values:
        errors["kind"].append("Select whether the role was paid or voluntary")
    role = _text(data.get("role"))
    if not role:
        errors["role"].append("Enter your role, like youth worker")
    organisation = _text(data.get("organisation"))
    if not organisation:
        errors["organisation"].append("Enter the name of the organisation")
    today = timezone.localdate()
    started_on = data.get("started_on")
    if not isinstance(started_on, datetime.date):
        errors["started_on"].append("Enter the date you started")
    elif started_on > today:
        errors["started_on"].append("The date you started must be today or in the past")
    ongoing = bool(data.get("ongoing"))
    ended_on = data.get("ended_on")
    if ongoing:
        ended_on = None
    elif not isinstance(ended_on, datetime.date):
        errors["ended_on"].append("Enter the date you finished, or select that you still do it")
    elif isinstance(started_on, datetime.date) and ended_on < started_on:
        errors["ended_on"].append("The date you finished must be after the date you started")
    elif ended_on > today:
        errors["ended_on"].append(
            "The date you finished must be today or in the past. If you still do it, "
            "select that you still do it"
        )
    hours = data.get("hours_per_week")
    if hours in ("", None):
        errors["hours_per_week"].append("Enter the hours a week you spent, like 6")
    elif not isinstance(hours, int) or isinstance(hours, bool):
        errors["hours_per_week"].append("Hours a week must be a number, like 6")
    elif not 1 <= hours <= 100:
        errors["hours_per_week"].append("Hours a week must be between 1 and 100")
    _raise(errors)
    return {
        "kind": kind,
        "role": role,
        "organisation": organisation,
        "started_on": started_on,
        "ended_on": ended_on,
        "hours_per_week": hours,
    }


def experience_values(data: dict) -> dict:
    """One experience, checked by the rules ``experience_add`` applies, without saving it."""
    return _experience_values(data)


def new_reference(cohort: Cohort) -> str:
    """A new, unused application reference for the cohort."""
    return _new_reference(cohort)


def _experience_text(experience: Experience) -> str:
    return f"{experience.role}, {experience.organisation}"


def experience_add(*, candidate: User, application: Application, data: dict) -> Experience:
    _require_own_draft(candidate, application)
    values = _experience_values(data)
    with transaction.atomic():
        experience = Experience.objects.create(application=application, **values)
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Added experience: {_experience_text(experience)}"[:300],
        )
    return experience


def experience_update(*, candidate: User, experience: Experience, data: dict) -> Experience:
    application = experience.application
    _require_own_draft(candidate, application)
    values = _experience_values(data)
    with transaction.atomic():
        fields = tuple(values)
        before = snapshot(experience, fields)
        for name, value in values.items():
            setattr(experience, name, value)
        experience.save()
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Changed experience: {_experience_text(experience)}"[:300],
            changes=field_changes(before, snapshot(experience, fields)),
        )
    return experience


def experience_remove(*, candidate: User, experience: Experience) -> None:
    application = experience.application
    _require_own_draft(candidate, application)
    with transaction.atomic():
        text = _experience_text(experience)
        experience.delete()
        if not application.experiences.exists():
            _mark_completed(application, EXPERIENCE.key, False)
            application.save(update_fields=["sections_completed", "updated_at"])
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.REMOVED,
            summary=f"Removed experience: {text}"[:300],
        )


# Evidence


def document_errors(*, kind: str, file) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    if kind not in DocumentKind.values:
        errors["kind"].append("Select what the document shows")
    problem = upload_problem(
        file=file,
        allowed=frozenset(ALLOWED_UPLOADS),
        missing="Select a file",
        wrong_type=NOT_ALLOWED_TYPE,
    )
    if problem:
        errors["file"].append(problem)
    return errors


def document_upload(*, candidate: User, application: Application, kind: str, file) -> Document:
    _require_own_draft(candidate, application)
    _raise(document_errors(kind=kind, file=file))
    mime = content_type(file)
    name = (getattr(file, "name", "") or "document").rsplit("/", 1)[-1][:255]
    with transaction.atomic():
        document = Document(
            application=application,
            kind=kind,
            original_name=name,
            content_type=mime,
            size_bytes=file.size,
        )
        document.file.save(name, file, save=False)
        try:
            document.save()
            audit_record(
                actor=candidate,
                record=application,
                action=AuditEntry.Action.CHANGED,
                summary=f"Uploaded {document.get_kind_display().lower()}: {name}"[:300],
            )
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_remove(*, candidate: User, document: Document) -> None:
    application = document.application
    _require_own_draft(candidate, application)
    with transaction.atomic():
        name, stored = document.original_name, document.file.name
        document.delete()
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.REMOVED,
            summary=f"Removed document: {name}"[:300],
        )
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


# Submission and withdrawal


def window_closed_message(cohort: Cohort) -> str:
    window = application_window(cohort)
    today = timezone.localdate()
    if window is None:
        return f"Applications for cohort {cohort.number} are not open yet"
    if today < window.starts_on:
        return f"Applications for cohort {cohort.number} open on {govuk_date(window.starts_on)}"
    closes = window.ends_on or window.starts_on
    return f"Applications for cohort {cohort.number} closed on {govuk_date(closes)}"


def window_is_open(cohort: Cohort) -> bool:
    window = application_window(cohort)
    if window is None:
        return False
    today = timezone.localdate()
    return window.starts_on <= today <= (window.ends_on or window.starts_on)


def submission_problems(application: Application) -> list[str]:
    """Why this application cannot be submitted yet; empty when it can."""
    problems = []
    if application.cohort.status != CohortStatus.RECRUITING or not window_is_open(
        application.cohort
    ):
        problems.append(window_closed_message(application.cohort))
    for section in SECTIONS:
        if section.key not in application.sections_completed:
            problems.append(f"Complete the section “{section.title}”")
    if not problems:
        # Sections were checked when completed; the rules may have changed since.
        limits = word_limits(application.cohort)
        for number in (1, 2, 3):
            if word_count(getattr(application, f"answer_q{number}")) > limits[number]:
                problems.append(f"Question {number} must be {limits[number]} words or fewer")
    return problems


def application_submission_record(*, candidate: User, application: Application) -> Application:
    """Record the submission, inside the cohort's window: status, rules and audit entry.

    Only half of submitting: ``stepup.candidates.services.application_submit`` calls it and
    runs the eligibility check in the same transaction, so an application is never left
    submitted and unchecked. Returns the application, locked, as saved."""
    if application.candidate_id != candidate.pk:
        raise ValidationError("This is not your application")
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().select_related("cohort").get(pk=application.pk)
        )
        if application.status != ApplicationStatus.DRAFT:
            raise ValidationError("You have already submitted this application")
        problems = submission_problems(application)
        if problems:
            raise ValidationError(problems)
        transition = APPLICATION_LIFECYCLE.check(
            application.status, ApplicationStatus.SUBMITTED, candidate, is_candidate=True
        )
        application.rules = application.cohort.current_rules
        application.submitted_at = timezone.now()
        application.status = transition.target
        application.save()
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.TRANSITION,
            summary="Submitted the application",
            changes=[{"field": "Status", "before": "Not submitted", "after": "Submitted"}],
        )
    return application


def can_withdraw(application: Application) -> bool:
    return any(
        t.target == ApplicationStatus.WITHDRAWN and t.by_candidate
        for t in APPLICATION_LIFECYCLE.transitions
        if t.source == application.status
    )


def application_withdraw(
    *, candidate: User, application: Application, reason: str = ""
) -> Application:
    if application.candidate_id != candidate.pk:
        raise ValidationError("This is not your application")
    reason = (reason or "").strip()
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status == ApplicationStatus.WITHDRAWN:
            raise ValidationError("You have already withdrawn this application")
        try:
            transition = APPLICATION_LIFECYCLE.check(
                application.status, ApplicationStatus.WITHDRAWN, candidate, is_candidate=True
            )
        except ValidationError:
            raise ValidationError(
                "This application can no longer be withdrawn: a decision has been made on it"
            ) from None
        before = application.get_status_display()
        application.status = transition.target
        application.sift_round_needed = ""  # a withdrawn application waits for no sift mark
        application.withdrawn_at = timezone.now()
        application.save()
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.TRANSITION,
            summary="Withdrew the application",
            changes=[{"field": "Status", "before": before, "after": "Withdrawn"}],
            reason=reason,
        )
        emails.application_withdrawn(application)
    return application
