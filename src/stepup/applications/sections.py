"""The sections of the application form, in the order the task list shows them.

One table, read by the services (what each section saves and needs before it is complete),
the queries (the task list) and the pages (labels and URLs), so they cannot disagree.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str  # in URLs and in ``Application.sections_completed``
    title: str
    fields: tuple[str, ...] = ()
    # Field -> the message when it is blank and the candidate says the section is complete.
    required: dict[str, str] = field(default_factory=dict)
    # Values people may not want copied into the audit trail (only that they changed).
    private: frozenset[str] = frozenset()


PERSONAL = Section(
    "personal-details",
    "Personal and contact details",
    ("full_name", "phone", "address_line_1", "address_line_2", "town", "postcode"),
    {
        "full_name": "Enter your full name",
        "phone": "Enter your phone number, like 01632 960 001",
        "address_line_1": "Enter the first line of your address",
        "town": "Enter your town or city",
        "postcode": "Enter your postcode",
    },
    frozenset({"full_name", "phone", "address_line_1", "address_line_2", "town", "postcode"}),
)
RIGHT_TO_WORK = Section(
    "right-to-work",
    "Right to study and work in the UK",
    ("right_to_work", "right_to_work_details"),
    {"right_to_work": "Select whether you have the right to study and work in the UK"},
    frozenset({"right_to_work_details"}),
)
DEGREE = Section(
    "degree",
    "Degree",
    (
        "degree_subject",
        "degree_class",
        "degree_equivalence",
        "degree_institution",
        "degree_year",
        "degree_status",
    ),
    {
        "degree_subject": "Enter the subject of your degree",
        "degree_class": "Select the class of your degree",
        "degree_institution": "Enter the university or college that awarded your degree",
        "degree_year": "Enter the year of your degree, like 2019",
        "degree_status": "Select whether your degree has been awarded or is predicted",
    },
)
GCSE = Section(
    "gcse",
    "GCSE English and Maths",
    ("gcse_english_grade", "gcse_english_equivalent", "gcse_maths_grade", "gcse_maths_equivalent"),
    {
        "gcse_english_grade": "Select the grade you got in GCSE English",
        "gcse_maths_grade": "Select the grade you got in GCSE Maths",
    },
)
EXPERIENCE = Section("experience", "Experience with children, young people and families")
QUESTIONS = Section(
    "questions",
    "Your answers to three questions",
    ("answer_q1", "answer_q2", "answer_q3"),
    {
        "answer_q1": "Enter your answer to question 1",
        "answer_q2": "Enter your answer to question 2",
        "answer_q3": "Enter your answer to question 3",
    },
    frozenset({"answer_q1", "answer_q2", "answer_q3"}),
)
PREFERENCES = Section(
    "partnerships",
    "Partnership preferences",
    ("first_choice", "second_choice", "willing_to_move"),
    {
        "first_choice": "Select your first choice of partnership",
        "willing_to_move": "Select whether you would move to another partnership",
    },
)
HEARD_ABOUT = Section(
    "heard-about",
    "How you heard about Step Up",
    ("heard_about",),
    {"heard_about": "Select how you heard about Step Up"},
)
DECLARATIONS = Section(
    "declarations",
    "Declarations",
    ("has_criminal_record", "criminal_record_details", "declaration_confirmed"),
    {
        "has_criminal_record": "Select whether you have a criminal record",
        "declaration_confirmed": "Confirm that the information you have given is true",
    },
    frozenset({"has_criminal_record", "criminal_record_details"}),
)
DOCUMENTS = Section("documents", "Evidence of your qualifications and right to work")

SECTIONS: tuple[Section, ...] = (
    PERSONAL,
    RIGHT_TO_WORK,
    DEGREE,
    GCSE,
    EXPERIENCE,
    QUESTIONS,
    PREFERENCES,
    HEARD_ABOUT,
    DECLARATIONS,
    DOCUMENTS,
)
BY_KEY = {section.key: section for section in SECTIONS}
# Sections edited through one form of fields (experience and documents have their own pages).
FORM_SECTIONS = tuple(s.key for s in SECTIONS if s.fields)
