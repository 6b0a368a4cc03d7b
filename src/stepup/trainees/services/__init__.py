"""Enrolling trainees and keeping their record: placements, changes of course, results,
reviews, early warnings and outcomes (docs/adr/0018-the-trainee-record.md)."""

from stepup.trainees.services.enrolment import (
    placement_add,
    placement_remove,
    trainee_change,
    trainee_enrol,
    trainee_extend,
)
from stepup.trainees.services.outcomes import outcome_record
from stepup.trainees.services.progress import (
    assessment_add,
    learning_need_record,
    module_add,
    placement_flag,
    result_record,
    review_record,
    warning_raise,
    warning_resolve,
    warnings_raise_missed,
)

__all__ = [
    "assessment_add",
    "learning_need_record",
    "module_add",
    "outcome_record",
    "placement_add",
    "placement_flag",
    "placement_remove",
    "result_record",
    "review_record",
    "trainee_change",
    "trainee_enrol",
    "trainee_extend",
    "warning_raise",
    "warning_resolve",
    "warnings_raise_missed",
]
