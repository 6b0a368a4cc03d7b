"""Reading what candidates and the public see: recruiting cohorts, and a candidate's own
applications (never anyone else's: everything here is scoped to the candidate); and where
applications have been, for reports."""

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from stepup.applications.models import Application, ApplicationStatus, Document, Experience
from stepup.applications.sections import FORM_SECTIONS, SECTIONS, Section
from stepup.core.formatting import govuk_date
from stepup.partnerships.models import (
    Partnership,
    PartnershipAuthority,
    PartnershipStatus,
    PartnershipUniversity,
)
from stepup.partnerships.queries import with_place_totals
from stepup.programme.models import Cohort, CohortStatus, Milestone, MilestoneKind

_WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    """Words as the GOV.UK character count component counts them."""
    return len(_WORD.findall(text or ""))


def word_limits(cohort: Cohort) -> dict[int, int]:
    rules = cohort.current_rules
    return {1: rules.q1_word_limit, 2: rules.q2_word_limit, 3: rules.q3_word_limit}


# Public


def recruiting_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.filter(status=CohortStatus.RECRUITING).order_by("-number")


def application_window(cohort: Cohort) -> Milestone | None:
    return cohort.milestones.filter(kind=MilestoneKind.APPLICATION_WINDOW).first()


def approved_partnerships(cohort: Cohort) -> QuerySet[Partnership]:
    """The partnerships a candidate may choose: those whose bid was approved."""
    return with_place_totals(
        cohort.partnerships.filter(status=PartnershipStatus.APPROVED)
    ).order_by("name")


def cohort_public_partnerships(cohort: Cohort) -> list[Partnership]:
    """Approved partnerships with their authorities, places and universities."""
    return list(
        approved_partnerships(cohort)
        .select_related("lead_authority")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=PartnershipAuthority.objects.select_related("authority").order_by(
                    "authority__name"
                ),
            ),
            Prefetch(
                "universities",
                queryset=PartnershipUniversity.objects.select_related("university"),
            ),
        )
    )


# A candidate's own applications


def applications_of(candidate) -> QuerySet[Application]:
    """The candidate's applications; anyone else's is "not found"."""
    if not candidate.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(candidate=candidate).select_related("cohort")


def application_in(candidate, cohort: Cohort) -> Application | None:
    return applications_of(candidate).filter(cohort=cohort).first()


def is_changeable(application: Application) -> bool:
    return application.status == ApplicationStatus.DRAFT


# The task list

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not yet started", "In progress", "Completed"


@dataclass(frozen=True)
class Task:
    section: Section
    status: str
    url_name: str

    @property
    def key(self) -> str:
        return self.section.key


def _started(application: Application, section: Section) -> bool:
    if section.key == "experience":
        return application.experiences.exists()
    if section.key == "documents":
        return application.documents.exists()
    if section.key == "personal-details":
        # The full name is filled in from the account when the application starts.
        names = [name for name in section.fields if name != "full_name"]
    else:
        names = list(section.fields)
    return any(
        getattr(application, name) not in ("", None)
        and not (name == "declaration_confirmed" and not application.declaration_confirmed)
        for name in names
    )


def section_status(application: Application, section: Section) -> str:
    if section.key in application.sections_completed:
        return COMPLETED
    return IN_PROGRESS if _started(application, section) else NOT_STARTED


def task_list(application: Application) -> list[Task]:
    tasks = []
    for section in SECTIONS:
        if section.key in FORM_SECTIONS:
            url_name = "applications:section"
        else:
            url_name = f"applications:{section.key}"
        tasks.append(Task(section, section_status(application, section), url_name))
    return tasks


def sections_done(application: Application) -> int:
    return sum(1 for s in SECTIONS if s.key in application.sections_completed)


def experiences_of(application: Application) -> QuerySet[Experience]:
    return application.experiences.order_by("-started_on", "id")


def documents_of(application: Application) -> QuerySet[Document]:
    return application.documents.order_by("uploaded_at", "id")


# Check your answers

SUMMARY_LABELS = {
    "full_name": "Full name",
    "phone": "Phone number",
    "address_line_1": "Address line 1",
    "address_line_2": "Address line 2",
    "town": "Town or city",
    "postcode": "Postcode",
    "right_to_work": "Right to study and work in the UK",
    "right_to_work_details": "Visa or immigration status",
    "degree_subject": "Subject",
    "degree_class": "Class",
    "degree_equivalence": "UK equivalent",
    "degree_institution": "University or college",
    "degree_year": "Year",
    "degree_status": "Awarded or predicted",
    "gcse_english_grade": "GCSE English grade",
    "gcse_english_equivalent": "English equivalent qualification",
    "gcse_maths_grade": "GCSE Maths grade",
    "gcse_maths_equivalent": "Maths equivalent qualification",
    "answer_q1": "Question 1: your relevant experience",
    "answer_q2": "Question 2: your motivation",
    "answer_q3": "Question 3: your values",
    "first_choice": "First choice",
    "second_choice": "Second choice",
    "willing_to_move": "Willing to move to another partnership",
    "heard_about": "How you heard about Step Up",
    "has_criminal_record": "Cautions or convictions",
    "criminal_record_details": "Details",
    "declaration_confirmed": "Information confirmed as true",
}


def _shown(application: Application, name: str) -> str:
    value = getattr(application, name)
    field = Application._meta.get_field(name)
    if getattr(field, "choices", None) and value:
        return getattr(application, f"get_{name}_display")()
    if name == "gcse_english_grade" or name == "gcse_maths_grade":
        return "Equivalent qualification" if value == "equivalent" else value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Partnership):
        return value.name
    return "" if value is None else str(value)


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str


def answers_summary(application: Application) -> list[tuple[Section, list[SummaryRow]]]:
    """Each form section's answers, as the check-your-answers page lists them."""
    summary = []
    for section in SECTIONS:
        rows = [
            SummaryRow(SUMMARY_LABELS[name], _shown(application, name))
            for name in section.fields
            if name
            not in ("degree_equivalence", "gcse_english_equivalent", "gcse_maths_equivalent")
            or getattr(application, name)
        ]
        summary.append((section, rows))
    return summary


# What the candidate reads: their words, not the service's stages.
CANDIDATE_STATUS = {
    ApplicationStatus.DRAFT: "Not submitted yet",
    ApplicationStatus.SUBMITTED: "Received",
    ApplicationStatus.ELIGIBILITY_REVIEW: "We are checking your answers",
    ApplicationStatus.INELIGIBLE: "You cannot apply this time",
    ApplicationStatus.ELIGIBLE: "Waiting for your answers to be scored",
    ApplicationStatus.SCREENED_IN: "Through to the assessment centre",
    ApplicationStatus.SCREENED_OUT: "Not successful this time",
    ApplicationStatus.INVITED: "Invited to an assessment centre",
    ApplicationStatus.ATTENDED: "Waiting for your assessment centre result",
    ApplicationStatus.DID_NOT_ATTEND: "You did not come to the assessment centre",
    ApplicationStatus.MET_BENCHMARK: "You met the standard at the assessment centre",
    ApplicationStatus.BENCHMARK_NOT_MET: "Not successful this time",
    ApplicationStatus.WITHDRAWN: "Withdrawn",
}


def status_for_candidate(application: Application) -> str:
    return CANDIDATE_STATUS[application.status]


def _when(milestone: Milestone) -> str:
    if milestone.note:
        return f"in {milestone.note}"
    if milestone.ends_on and milestone.ends_on != milestone.starts_on:
        return f"from {govuk_date(milestone.starts_on)} to {govuk_date(milestone.ends_on)}"
    return f"on {govuk_date(milestone.starts_on)}"


def next_step(application: Application) -> str:
    """What happens next for this candidate, with the date from the cohort's timetable."""
    dates = {m.kind: m for m in application.cohort.milestones.all()}
    sift = dates.get(MilestoneKind.CONTRACTOR_SIFT) or dates.get(MilestoneKind.PARTNERSHIP_SIFT)
    centres = dates.get(MilestoneKind.ASSESSMENT_CENTRES)
    status = application.status
    if status in (ApplicationStatus.SUBMITTED, ApplicationStatus.ELIGIBILITY_REVIEW):
        text = "We will check that you can apply and email you when we have."
        if sift:
            text += f" Then we read and score applications {_when(sift)}."
        return text
    if status == ApplicationStatus.ELIGIBLE:
        text = "We will read and score your answers to the three questions"
        text += f" {_when(sift)}." if sift else "."
        return text + " We will email you the result."
    if status == ApplicationStatus.SCREENED_IN:
        if centres:
            return (
                f"Assessment centres run {_when(centres)}. We will email you an invitation "
                "to one, with the day and the place."
            )
        return "We will email you an invitation to an assessment centre."
    offers = dates.get(MilestoneKind.OFFERS)
    if status == ApplicationStatus.INVITED:
        return "Choose a day and time at an assessment centre, or check the one you booked."
    if status == ApplicationStatus.ATTENDED:
        return (
            "The assessors meet after the day to agree everyone’s scores. We will email you "
            "the result."
        )
    if status == ApplicationStatus.MET_BENCHMARK:
        text = (
            "Places go to the highest scores first, and to your first-choice partnership if "
            "it can. We will email you about a place"
        )
        return text + (f" {_when(offers)}." if offers else ".")
    return ""
