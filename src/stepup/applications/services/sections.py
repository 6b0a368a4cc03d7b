"""The sections of the form, saved one at a time and marked complete when all is there."""

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.accounts.models import User
from stepup.applications.models import (
    GCSE_EQUIVALENT,
    Application,
    DegreeClassGiven,
    DegreeStatus,
    HeardAbout,
    RightToWork,
)
from stepup.applications.queries import (
    approved_partnerships,
    word_count,
    word_limits,
)
from stepup.applications.sections import BY_KEY, DEGREE, FORM_SECTIONS, SECTIONS
from stepup.applications.services.common import GCSE_GRADES, _raise, _require_own_draft, _text
from stepup.core.audit import audit_record, field_changes, snapshot
from stepup.core.models import AuditEntry

# Sections

# The shape of every UK postcode (and BFPO numbers for forces' addresses), once written
# in capitals with one space before the last three characters.
UK_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}|BFPO [0-9]{1,4})$")


def _postcode(typed: str) -> str:
    """As people write it: capitals, one space before the inward code ("sw1a1aa" -> "SW1A 1AA")."""
    squashed = "".join(typed.upper().split())
    if not squashed:
        return ""
    if squashed.startswith("BFPO"):
        return f"BFPO {squashed[4:]}"
    return f"{squashed[:-3]} {squashed[-3:]}" if len(squashed) > 3 else squashed


def _clean_personal(data: dict, application: Application, errors) -> dict:
    values = {name: _text(data.get(name)) for name in BY_KEY["personal-details"].fields}
    values["full_name"] = " ".join(values["full_name"].split())
    values["postcode"] = _postcode(values["postcode"])
    if values["postcode"] and not UK_POSTCODE.match(values["postcode"]):
        errors["postcode"].append("Enter a real postcode, like SW1A 1AA")
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
