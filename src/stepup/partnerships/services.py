"""Changes to partnerships.

Each change is checked in full before anything is written, runs in one transaction and
writes one audit entry on the partnership, so its page can show who changed what, when
and why. ``actor=None`` is the system (a data loader): it skips the checks on who the
person is, never anything else.
"""

import os
import re
from collections import defaultdict
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from stepup.accounts.models import Organisation
from stepup.accounts.roles import OrganisationKind, Role
from stepup.core.audit import audit_record, field_changes
from stepup.core.formatting import govuk_date, pounds
from stepup.core.models import AuditEntry
from stepup.core.uploads import upload_problem
from stepup.partnerships.lifecycle import BID_LIFECYCLE
from stepup.partnerships.models import (
    ContractModel,
    Memorandum,
    Partnership,
    PartnershipAuthority,
    PartnershipStatus,
    PartnershipUniversity,
    SteeringMeeting,
    UniversityRole,
)
from stepup.partnerships.queries import (
    LEAD_ROLES,
    is_coordinator_at,
    partnerships_changeable_by,
    submission_problems,
)
from stepup.programme.models import CohortStatus

MAX_PLACES = 500
MAX_RECRUITMENT_TARGET = 1000
CODE_PATTERN = re.compile(r"^[A-Z0-9]{2,10}$")
NOT_A_MEMBER = "Not a member"

DETAIL_FIELDS = (
    "name",
    "code",
    "lead_authority",
    "coordinator",
    "contract_model",
    "tie_in_amount_pence",
    "tie_in_terms",
    "recruitment_target",
)
DETAIL_LABELS = {
    "cohort": "Cohort",
    "name": "Name",
    "code": "Short code",
    "lead_authority": "Lead authority",
    "coordinator": "Coordinator",
    "contract_model": "Trainee contract model",
    "tie_in_amount_pence": "Tie-in amount",
    "tie_in_terms": "Tie-in terms",
    "recruitment_target": "Recruitment target",
    "status": "Bid status",
}


def _require_change_rights(actor, partnership: Partnership) -> None:
    """Views give 404 first; this stops a caller that forgot to scope its query."""
    if actor is None:
        return
    if not partnerships_changeable_by(actor).filter(pk=partnership.pk).exists():
        raise PermissionDenied("You cannot change this partnership")


# Messages shared with the forms, so a page and a loader say the same thing.


def duplicate_authority_message(name: str) -> str:
    return f"{name} is listed more than once. Remove the duplicate row"


def lead_not_member_message(name: str) -> str:
    return f"The lead authority, {name}, must be one of the member authorities"


NO_MEMBERS_MESSAGE = "Add at least one member authority"
NEGATIVE_PLACES_MESSAGE = "Places must be 0 or more"
TOO_MANY_PLACES_MESSAGE = f"Places must be {MAX_PLACES} or fewer"
PLACES_NOT_NUMBER_MESSAGE = "Enter the number of places as a whole number, like 4"
RETURN_REASON_MESSAGE = "Enter why you are returning the bid"
NOT_PDF_MESSAGE = "The selected file must be a PDF"
NO_FILE_MESSAGE = "Select the memorandum of cooperation"


def too_many_leads_message(names: list[str]) -> str:
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    return (
        "Only one university can validate and award the degree. Choose "
        f"“Delivery” as the role of all but one of {listed}"
    )


# Details


def _details_display(partnership: Partnership) -> dict[str, str]:
    """The details as people read them, for the audit trail."""
    return {
        "name": partnership.name,
        "code": partnership.code,
        "lead_authority": partnership.lead_authority.name if partnership.lead_authority_id else "",
        "coordinator": str(partnership.coordinator) if partnership.coordinator_id else "",
        "contract_model": partnership.get_contract_model_display(),
        "tie_in_amount_pence": pounds(partnership.tie_in_amount_pence),
        "tie_in_terms": partnership.tie_in_terms,
        "recruitment_target": (
            "" if partnership.recruitment_target is None else str(partnership.recruitment_target)
        ),
    }


def _normalise(values: dict) -> dict:
    values = dict(values)
    values["name"] = (values.get("name") or "").strip()
    values["code"] = (values.get("code") or "").strip().upper()
    values["tie_in_terms"] = (values.get("tie_in_terms") or "").strip()
    if values.get("contract_model") != ContractModel.TIE_IN:
        # Terms of a model no longer in use would mislead anyone reading the record.
        values["tie_in_amount_pence"] = None
        values["tie_in_terms"] = ""
    return values


def details_errors(
    *, cohort, values: dict, exclude_pk: int | None = None, check_coordinator: bool = True
) -> dict[str, list]:
    """Everything wrong with a partnership's details, by field. ``check_coordinator`` is off
    when neither the coordinator nor the lead authority changes, so that an edit of another
    detail is not blocked by a coordinator who has since moved on."""
    errors: dict[str, list] = defaultdict(list)
    others = Partnership.objects.filter(cohort=cohort)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)

    name = values["name"]
    if not name:
        errors["name"].append("Enter the name of the partnership")
    elif len(name) > 200:
        errors["name"].append("Name must be 200 characters or fewer")
    elif others.filter(name__iexact=name).exists():
        errors["name"].append(
            f"Another partnership in cohort {cohort.number} is already called {name}. "
            "Enter a different name"
        )

    code = values["code"]
    if not code:
        errors["code"].append("Enter a short code, like SELP")
    elif not CODE_PATTERN.match(code):
        errors["code"].append("Short code must be 2 to 10 capital letters or digits, like SELP")
    elif others.filter(code=code).exists():
        errors["code"].append(
            f"Another partnership in cohort {cohort.number} already uses the short code {code}. "
            "Enter a different short code"
        )

    lead = values["lead_authority"]
    if lead is None:
        errors["lead_authority"].append("Select the lead authority")
    elif lead.kind != OrganisationKind.LOCAL_AUTHORITY:
        errors["lead_authority"].append(
            f"{lead.name} is not a local authority. Select a local authority"
        )

    coordinator = values["coordinator"]
    if (
        check_coordinator
        and coordinator is not None
        and lead is not None
        and not is_coordinator_at(coordinator, lead)
    ):
        errors["coordinator"].append(
            f"{coordinator} is not a partnership coordinator at {lead.name}. Choose a "
            "coordinator who works for the lead authority, or leave it blank"
        )

    model = values["contract_model"]
    if model not in ContractModel.values:
        errors["contract_model"].append("Select the trainee contract model")
    elif model == ContractModel.TIE_IN:
        amount = values["tie_in_amount_pence"]
        if amount is None:
            errors["tie_in_amount_pence"].append("Enter the tie-in amount, like 3000")
        elif amount <= 0:
            errors["tie_in_amount_pence"].append("The tie-in amount must be more than £0")
        if not values["tie_in_terms"]:
            errors["tie_in_terms"].append(
                "Enter the terms of the tie-in, like repayable if the trainee does not apply "
                "to the host authority within six months"
            )

    target = values["recruitment_target"]
    if target is not None:
        if target < 1:
            errors["recruitment_target"].append("Recruitment target must be 1 or more")
        elif target > MAX_RECRUITMENT_TARGET:
            errors["recruitment_target"].append(
                f"Recruitment target must be {MAX_RECRUITMENT_TARGET} or fewer"
            )
    return errors


def partnership_create(
    *,
    actor,
    cohort,
    name: str,
    code: str,
    lead_authority: Organisation,
    coordinator=None,
    contract_model: str = ContractModel.BURSARY,
    tie_in_amount_pence: int | None = None,
    tie_in_terms: str = "",
    recruitment_target: int | None = None,
) -> Partnership:
    """A new partnership in draft; its lead authority is its first member, with 0 places."""
    values = _normalise(
        {
            "name": name,
            "code": code,
            "lead_authority": lead_authority,
            "coordinator": coordinator,
            "contract_model": contract_model,
            "tie_in_amount_pence": tie_in_amount_pence,
            "tie_in_terms": tie_in_terms,
            "recruitment_target": recruitment_target,
        }
    )
    errors = details_errors(cohort=cohort, values=values)
    if actor is not None and not actor.has_role(Role.NATIONAL_ADMIN):
        if not actor.has_role(Role.COORDINATOR):
            raise PermissionDenied("You cannot create a partnership")
        if cohort.status != CohortStatus.OPEN_FOR_BIDS:
            errors["cohort"].append(
                f"Cohort {cohort.number} is not open for bids. Choose a cohort that is open "
                "for bids"
            )
        if lead_authority is not None and lead_authority.pk not in (
            actor.organisation_ids_with_role(Role.COORDINATOR)
        ):
            errors["lead_authority"].append(
                "Select an authority you are a partnership coordinator for"
            )
    if errors:
        raise ValidationError(dict(errors))

    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                cohort=cohort, status=PartnershipStatus.DRAFT, **values
            )
            PartnershipAuthority.objects.create(
                partnership=partnership, authority=values["lead_authority"], places=0
            )
            after = {"cohort": str(cohort)} | _details_display(partnership)
            after["status"] = partnership.get_status_display()
            audit_record(
                actor=actor,
                record=partnership,
                action=AuditEntry.Action.CREATED,
                summary="Created the partnership",
                changes=field_changes({}, after, DETAIL_LABELS),
            )
    except IntegrityError:
        # Another person saved the same name or code a moment ago.
        raise ValidationError(
            {"code": "Another partnership in this cohort already uses this name or short code"}
        ) from None
    return partnership


def partnership_update(*, actor, partnership: Partnership, reason: str = "", **fields):
    """Change any of the details; every status allows it, and the change is audited."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"partnership_update() cannot change {', '.join(sorted(unknown))}")
    _require_change_rights(actor, partnership)
    values = {name: getattr(partnership, name) for name in DETAIL_FIELDS}
    values.update(fields)
    values = _normalise(values)
    errors = details_errors(
        cohort=partnership.cohort,
        values=values,
        exclude_pk=partnership.pk,
        check_coordinator=(
            values["coordinator"] != partnership.coordinator
            or values["lead_authority"] != partnership.lead_authority
        ),
    )

    new_lead = values["lead_authority"]
    if new_lead is not None and new_lead.pk != partnership.lead_authority_id:
        if actor is not None and not actor.has_role(Role.NATIONAL_ADMIN):
            errors["lead_authority"].append(
                "Only the national programme team can change the lead authority"
            )
        elif not partnership.members.filter(authority=new_lead).exists():
            errors["lead_authority"].append(
                lead_not_member_message(new_lead.name)
                + ". Add it on the members and places page first"
            )
    if errors:
        raise ValidationError(dict(errors))

    before = _details_display(partnership)
    for name, value in values.items():
        setattr(partnership, name, value)
    changes = field_changes(before, _details_display(partnership), DETAIL_LABELS)
    if not changes:
        return partnership
    try:
        with transaction.atomic():
            partnership.save(update_fields=list(DETAIL_FIELDS))
            audit_record(
                actor=actor,
                record=partnership,
                action=AuditEntry.Action.CHANGED,
                summary="Changed the partnership’s details",
                changes=changes,
                reason=reason.strip(),
            )
    except IntegrityError:
        partnership.refresh_from_db()
        raise ValidationError(
            {"code": "Another partnership in this cohort already uses this name or short code"}
        ) from None
    return partnership


# Members and places


def members_problems(
    *, lead_authority: Organisation, members: list[tuple[Organisation, int]]
) -> list[str]:
    problems = []
    seen: set[int] = set()
    reported: set[int] = set()
    for authority, places in members:
        if authority.kind != OrganisationKind.LOCAL_AUTHORITY:
            problems.append(f"{authority.name} is not a local authority. Select a local authority")
        if not isinstance(places, int) or isinstance(places, bool):
            problems.append(PLACES_NOT_NUMBER_MESSAGE)
        elif places < 0:
            problems.append(NEGATIVE_PLACES_MESSAGE)
        elif places > MAX_PLACES:
            problems.append(TOO_MANY_PLACES_MESSAGE)
        if authority.pk in seen and authority.pk not in reported:
            problems.append(duplicate_authority_message(authority.name))
            reported.add(authority.pk)
        seen.add(authority.pk)
    if not members:
        problems.append(NO_MEMBERS_MESSAGE)
    elif lead_authority.pk not in seen:
        problems.append(lead_not_member_message(lead_authority.name))
    return problems


def _names(names) -> str:
    return ", ".join(sorted(names))


def partnership_set_members(
    *,
    actor,
    partnership: Partnership,
    members: list[tuple[Organisation, int]],
    reason: str = "",
) -> Partnership:
    """Replace the member authorities and their places in one go."""
    _require_change_rights(actor, partnership)
    problems = members_problems(lead_authority=partnership.lead_authority, members=members)
    if problems:
        raise ValidationError(problems)

    wanted = {authority.pk: (authority, places) for authority, places in members}
    with transaction.atomic():
        current = {m.authority_id: m for m in partnership.members.select_related("authority")}
        place_changes = []
        added, removed = [], []
        for authority_id, member in current.items():
            if authority_id not in wanted:
                removed.append(member.authority.name)
                place_changes.append((member.authority.name, str(member.places), NOT_A_MEMBER))
                try:
                    member.delete()
                except ProtectedError:
                    raise ValidationError(
                        f"{member.authority.name} cannot be removed because other records "
                        "depend on its membership. Set its places to 0 instead"
                    ) from None
            elif wanted[authority_id][1] != member.places:
                place_changes.append(
                    (member.authority.name, str(member.places), str(wanted[authority_id][1]))
                )
                member.places = wanted[authority_id][1]
                member.save(update_fields=["places"])
        for authority_id, (authority, places) in wanted.items():
            if authority_id not in current:
                added.append(authority.name)
                place_changes.append((authority.name, NOT_A_MEMBER, str(places)))
                PartnershipAuthority.objects.create(
                    partnership=partnership, authority=authority, places=places
                )

        changes = []
        if added or removed:
            note = "; ".join(
                part
                for part in (
                    f"added {_names(added)}" if added else "",
                    f"removed {_names(removed)}" if removed else "",
                )
                if part
            )
            changes.append(
                {
                    "field": "Members",
                    "before": _names(m.authority.name for m in current.values()) or "(none)",
                    "after": f"{_names(a.name for a, _ in wanted.values())} ({note})",
                }
            )
        for name, before, after in sorted(place_changes):
            changes.append({"field": f"Places: {name}", "before": before, "after": after})
        if changes:
            audit_record(
                actor=actor,
                record=partnership,
                action=AuditEntry.Action.CHANGED,
                summary="Changed member authorities and places",
                changes=changes,
                reason=reason.strip(),
            )
    return partnership


# Universities


def universities_problems(*, universities: list[tuple[Organisation, str]]) -> list[str]:
    problems = []
    seen: set[int] = set()
    reported: set[int] = set()
    leads = []
    for university, role in universities:
        if university.kind != OrganisationKind.UNIVERSITY:
            problems.append(f"{university.name} is not a university. Select a university")
        if role not in UniversityRole.values:
            problems.append(f"Select the role of {university.name}")
        elif role in LEAD_ROLES:
            leads.append(university.name)
        if university.pk in seen and university.pk not in reported:
            problems.append(duplicate_authority_message(university.name))
            reported.add(university.pk)
        seen.add(university.pk)
    if len(leads) > 1:
        problems.append(too_many_leads_message(leads))
    return problems


def partnership_set_universities(
    *,
    actor,
    partnership: Partnership,
    universities: list[tuple[Organisation, str]],
    reason: str = "",
) -> Partnership:
    """Replace the universities the partnership commissions, and their roles."""
    _require_change_rights(actor, partnership)
    problems = universities_problems(universities=universities)
    if problems:
        raise ValidationError(problems)

    labels = dict(UniversityRole.choices)
    wanted = {university.pk: (university, role) for university, role in universities}
    with transaction.atomic():
        current = {
            c.university_id: c for c in partnership.universities.select_related("university")
        }
        role_changes = []
        added, removed = [], []
        for university_id, commission in current.items():
            name = commission.university.name
            if university_id not in wanted:
                removed.append(name)
                role_changes.append((name, labels[commission.role], "Not commissioned"))
                try:
                    commission.delete()
                except ProtectedError:
                    raise ValidationError(
                        f"{name} cannot be removed because other records depend on it"
                    ) from None
            elif wanted[university_id][1] != commission.role:
                new_role = wanted[university_id][1]
                role_changes.append((name, labels[commission.role], labels[new_role]))
                commission.role = new_role
                commission.save(update_fields=["role"])
        for university_id, (university, role) in wanted.items():
            if university_id not in current:
                added.append(university.name)
                role_changes.append((university.name, "Not commissioned", labels[role]))
                PartnershipUniversity.objects.create(
                    partnership=partnership, university=university, role=role
                )

        changes = []
        if added or removed:
            note = "; ".join(
                part
                for part in (
                    f"added {_names(added)}" if added else "",
                    f"removed {_names(removed)}" if removed else "",
                )
                if part
            )
            after = _names(u.name for u, _ in wanted.values()) or "(none)"
            changes.append(
                {
                    "field": "Universities",
                    "before": _names(c.university.name for c in current.values()) or "(none)",
                    "after": f"{after} ({note})",
                }
            )
        for name, before, after in sorted(role_changes):
            changes.append({"field": f"Role: {name}", "before": before, "after": after})
        if changes:
            audit_record(
                actor=actor,
                record=partnership,
                action=AuditEntry.Action.CHANGED,
                summary="Changed universities",
                changes=changes,
                reason=reason.strip(),
            )
    return partnership


# The bid


TRANSITION_SUMMARIES = {
    (PartnershipStatus.DRAFT, PartnershipStatus.SUBMITTED): "Submitted the bid",
    (PartnershipStatus.SUBMITTED, PartnershipStatus.APPROVED): "Approved the bid",
    (PartnershipStatus.SUBMITTED, PartnershipStatus.RETURNED): "Returned the bid",
    (PartnershipStatus.RETURNED, PartnershipStatus.SUBMITTED): "Resubmitted the bid",
}


def partnership_transition(
    *, actor, partnership: Partnership, to_status: str, reason: str = ""
) -> Partnership:
    reason = (reason or "").strip()
    transition = BID_LIFECYCLE.get(partnership.status, to_status)
    if actor is not None:
        if not actor.has_role(*transition.roles):
            raise ValidationError("You cannot make this change")
        _require_change_rights(actor, partnership)
    if transition.needs_reason and not reason:
        raise ValidationError({"reason": RETURN_REASON_MESSAGE})
    if to_status == PartnershipStatus.SUBMITTED:
        problems = submission_problems(partnership)
        if problems:
            raise ValidationError(problems)

    with transaction.atomic():
        before = partnership.get_status_display()
        source = partnership.status
        partnership.status = to_status
        partnership.return_reason = reason if to_status == PartnershipStatus.RETURNED else ""
        partnership.save(update_fields=["status", "return_reason"])
        audit_record(
            actor=actor,
            record=partnership,
            action=AuditEntry.Action.TRANSITION,
            summary=TRANSITION_SUMMARIES[(source, to_status)],
            changes=[
                {
                    "field": "Bid status",
                    "before": before,
                    "after": partnership.get_status_display(),
                }
            ],
            reason=reason,
        )
    return partnership


# The memorandum of cooperation


def memorandum_errors(*, file, signed_on: date | None, review_on: date | None) -> dict:
    errors: dict[str, list] = defaultdict(list)
    problem = upload_problem(
        file=file,
        allowed=frozenset({"application/pdf"}),
        missing=NO_FILE_MESSAGE,
        wrong_type=NOT_PDF_MESSAGE,
    )
    if problem:
        errors["file"].append(problem)
    if signed_on is None:
        errors["signed_on"].append("Enter the date the memorandum was signed")
    elif signed_on > timezone.localdate():
        errors["signed_on"].append(
            "The date the memorandum was signed must be today or in the past"
        )
    if review_on is None:
        errors["review_on"].append("Enter the date the memorandum is due for review")
    elif signed_on is not None and review_on < signed_on:
        errors["review_on"].append(
            "The review date must be the same as or after the date the memorandum was signed"
        )
    return errors


def _describe_memorandum(memorandum: Memorandum | None) -> str:
    if memorandum is None:
        return "(none)"
    return (
        f"{memorandum.original_name}, signed {govuk_date(memorandum.signed_on)}, "
        f"review by {govuk_date(memorandum.review_on)}"
    )


def memorandum_upload(
    *, actor, partnership: Partnership, file, signed_on: date, review_on: date
) -> Memorandum:
    """Keep a new version of the memorandum; the newest is the one in force."""
    _require_change_rights(actor, partnership)
    if file is not None and not isinstance(file, File):
        file = File(file)
    errors = memorandum_errors(file=file, signed_on=signed_on, review_on=review_on)
    if errors:
        raise ValidationError(dict(errors))

    with transaction.atomic():
        previous = partnership.memoranda.order_by("-uploaded_at", "-id").first()
        memorandum = Memorandum(
            partnership=partnership,
            original_name=os.path.basename(file.name or "memorandum.pdf")[:255],
            size_bytes=file.size,
            signed_on=signed_on,
            review_on=review_on,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        file.seek(0)
        memorandum.file.save("memorandum.pdf", file, save=False)
        memorandum.save()
        audit_record(
            actor=actor,
            record=partnership,
            action=AuditEntry.Action.VERSIONED,
            summary="Uploaded a memorandum of cooperation",
            changes=[
                {
                    "field": "Memorandum of cooperation",
                    "before": _describe_memorandum(previous),
                    "after": _describe_memorandum(memorandum),
                }
            ],
        )
    return memorandum


# The steering board


def meeting_errors(*, held_on: date | None, minutes: str) -> dict:
    errors: dict[str, list] = defaultdict(list)
    if held_on is None:
        errors["held_on"].append("Enter the date the meeting was held")
    elif held_on > timezone.localdate():
        errors["held_on"].append("The date the meeting was held must be today or in the past")
    if not (minutes or "").strip():
        errors["minutes"].append("Enter the minutes of the meeting")
    return errors


def meeting_record(
    *, actor, partnership: Partnership, held_on: date, minutes: str, decisions: str = ""
) -> SteeringMeeting:
    _require_change_rights(actor, partnership)
    errors = meeting_errors(held_on=held_on, minutes=minutes)
    if errors:
        raise ValidationError(dict(errors))
    with transaction.atomic():
        meeting = SteeringMeeting.objects.create(
            partnership=partnership,
            held_on=held_on,
            minutes=minutes.strip(),
            decisions=(decisions or "").strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            record=partnership,
            action=AuditEntry.Action.CHANGED,
            summary=f"Recorded the steering board meeting held on {govuk_date(held_on)}",
            changes=[
                {
                    "field": "Steering board meetings",
                    "before": "(blank)",
                    "after": f"Meeting held on {govuk_date(held_on)}",
                }
            ],
        )
    return meeting
