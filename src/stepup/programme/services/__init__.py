"""Setting up cohorts: details, status, timetable, the versioned rules, funding and the framework.

One module a part; callers import from the package, as ``from stepup.programme import services``.
"""

from stepup.programme.services.cohorts import (
    cohort_copy,
    cohort_create,
    cohort_transition,
    cohort_update,
)
from stepup.programme.services.common import (
    ELIGIBILITY_FIELDS,
    REASON_REQUIRED,
    RECRUITMENT_FIELDS,
)
from stepup.programme.services.exercises import exercise_add, exercise_remove, exercise_update
from stepup.programme.services.framework import (
    criterion_add,
    criterion_remove,
    criterion_update,
    framework_load,
    framework_load_standard,
    matrix_update,
    scale_update,
)
from stepup.programme.services.funding import (
    funding_rate_add,
    funding_rate_remove,
    funding_rate_update,
)
from stepup.programme.services.rules import (
    SIFT_TOLERANCE_MAX,
    WORD_LIMIT_MAX,
    eligibility_update,
    recruitment_settings_update,
)
from stepup.programme.services.timetable import (
    milestone_remove,
    milestone_save,
    milestone_words,
)

__all__ = [
    "ELIGIBILITY_FIELDS",
    "REASON_REQUIRED",
    "RECRUITMENT_FIELDS",
    "SIFT_TOLERANCE_MAX",
    "WORD_LIMIT_MAX",
    "cohort_copy",
    "cohort_create",
    "cohort_transition",
    "cohort_update",
    "criterion_add",
    "criterion_remove",
    "criterion_update",
    "eligibility_update",
    "exercise_add",
    "exercise_remove",
    "exercise_update",
    "framework_load",
    "framework_load_standard",
    "funding_rate_add",
    "funding_rate_remove",
    "funding_rate_update",
    "matrix_update",
    "milestone_remove",
    "milestone_save",
    "milestone_words",
    "recruitment_settings_update",
    "scale_update",
]
