"""The programme team's pages: cohorts, the timetable, funding, eligibility and the framework.

Every member of staff may read a cohort's set-up; only national admins change it. One
module a part; the URLs import the package, as ``from stepup.programme import views``.
"""

from stepup.programme.views.cohorts import (
    cohort_copy,
    cohort_create,
    cohort_detail,
    cohort_history,
    cohort_list,
    cohort_transition,
    cohort_update,
    milestone_edit,
    milestone_remove,
    rule_versions,
    timetable,
)
from stepup.programme.views.common import (
    ADMIN,
    STAFF,
)
from stepup.programme.views.framework import (
    criterion_add,
    criterion_remove,
    criterion_update,
    exercise_add,
    exercise_remove,
    exercise_update,
    framework,
    framework_load_standard,
    matrix_update,
    scale_update,
)
from stepup.programme.views.rules import (
    eligibility,
    eligibility_update,
    funding,
    funding_rate_add,
    funding_rate_remove,
    funding_rate_update,
)

__all__ = [
    "ADMIN",
    "STAFF",
    "cohort_copy",
    "cohort_create",
    "cohort_detail",
    "cohort_history",
    "cohort_list",
    "cohort_transition",
    "cohort_update",
    "criterion_add",
    "criterion_remove",
    "criterion_update",
    "eligibility",
    "eligibility_update",
    "exercise_add",
    "exercise_remove",
    "exercise_update",
    "framework",
    "framework_load_standard",
    "funding",
    "funding_rate_add",
    "funding_rate_remove",
    "funding_rate_update",
    "matrix_update",
    "milestone_edit",
    "milestone_remove",
    "rule_versions",
    "scale_update",
    "timetable",
]
