"""The trainee record's forms; each error says how to put the field right."""

from django import forms

from stepup.core.govuk_forms import GovukDateField
from stepup.trainees.models import (
    AssessmentKind,
    Award,
    Classification,
    Employment,
    Rag,
    ServiceUserGroup,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, message: str, *, help_text: str = "", required: bool = True, rows=3):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message},
    )


def _line(label: str, message: str = "", *, required: bool = True, help_text: str = ""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=200,
        error_messages={"required": message},
    )


class EnrolForm(forms.Form):
    enrolled_on = GovukDateField(label="Date enrolled", subject="the date they enrolled")
    consent_to_link = forms.ChoiceField(
        label="Did they agree that their outcomes may be studied alongside their application?",
        help_text="Only those who agreed are counted when outcomes are linked to recruitment.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if they agreed, or no"},
    )
    student_number = _line("Student number", required=False)

    def clean_consent_to_link(self):
        return self.cleaned_data["consent_to_link"] == "yes"


class PlacementForm(forms.Form):
    setting = _line(
        "Setting", "Enter the setting", help_text="For example, a children's services team."
    )
    authority = forms.TypedChoiceField(
        label="Authority",
        coerce=int,
        error_messages={
            "required": "Select the authority",
            "invalid_choice": "Select one of the partnership's authorities",
        },
    )
    team = _line("Team", "Enter the team")
    group = forms.ChoiceField(
        label="Service-user group",
        choices=[("", "Choose a group"), *ServiceUserGroup.choices],
        error_messages={"required": "Select the service-user group"},
    )
    statutory = forms.ChoiceField(
        label="Is it statutory work?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if it is statutory work, or no"},
    )
    starts_on = GovukDateField(label="Start date", subject="the start date")
    ends_on = GovukDateField(label="End date", subject="the end date")
    days = forms.IntegerField(
        label="Days of practice learning",
        min_value=1,
        max_value=400,
        error_messages={
            "required": "Enter the number of days",
            "invalid": "Enter the number of days as a whole number, like 70",
            "min_value": "Enter at least 1 day",
            "max_value": "Enter no more than 400 days",
        },
    )
    practice_educator = _line("Practice educator", "Enter the practice educator's name")
    onsite_supervisor = _line("Onsite supervisor", required=False)
    placement_tutor = _line("Placement tutor", "Enter the placement tutor's name")

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [("", "Choose an authority")] + [
            (a.pk, str(a)) for a in authorities
        ]
        self.authorities = {a.pk: a for a in authorities}

    def clean_statutory(self):
        return self.cleaned_data["statutory"] == "yes"

    def clean_authority(self):
        return self.authorities[self.cleaned_data["authority"]]


class ResultForm(forms.Form):
    assessment = forms.TypedChoiceField(
        label="Assessment",
        coerce=int,
        error_messages={
            "required": "Select the assessment",
            "invalid_choice": "Select one of the trainee's assessments",
        },
    )
    mark = forms.IntegerField(
        label="Mark",
        help_text="For a marked assessment: 0 to 100.",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Enter the mark as a whole number, like 58",
            "min_value": "Enter a mark from 0 to 100",
            "max_value": "Enter a mark from 0 to 100",
        },
    )
    passed = forms.ChoiceField(
        label="For a pass-or-fail assessment: the result",
        choices=[("pass", "Pass"), ("fail", "Fail")],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = [("", "Choose an assessment")] + [
            (a.pk, f"{a.module.name}: {a.name}") for a in assessments
        ]
        self.assessments = {a.pk: a for a in assessments}

    def clean_assessment(self):
        return self.assessments[self.cleaned_data["assessment"]]

    def clean_passed(self):
        value = self.cleaned_data.get("passed")
        return None if not value else value == "pass"


class ReviewForm(forms.Form):
    held_on = GovukDateField(label="Date of the review", subject="the date of the review")
    rag = forms.ChoiceField(
        label="How is the trainee doing?",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select red, amber or green"},
    )
    notes = _text("What the review found", "Write what the review found", rows=5)


class NeedForm(forms.Form):
    need = _text("Learning need", "Describe the learning need")
    adjustments = _text("Reasonable adjustments", "Say what reasonable adjustments are made")


class ReasonForm(forms.Form):
    reason = _text("Why?", "Enter the reason")

    def __init__(self, *args, label: str, message: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = message


class ExtendForm(forms.Form):
    until = GovukDateField(label="Until when?", subject="the new end date")
    reason = _text("Why are they given longer?", "Say why the trainee is given longer")


IN_POST = [("", "Not known yet"), ("yes", "Yes"), ("no", "No")]


def _in_post(months: int):
    return forms.ChoiceField(
        label=f"Still in post after {months} months?", choices=IN_POST, required=False
    )


class ResolveForm(forms.Form):
    resolution = _text("What has been done about it?", "Say what has been done about it")


class OutcomeForm(forms.Form):
    classification = forms.ChoiceField(
        label="Outcome",
        choices=Classification.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    award = forms.ChoiceField(
        label="Award", choices=[("", "None yet"), *Award.choices], required=False
    )
    awarded_on = GovukDateField(label="Date awarded", subject="the date awarded", required=False)
    registered_on = GovukDateField(
        label="Date registered with the regulator", subject="the date registered", required=False
    )
    registration_number = _line("Registration number", required=False)
    employment = forms.ChoiceField(
        label="Employment",
        choices=[("", "Not known yet"), *Employment.choices],
        required=False,
    )
    employer = _line("Employer", required=False, help_text="If not their host authority.")
    asye_started_on = GovukDateField(
        label="Assessed and supported year in employment began",
        subject="the date it began",
        required=False,
    )
    in_post_6_months = _in_post(6)
    in_post_12_months = _in_post(12)
    in_post_24_months = _in_post(24)

    def _yes_no(self, name):
        value = self.cleaned_data.get(name)
        return None if not value else value == "yes"

    def clean_in_post_6_months(self):
        return self._yes_no("in_post_6_months")

    def clean_in_post_12_months(self):
        return self._yes_no("in_post_12_months")

    def clean_in_post_24_months(self):
        return self._yes_no("in_post_24_months")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Results file (CSV)",
        error_messages={"required": "Choose a CSV file of results", "empty": "The file is empty"},
    )
    skip_invalid = forms.BooleanField(
        label="Record the good rows and skip the rows with problems", required=False
    )


class ModuleForm(forms.Form):
    name = _line("Module", "Enter the module's name")
    credits = forms.IntegerField(
        label="Credits",
        min_value=1,
        max_value=180,
        error_messages={
            "required": "Enter the credits",
            "invalid": "Enter the credits as a whole number, like 20",
            "min_value": "Enter at least 1 credit",
            "max_value": "Enter no more than 180 credits",
        },
    )
    level = _line("Level", "Enter the level, like M level")


class AssessmentForm(forms.Form):
    name = _line("Assessment", "Enter the assessment's name")
    kind = forms.ChoiceField(
        label="Kind",
        choices=AssessmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of assessment it is"},
    )
    words = forms.IntegerField(label="Word count", required=False, min_value=1, max_value=50_000)
    hand_in_on = GovukDateField(label="Hand-in date", subject="the hand-in date")
    hand_back_on = GovukDateField(
        label="Hand-back date", subject="the hand-back date", required=False
    )
    pass_fail = forms.ChoiceField(
        label="How is it assessed?",
        choices=[("marked", "Marked out of 100"), ("pass_fail", "Pass or fail")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select marked or pass or fail"},
    )

    def clean_pass_fail(self):
        return self.cleaned_data["pass_fail"] == "pass_fail"
