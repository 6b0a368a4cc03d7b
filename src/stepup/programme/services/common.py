"""What every part of setting up a cohort shares: messages, the versioned fields, who acted."""

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
    "centres_run_by",
    "centre_benchmark",
    "centre_criterion_minimum",
)

_COHORT_LABELS = {
    "number": "Number",
    "name": "Name",
    "start_date": "Start date",
    "length_months": "Length in months",
}


def _person(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None
