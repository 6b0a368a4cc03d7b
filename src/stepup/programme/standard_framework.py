"""The national assessment framework for recruitment to Step Up (seed 001, §5.2 and §5.4).

The nine criteria with their published definitions, the exercises that assess them, and
which exercise assesses which criterion. The application form covers "five of the nine";
reading Q1 as evidence of building relationships is ours, as the domain map notes.

As published, resilience is assessed only in the telephone simulation, although "it was
intended that each criterion would be assessed twice". The service refuses such a
framework, so the standard one also assesses resilience at interview (docs/adr/0004).
``PUBLISHED_EXERCISES`` keeps the matrix exactly as published, for the tests.
"""

CRITERIA: tuple[tuple[str, str], ...] = (
    (
        "Child-centred approach",
        "Has the young person's or child's interest at the centre of all they do.",
    ),
    (
        "Values",
        "Consistently exhibits behaviour in line with the values of the social work profession.",
    ),
    (
        "Verbal communication",
        "Communicates effectively and professionally with others to ensure they are understood, "
        "adapting their style to the audience and/or situation as appropriate.",
    ),
    (
        "Written communication",
        "Writes in a clear and professional style to aid understanding and influence others.",
    ),
    (
        "Resilience",
        "Displays resilience, maintaining a professional service and optimistic outlook under "
        "difficult circumstances.",
    ),
    (
        "Analysis & decision-making",
        "Gathers information to solve problems and inform decisions; considers the wider "
        "implications and takes ownership for decisions made.",
    ),
    (
        "Planning & organising",
        "Organises self effectively, takes a structured and methodical approach to ensure that "
        "tasks are completed on time.",
    ),
    (
        "Building & managing relationships",
        "Builds and maintains positive relationships with service users, colleagues and other "
        "professionals.",
    ),
    (
        "Self-awareness & self-development",
        "Is passionate about social work and motivated to succeed in this field; understands own "
        "values and has the ability to self-reflect to enhance personal development.",
    ),
)

# (name, stage, description, criteria assessed)
EXERCISES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Application form",
        "application",
        "Q1 experience of working and building relationships with children and young people; "
        "Q2 motivation; Q3 values.",
        (
            "Child-centred approach",
            "Values",
            "Self-awareness & self-development",
            "Written communication",
            "Building & managing relationships",
        ),
    ),
    (
        "Group exercise",
        "assessment_centre",
        "An observed discussion, with service users, of the skills social workers need and of "
        "involving children and young people in decisions.",
        ("Values", "Verbal communication", "Building & managing relationships"),
    ),
    (
        "Written self-evaluation of the group exercise",
        "assessment_centre",
        "The candidate's written evaluation of their own part in the group exercise.",
        ("Written communication", "Self-awareness & self-development"),
    ),
    (
        "Written analysis",
        "assessment_centre",
        "Key issues, recommendations and next steps for a young person leaving foster care.",
        (
            "Child-centred approach",
            "Written communication",
            "Analysis & decision-making",
            "Planning & organising",
        ),
    ),
    (
        "Telephone simulation",
        "assessment_centre",
        "A simulated call from a young person in distress, with a written evaluation.",
        (
            "Values",
            "Verbal communication",
            "Resilience",
            "Written communication",
            "Self-awareness & self-development",
        ),
    ),
    (
        "Interview",
        "assessment_centre",
        "University and local authority interview (two separate interviews in cohort 1, merged "
        "into one from cohort 2).",
        (
            "Self-awareness & self-development",
            "Planning & organising",
            "Values",
            "Analysis & decision-making",
            "Resilience",
        ),
    ),
)

# The interview, as each format runs it (seed 001, 5.3): from cohort 2 one joint interview,
# the default; in cohort 1 a university interview and a local authority interview.
INTERVIEW_PANELS = {"Interview": "joint"}
SEPARATE_INTERVIEWS = (
    (
        "University interview",
        "assessment_centre",
        "An interview by the university, apart from the local authority's (as in cohort 1).",
        EXERCISES[-1][3],
    ),
    (
        "Local authority interview",
        "assessment_centre",
        "An interview by the local authority, apart from the university's (as in cohort 1).",
        EXERCISES[-1][3],
    ),
)
SEPARATE_PANELS = {"University interview": "university", "Local authority interview": "authority"}


def exercises_for(interview_format: str) -> tuple[tuple, tuple[tuple, ...], dict[str, str]]:
    """The exercises of the standard framework with the interview as ``interview_format``
    ("joint" or "separate") runs it, and the panel each interview needs."""
    if interview_format == "separate":
        return (*EXERCISES[:-1], *SEPARATE_INTERVIEWS), SEPARATE_PANELS
    return EXERCISES, INTERVIEW_PANELS


PUBLISHED_EXERCISES = (
    *EXERCISES[:-1],
    (*EXERCISES[-1][:3], tuple(c for c in EXERCISES[-1][3] if c != "Resilience")),
)

# The scoring scale used when a cohort adopts the standard framework.
SCALE: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "Little or no evidence",
        "Little or no evidence of the criterion; mostly less effective behaviours.",
    ),
    (
        2,
        "Some evidence",
        "Some evidence, with gaps or a mix of effective and less effective behaviours.",
    ),
    (3, "Meets the standard", "Clear evidence of effective behaviours."),
    (4, "Strong evidence", "Consistent, strong evidence of effective behaviours throughout."),
)
