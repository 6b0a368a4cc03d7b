"""The equality monitoring questionnaire, and the analyst's choice of cohort.

Every question may be left blank or answered "Prefer not to say". Follow-up questions (a
description, the kind of disability) always show rather than being revealed, so the page is
the same with or without JavaScript and has no ARIA that assistive technology may not expect.
"""

from django import forms

from stepup.applications.equality import (
    DESCRIPTION_MAX,
    ETHNIC_GROUPS,
    ETHNICITY_OTHERS,
    PREFER_NOT_TO_SAY_LABEL,
    Disability,
    DisabilityKind,
    Religion,
    Sex,
    SexualOrientation,
)
from stepup.applications.models import PREFER_NOT_TO_SAY, EqualityMonitoring
from stepup.core.govuk_forms import GovukDateField


def _radios(label: str, choices, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=hint,
        error_messages={"invalid_choice": "Select one of the options, or leave the question blank"},
    )


def _description(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=DESCRIPTION_MAX,
        error_messages={"max_length": f"Description must be {DESCRIPTION_MAX} characters or fewer"},
    )


class EqualityForm(forms.Form):
    date_of_birth = GovukDateField(
        subject="your date of birth",
        required=False,
        label="What is your date of birth?",
        help_text="For example, 27 3 1990",
    )
    date_of_birth_declined = forms.BooleanField(required=False, label=PREFER_NOT_TO_SAY_LABEL)
    sex = _radios("What is your sex?", Sex.choices)
    ethnicity = _radios(
        "What is your ethnic group?",
        [(code, label) for group in ETHNIC_GROUPS for code, label in group.backgrounds]
        + [(PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL)],
        hint="Choose the option that best describes your ethnic group or background. These "
        "are the groups used in the 2021 census for England and Wales.",
    )
    ethnicity_description = _description(
        "If you chose an ‘any other’ background, you can describe it (optional)"
    )
    disability = _radios(
        "Do you consider yourself to have a disability or a long-term health condition?",
        Disability.choices,
        hint="The Equality Act 2010 counts a condition as a disability if it has a substantial "
        "and long-term effect on your ability to do normal daily activities.",
    )
    disability_kinds = forms.MultipleChoiceField(
        label="If you have a disability or long-term health condition, which of these apply? "
        "(optional)",
        choices=DisabilityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    disability_description = _description(
        "If you chose another condition, you can describe it (optional)"
    )
    religion = _radios("What is your religion or belief?", Religion.choices)
    religion_description = _description(
        "If you chose any other religion or belief, you can describe it (optional)"
    )
    sexual_orientation = _radios(
        "Which of these best describes your sexual orientation?", SexualOrientation.choices
    )

    def clean(self):
        data = super().clean()
        if data.get("date_of_birth") and data.get("date_of_birth_declined"):
            self.add_error(
                "date_of_birth",
                "Enter your date of birth, or select prefer not to say, not both",
            )
        # A description or a kind must go with the answer it belongs to.
        if data.get("ethnicity_description") and data.get("ethnicity") not in ETHNICITY_OTHERS:
            self.add_error(
                "ethnicity_description",
                "Choose an ‘any other’ background to describe it, or clear the description",
            )
        kinds = data.get("disability_kinds") or []
        if kinds and data.get("disability") != Disability.YES:
            self.add_error(
                "disability_kinds",
                "Select yes if you have a disability or condition, or clear these choices",
            )
        if data.get("disability_description") and DisabilityKind.OTHER not in kinds:
            self.add_error(
                "disability_description",
                "Select ‘Another condition’ to describe it, or clear the description",
            )
        if data.get("religion_description") and data.get("religion") != Religion.OTHER:
            self.add_error(
                "religion_description",
                "Choose ‘Any other religion or belief’ to describe it, or clear the description",
            )
        return data

    def answers(self) -> dict:
        """The cleaned answers in the shape ``equality_save`` takes."""
        data = self.cleaned_data
        return {
            "date_of_birth": data.get("date_of_birth"),
            "date_of_birth_declined": bool(data.get("date_of_birth_declined")),
            "sex": data.get("sex") or "",
            "ethnicity": data.get("ethnicity") or "",
            "ethnicity_description": data.get("ethnicity_description") or "",
            "disability": data.get("disability") or "",
            "disability_kinds": list(data.get("disability_kinds") or []),
            "disability_description": data.get("disability_description") or "",
            "religion": data.get("religion") or "",
            "religion_description": data.get("religion_description") or "",
            "sexual_orientation": data.get("sexual_orientation") or "",
        }

    @staticmethod
    def initial_from(monitoring: EqualityMonitoring | None) -> dict:
        """The saved answers, to show in the form again."""
        if monitoring is None:
            return {}
        return {
            "date_of_birth": monitoring.date_of_birth,
            "date_of_birth_declined": monitoring.date_of_birth_declined,
            "sex": monitoring.sex,
            "ethnicity": monitoring.ethnicity,
            "ethnicity_description": monitoring.ethnicity_description,
            "disability": monitoring.disability,
            "disability_kinds": list(monitoring.disability_kinds or []),
            "disability_description": monitoring.disability_description,
            "religion": monitoring.religion,
            "religion_description": monitoring.religion_description,
            "sexual_orientation": monitoring.sexual_orientation,
        }


class EqualityReportForm(forms.Form):
    """Which cohort's counts to show."""

    cohort = forms.TypedChoiceField(
        label="Cohort",
        coerce=int,
        error_messages={"invalid_choice": "Select a cohort from the list"},
    )

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [
            (cohort.number, f"Cohort {cohort.number}: {cohort.name}")
            if cohort.name != f"Cohort {cohort.number}"
            else (cohort.number, cohort.name)
            for cohort in cohorts
        ]
