"""The eligibility rules, run on every application at submission.

Each rule gives a result with a reason the candidate can read. A clear pass or fail is decided
automatically; anything the rules cannot judge (an overseas degree, a predicted degree, an
equivalent qualification, an uncertain right to work) is referred to a person. This module
only reads: recording the results is ``selection.services``'s job.
"""

from dataclasses import dataclass

from stepup.applications.models import (
    GCSE_EQUIVALENT,
    Application,
    DegreeClassGiven,
    DegreeStatus,
    RightToWork,
)
from stepup.programme.models import DEGREE_RANK, DegreeClass, GcseMinimum, RuleVersion
from stepup.selection.models import RuleOutcome

PASS, FAIL, REFER = RuleOutcome.PASS, RuleOutcome.FAIL, RuleOutcome.REFER

# The grades that meet each minimum, on the letter scale and the number scale.
_GCSE_MEETS = {
    GcseMinimum.C4: {"A*", "A", "B", "C", "9", "8", "7", "6", "5", "4"},
    GcseMinimum.B5: {"A*", "A", "B", "9", "8", "7", "6", "5"},
    GcseMinimum.A7: {"A*", "A", "9", "8", "7"},
}


@dataclass(frozen=True)
class RuleResult:
    rule: str
    outcome: str
    reason: str


def _right_to_work(application: Application, rules: RuleVersion) -> RuleResult | None:
    if not rules.right_to_work_required:
        return None
    answer = application.right_to_work
    if answer == RightToWork.YES:
        return RuleResult("right_to_work", PASS, "You have the right to study and work in the UK.")
    if answer == RightToWork.NO:
        return RuleResult(
            "right_to_work",
            FAIL,
            "You told us you do not have the right to study and work in the UK, "
            "which the programme needs.",
        )
    return RuleResult(
        "right_to_work",
        REFER,
        "We need to check your right to study and work in the UK.",
    )


def _normalised(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _degree_subject(application: Application, rules: RuleVersion) -> RuleResult | None:
    excluded = _normalised(rules.excluded_degree_subject or "")
    if not excluded:
        return None
    if excluded in _normalised(application.degree_subject):
        return RuleResult(
            "degree_subject",
            FAIL,
            f"You have a degree in {rules.excluded_degree_subject.lower()}. Step Up is for "
            "graduates of other subjects.",
        )
    return RuleResult("degree_subject", PASS, "Your degree subject can lead to Step Up.")


def _degree_class(application: Application, rules: RuleVersion) -> RuleResult:
    minimum = DegreeClass(rules.min_degree_class).label
    given = application.degree_class
    if given == DegreeClassGiven.OVERSEAS:
        return RuleResult(
            "degree_class",
            REFER,
            "We need to check your overseas degree against its UK equivalent.",
        )
    if given not in DEGREE_RANK:
        return RuleResult("degree_class", REFER, "We need to check your degree.")
    label = DegreeClassGiven(given).label
    if DEGREE_RANK[given] < DEGREE_RANK[rules.min_degree_class]:
        return RuleResult(
            "degree_class",
            FAIL,
            f"Step Up needs a degree of {minimum} or higher. You told us your degree is "
            f"{'predicted to be ' if application.degree_status == DegreeStatus.PREDICTED else ''}"
            f"{label}.",
        )
    if application.degree_status == DegreeStatus.PREDICTED:
        return RuleResult(
            "degree_class",
            REFER,
            f"Your degree is predicted to be {label}. We need to check it once it is awarded.",
        )
    return RuleResult("degree_class", PASS, f"Your degree is {label}.")


def _gcse(subject: str, grade: str, minimum: str) -> RuleResult:
    rule = f"gcse_{subject.lower()}"
    needed = GcseMinimum(minimum).label
    if grade == GCSE_EQUIVALENT:
        return RuleResult(
            rule, REFER, f"We need to check that your {subject} qualification is equivalent."
        )
    if not grade:
        return RuleResult(rule, REFER, f"We need to check your {subject} qualification.")
    if grade in _GCSE_MEETS[minimum]:
        return RuleResult(rule, PASS, f"Your GCSE {subject} grade is {grade}.")
    return RuleResult(
        rule,
        FAIL,
        f"Step Up needs GCSE {subject} at {needed.lower()} or above. You told us your grade "
        f"is {grade}.",
    )


def _experience(application: Application, rules: RuleVersion) -> RuleResult | None:
    if not rules.experience_required:
        return None
    if application.experiences.exists():
        return RuleResult(
            "experience", PASS, "You have experience with children, young people or families."
        )
    return RuleResult(
        "experience",
        FAIL,
        "Step Up needs experience with children, young people or families, paid or voluntary.",
    )


def eligibility_assess(*, application: Application, rules: RuleVersion) -> list[RuleResult]:
    """Every rule's result for this application, in the order the candidate reads them."""
    results = [
        _right_to_work(application, rules),
        _degree_subject(application, rules),
        _degree_class(application, rules),
        _gcse("English", application.gcse_english_grade, rules.gcse_english_minimum),
        _gcse("Maths", application.gcse_maths_grade, rules.gcse_maths_minimum),
        _experience(application, rules),
    ]
    return [result for result in results if result is not None]


def eligibility_overall(results: list[RuleResult]) -> str:
    """A failed rule decides; otherwise anything referred goes to a person; else eligible."""
    outcomes = {result.outcome for result in results}
    if FAIL in outcomes:
        return FAIL
    if REFER in outcomes:
        return REFER
    return PASS
