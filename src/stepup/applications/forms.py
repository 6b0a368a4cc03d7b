"""Forms for the candidate's pages. They only parse what was typed; the services decide."""

from django import forms
from django.core.exceptions import ValidationError

from stepup.accounts import services as accounts_services
from stepup.applications import services as applications_services
from stepup.applications.models import (
    GCSE_EQUIVALENT,
    DegreeClassGiven,
    DegreeStatus,
    DocumentKind,
    ExperienceKind,
    HeardAbout,
    RightToWork,
)
from stepup.core.govuk_forms import YES_NO, GovukDateField, bounded, radio_field

GCSE_CHOICES = (
    ("", "Select a grade"),
    ("A*", "A*"),
    ("A", "A"),
    ("B", "B"),
    ("C", "C"),
    ("D", "D"),
    ("E", "E"),
    ("F", "F"),
    ("G", "G"),
    ("9", "9"),
    ("8", "8"),
    ("7", "7"),
    ("6", "6"),
    ("5", "5"),
    ("4", "4"),
    ("3", "3"),
    ("2", "2"),
    ("1", "1"),
    ("U", "U (ungraded)"),
    (GCSE_EQUIVALENT, "I have an equivalent qualification"),
)


def _text(label: str, *, hint: str = "", max_length: int = 200, textarea=False, **kwargs):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=max_length,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
        **kwargs,
    )


def _radios(label: str, choices, message: str, *, hint: str = ""):
    # Not required here: the service says so, with every other error at once.
    return radio_field(label, choices, message, required=False, hint=hint)


def _yes_no(value) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class SectionForm(forms.Form):
    """Every section ends with the GOV.UK question "Have you completed this section?"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed"] = _radios(
            "Have you completed this section?",
            (("yes", "Yes, I’ve completed this section"), ("no", "No, I’ll come back later")),
            "Select whether you have completed this section",
        )

    def section_data(self) -> dict:
        """What the service takes: model field names, with yes/no answers as booleans."""
        data = dict(self.cleaned_data)
        data["completed"] = _yes_no(data.get("completed"))
        return data

    @classmethod
    def initial_from(cls, application, names) -> dict:
        return {name: getattr(application, name) for name in names}


class PersonalForm(SectionForm):
    full_name = _text("Full name", hint="As it appears on your passport or driving licence")
    phone = _text("Phone number", max_length=30)
    address_line_1 = _text("Address line 1")
    address_line_2 = _text("Address line 2 (optional)")
    town = _text("Town or city", max_length=100)
    postcode = _text("Postcode", max_length=10)


class RightToWorkForm(SectionForm):
    right_to_work = _radios(
        "Do you have the right to study and work in the UK?",
        RightToWork.choices,
        "Select whether you have the right to study and work in the UK",
        hint="For example as a British or Irish citizen, with settled status or with a visa",
    )
    right_to_work_details = _text(
        "Your visa or immigration status (optional if you answered yes or no)",
        max_length=2000,
        textarea=True,
    )


class DegreeForm(SectionForm):
    degree_subject = _text("Degree subject", hint="For example, psychology")
    degree_class = _radios(
        "Class of degree", DegreeClassGiven.choices, "Select the class of your degree"
    )
    degree_equivalence = _text(
        "If your degree is from outside the UK, its UK equivalent",
        hint="For example, 2:1, as stated by Ecctis (formerly UK NARIC)",
        max_length=300,
    )
    degree_institution = _text("University or college")
    degree_year = bounded(
        forms.IntegerField(
            label="Year the degree was or will be awarded",
            help_text="For example, 2019",
            required=False,
            error_messages={"invalid": "Year of your degree must be a number, like 2019"},
        ),
        subject="a year",
    )
    degree_status = _radios(
        "Has your degree been awarded?",
        DegreeStatus.choices,
        "Select whether your degree has been awarded or is predicted",
    )


class GcseForm(SectionForm):
    gcse_english_grade = forms.ChoiceField(
        label="GCSE English grade",
        help_text="Use the letter (A* to G) or number (9 to 1) on your certificate",
        required=False,
        choices=GCSE_CHOICES,
        error_messages={"invalid_choice": "Select the grade you got"},
    )
    gcse_english_equivalent = _text(
        "If you have an equivalent qualification in English, its name and grade",
        hint="For example, Functional Skills English level 2, pass",
        max_length=300,
    )
    gcse_maths_grade = forms.ChoiceField(
        label="GCSE Maths grade",
        help_text="Use the letter (A* to G) or number (9 to 1) on your certificate",
        required=False,
        choices=GCSE_CHOICES,
        error_messages={"invalid_choice": "Select the grade you got"},
    )
    gcse_maths_equivalent = _text(
        "If you have an equivalent qualification in Maths, its name and grade",
        hint="For example, Functional Skills Maths level 2, pass",
        max_length=300,
    )


QUESTION_TEXT = {
    1: (
        "Question 1: outline the experience you consider relevant to this application",
        "It must include working and building relationships with children and young people, "
        "paid or voluntary.",
    ),
    2: ("Question 2: what has influenced your decision to apply for Step Up to Social Work?", ""),
    3: ("Question 3: what values do you believe are important in social work?", ""),
}


class QuestionsForm(SectionForm):
    """Word limits are the service's to check: an over-long answer is kept on the page."""

    def __init__(self, *args, limits: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        completed = self.fields.pop("completed")
        for number in (1, 2, 3):
            label, hint = QUESTION_TEXT[number]
            self.fields[f"answer_q{number}"] = forms.CharField(
                label=label,
                help_text=(f"{hint} " if hint else "") + f"Use {limits[number]} words or fewer.",
                required=False,
                widget=forms.Textarea,
            )
        self.fields["completed"] = completed
        self.limits = limits


class PreferencesForm(SectionForm):
    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        completed = self.fields.pop("completed")
        choices = [("", "Select a partnership")] + [(str(p.pk), p.name) for p in partnerships]
        self.partnerships = {str(p.pk): p for p in partnerships}
        for name, label in (
            ("first_choice", "First choice of partnership"),
            ("second_choice", "Second choice of partnership (optional)"),
        ):
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=choices,
                error_messages={
                    "invalid_choice": f"Select your {name.split('_')[0]} choice of partnership"
                },
            )
        self.fields["willing_to_move"] = _radios(
            "Would you be willing to move to another partnership if yours has no place for you?",
            YES_NO,
            "Select whether you would move to another partnership",
        )
        self.fields["completed"] = completed

    def section_data(self) -> dict:
        data = super().section_data()
        for name in ("first_choice", "second_choice"):
            data[name] = self.partnerships.get(data.get(name) or "")
        data["willing_to_move"] = _yes_no(data.get("willing_to_move"))
        return data


class HeardAboutForm(SectionForm):
    heard_about = _radios(
        "How did you hear about Step Up to Social Work?",
        HeardAbout.choices,
        "Select how you heard about Step Up",
    )


class DeclarationsForm(SectionForm):
    has_criminal_record = _radios(
        "Do you have any cautions or convictions that are not protected?",
        YES_NO,
        "Select whether you have a criminal record",
        hint="Social work is exempt from the Rehabilitation of Offenders Act. A criminal "
        "record does not always stop you from training.",
    )
    criminal_record_details = _text(
        "If you answered yes, give details", max_length=5000, textarea=True
    )
    declaration_confirmed = forms.BooleanField(
        label="I confirm that the information I have given is true and complete",
        required=False,
    )

    def section_data(self) -> dict:
        data = super().section_data()
        data["has_criminal_record"] = _yes_no(data.get("has_criminal_record"))
        return data


SECTION_FORMS = {
    "personal-details": PersonalForm,
    "right-to-work": RightToWorkForm,
    "degree": DegreeForm,
    "gcse": GcseForm,
    "questions": QuestionsForm,
    "partnerships": PreferencesForm,
    "heard-about": HeardAboutForm,
    "declarations": DeclarationsForm,
}

# Stored values that the form shows differently (booleans as yes/no, partnerships by id).
_AS_FORM = {
    True: "yes",
    False: "no",
}


def section_initial(application, names) -> dict:
    initial = {}
    for name in names:
        value = getattr(application, name)
        if name in ("first_choice", "second_choice"):
            value = str(value.pk) if value else ""
        elif name in ("willing_to_move", "has_criminal_record"):
            value = _AS_FORM.get(value, "")
        initial[name] = value
    return initial


class CompletedForm(SectionForm):
    """Just the completed question, for the experience and documents pages."""

    def section_data(self) -> dict:
        return {"completed": _yes_no(self.cleaned_data.get("completed"))}


class ExperienceForm(forms.Form):
    kind = _radios("Was it paid or voluntary?", ExperienceKind.choices, "Select paid or voluntary")
    role = _text("Your role", hint="For example, youth worker or teaching assistant")
    organisation = _text("Organisation")
    started_on = GovukDateField(
        subject="the date you started",
        label="Date you started",
        required=False,
        help_text="For example, 27 3 2019",
    )
    ended_on = GovukDateField(
        subject="the date you finished",
        label="Date you finished",
        required=False,
        help_text="For example, 27 3 2021. Leave blank if you still do it.",
    )
    ongoing = forms.BooleanField(label="I still do this", required=False)
    hours_per_week = bounded(
        forms.IntegerField(
            label="Hours a week",
            help_text="On average",
            required=False,
            error_messages={
                "invalid": "Hours a week must be a number, like 6",
                "max_value": "Hours a week must be 168 or less",
            },
        ),
        subject="a number of hours",
        high=168,
    )

    def clean(self):
        """The service's checks too, so that a finish before the start is shown with
        every other problem, not after they are fixed."""
        data = super().clean()
        try:
            applications_services.experience_values(data)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, messages[0])
        return data


class AccountForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        required=False,
        error_messages={"max_length": "Full name must be 200 characters or fewer"},
    )
    email = forms.CharField(
        label="Email address",
        max_length=254,
        required=False,
        widget=forms.EmailInput,
        error_messages={"max_length": "Email address must be 254 characters or fewer"},
    )
    password = forms.CharField(
        label="Create a password",
        help_text="Use 10 characters or more. A few words you will remember work well.",
        required=False,
        widget=forms.PasswordInput,
    )
    password_again = forms.CharField(
        label="Confirm your password", required=False, widget=forms.PasswordInput
    )

    def clean(self):
        """Every problem at once, in the order of the fields, not one field at a time."""
        data = super().clean()
        password, again = data.get("password"), data.get("password_again")
        problems = accounts_services.candidate_account_errors(
            full_name=data.get("full_name", ""),
            email=data.get("email", ""),
            password=data.get("password", ""),
        )
        for name in ("full_name", "email", "password"):
            if name in problems and name not in self.errors:
                self.add_error(name, problems[name][0])
        if password and not again:
            self.add_error("password_again", "Confirm your password")
        elif password and password != again:
            self.add_error("password_again", "Passwords must match")
        return data


class DocumentForm(forms.Form):
    kind = _radios(
        "What does the document show?", DocumentKind.choices, "Select what the document shows"
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, JPG or PNG, smaller than 10MB",
        required=False,
    )


class WithdrawForm(forms.Form):
    reason = _text(
        "Why are you withdrawing? (optional)",
        hint="This helps us improve the programme. It does not change anything.",
        max_length=2000,
        textarea=True,
    )
