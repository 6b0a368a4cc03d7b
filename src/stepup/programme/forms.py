"""Forms for setting up cohorts. They only parse what was typed; the services decide."""

from django import forms
from django.forms import formset_factory

from stepup.core.govuk_forms import (
    INTEGER_MAX,
    YES_NO,
    GovukDateField,
    PoundsField,
    bounded,
    radio_field,
)
from stepup.programme.models import (
    Cohort,
    DegreeClass,
    ExerciseStage,
    FundingBasis,
    GcseMinimum,
    Panel,
    RuleVersion,
)
from stepup.programme.services import REASON_REQUIRED, milestone_words


def _number(label: str, *, required=True, min_value=None, max_value=None, messages: dict):
    """A whole number; a cohort's number is the widest column these fill."""
    field = forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=max_value,
        error_messages=messages,
    )
    return bounded(field, subject="a number", high=INTEGER_MAX)


class RulesChangeForm(forms.Form):
    """A form that changes the rules asks why, once the cohort's rules are locked."""

    def __init__(self, *args, cohort: Cohort, **kwargs):
        self.cohort = cohort
        super().__init__(*args, **kwargs)
        if cohort.rules_locked:
            number = cohort.current_rules.number
            self.fields["reason"] = forms.CharField(
                label="Why are you changing the rules?",
                help_text=(
                    f"The cohort is {cohort.get_status_display().lower()}, so its rules are "
                    f"locked. Your change will make rules version {number + 1}; version "
                    f"{number} stays as it is."
                ),
                widget=forms.Textarea,
                error_messages={"required": REASON_REQUIRED},
            )

    @property
    def reason(self) -> str:
        return self.cleaned_data.get("reason", "") if hasattr(self, "cleaned_data") else ""


class ConfirmRulesChangeForm(RulesChangeForm):
    """Removing something, or loading the standard framework: only the reason, if locked."""


class CohortForm(forms.Form):
    number = _number(
        "Cohort number",
        min_value=1,
        messages={
            "required": "Enter the cohort number, like 6",
            "invalid": "Enter the cohort number using digits, like 6",
            "min_value": "The cohort number must be 1 or more",
        },
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example, Step Up to Social Work cohort 6",
        error_messages={
            "required": "Enter the cohort's name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    start_date = GovukDateField(
        label="Date trainees start the programme",
        subject="the date trainees start the programme",
        help_text=(
            "The “Programme starts” date in the timetable moves with it. For example, 4 1 2027"
        ),
    )
    length_months = _number(
        "Length of the programme in months",
        min_value=6,
        max_value=36,
        messages={
            "required": "Enter the length of the programme in months, like 18",
            "invalid": "Enter the length in months using digits, like 18",
            "min_value": "The length must be between 6 and 36 months",
            "max_value": "The length must be between 6 and 36 months",
        },
    )

    def __init__(self, *args, include_number: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["length_months"].help_text = "Between 6 and 36 months. Most cohorts last 18"
        if not include_number:
            del self.fields["number"]


class CohortCopyForm(CohortForm):
    """A new cohort set up like an earlier one: its length comes with the copy."""

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["length_months"]
        self.cohorts = {str(c.number): c for c in cohorts}
        self.fields = {
            "source": forms.ChoiceField(
                label="Copy the set-up of",
                choices=[("", "Choose a cohort")]
                + [(key, f"{c.name} (cohort {c.number})") for key, c in self.cohorts.items()],
                error_messages={
                    "required": "Select the cohort to copy",
                    "invalid_choice": "Select the cohort to copy",
                },
            ),
            **self.fields,
        }
        self.fields[
            "start_date"
        ].help_text = "Its timetable moves by whole years to this start. For example, 4 1 2028"

    def copy_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["source"] = self.cohorts[data["source"]]
        return data


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="This is kept in the cohort's history.",
    )


class MilestoneForm(forms.Form):
    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        words = milestone_words(kind)
        self.fields["starts_on"] = GovukDateField(
            label=words["starts"],
            subject=words["starts_subject"],
            help_text="For example, 7 8 2017",
        )
        self.fields["ends_on"] = GovukDateField(
            label=f"{words['ends']} (optional)",
            subject=words["ends_subject"],
            required=False,
            help_text="Leave blank if it happens on one day.",
        )
        self.fields["note"] = forms.CharField(
            label="Date as published (optional)",
            required=False,
            max_length=200,
            help_text="If the published timetable is vaguer, for example “Early-mid August 2017”",
            error_messages={"max_length": "The date as published must be 200 characters or fewer"},
        )


class FundingRateForm(RulesChangeForm):
    label = forms.CharField(
        label="What the money is for",
        max_length=150,
        help_text="For example, Bursary or University fees",
        error_messages={
            "required": "Enter what the money is for, like Bursary",
            "max_length": "The funding line must be 150 characters or fewer",
        },
    )
    basis = radio_field(
        "How is the amount paid?", FundingBasis.choices, "Select how the amount is paid"
    )
    amount = PoundsField(
        label="Amount",
        help_text="In pounds. For an amount per trainee, the amount for one trainee",
        error_messages={
            "required": "Enter the amount in pounds, like 19833",
            "min_value": "The amount must be £0 or more",
        },
    )
    band_min = _number(
        "Smallest partnership (number of trainees)",
        required=False,
        min_value=1,
        max_value=500,
        messages={
            "invalid": "Enter the smallest partnership size using digits, like 26",
            "min_value": "The smallest partnership size must be 1 or more",
            "max_value": "The smallest partnership size must be 500 or fewer",
        },
    )
    band_max = _number(
        "Largest partnership (number of trainees)",
        required=False,
        min_value=1,
        max_value=500,
        messages={
            "invalid": "Enter the largest partnership size using digits, like 35",
            "min_value": "The largest partnership size must be 1 or more",
            "max_value": "The largest partnership size must be 500 or fewer",
        },
    )


# A funding service names the amount `amount_pence`; the form calls it `amount`.
FUNDING_FIELDS = {"amount_pence": "amount"}


class FundingExampleForm(forms.Form):
    trainees = _number(
        "Number of trainees in the partnership",
        min_value=0,
        max_value=500,
        messages={
            "required": "Enter the number of trainees, like 26",
            "invalid": "Enter the number of trainees using digits, like 26",
            "min_value": "The number of trainees must be 0 or more",
            "max_value": "The number of trainees must be 500 or fewer",
        },
    )


class EligibilityForm(RulesChangeForm):
    min_degree_class = radio_field(
        RuleVersion._meta.get_field("min_degree_class").verbose_name,
        DegreeClass.choices,
        "Select the minimum degree class",
    )
    excluded_degree_subject = forms.CharField(
        label="Degree subject that is not eligible (optional)",
        required=False,
        max_length=100,
        help_text="People who already hold this degree cannot apply, for example Social work",
        error_messages={"max_length": "The subject must be 100 characters or fewer"},
    )
    gcse_english_minimum = radio_field(
        "GCSE English minimum grade", GcseMinimum.choices, "Select the minimum GCSE English grade"
    )
    gcse_maths_minimum = radio_field(
        "GCSE Maths minimum grade", GcseMinimum.choices, "Select the minimum GCSE Maths grade"
    )
    experience_required = radio_field(
        "Must applicants have experience with children, young people and families?",
        YES_NO,
        "Select yes if experience is required",
    )
    right_to_work_required = radio_field(
        "Must applicants have the right to study and work in the UK?",
        YES_NO,
        "Select yes if the right to study and work is required",
    )

    RULE_FIELDS = (
        "min_degree_class",
        "excluded_degree_subject",
        "gcse_english_minimum",
        "gcse_maths_minimum",
        "experience_required",
        "right_to_work_required",
    )

    @classmethod
    def initial_for(cls, rules: RuleVersion) -> dict:
        initial = {name: getattr(rules, name) for name in cls.RULE_FIELDS}
        for name in ("experience_required", "right_to_work_required"):
            initial[name] = "yes" if initial[name] else "no"
        return initial

    def rules(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.RULE_FIELDS}
        for name in ("experience_required", "right_to_work_required"):
            values[name] = values[name] == "yes"
        return values


class CriterionForm(RulesChangeForm):
    name = forms.CharField(
        label="Criterion",
        max_length=100,
        help_text="For example, Resilience",
        error_messages={
            "required": "Enter the criterion's name",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    definition = forms.CharField(
        label="Definition",
        widget=forms.Textarea,
        help_text="What assessors look for",
        error_messages={"required": "Enter what the criterion means"},
    )
    exercise_ids = forms.TypedMultipleChoiceField(
        label="Which exercises assess this criterion?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select at least 2. Each criterion must be assessed in at least 2 exercises",
        error_messages={"invalid_choice": "Select exercises from the list"},
    )
    weight = bounded(
        forms.IntegerField(
            label="Weight at the assessment centre",
            required=False,
            initial=1,
            help_text="How many times the criterion counts in a candidate's composite score, "
            "from 1 to 10. Most cohorts count each criterion once",
            error_messages={
                "required": "Enter a weight between 1 and 10, like 1",
                "invalid": "Enter the weight as a whole number, like 1",
                "max_value": "Enter a weight between 1 and 10, like 1",
                "min_value": "Enter a weight between 1 and 10, like 1",
            },
        ),
        subject="a weight",
        high=10,
        low=1,
    )

    def __init__(self, *args, rules: RuleVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise_ids"].choices = [(e.pk, e.name) for e in rules.exercises.all()]


class ExerciseForm(RulesChangeForm):
    name = forms.CharField(
        label="Exercise",
        max_length=150,
        help_text="For example, Group exercise",
        error_messages={
            "required": "Enter the exercise's name",
            "max_length": "The name must be 150 characters or fewer",
        },
    )
    stage = radio_field(
        "When does it happen?", ExerciseStage.choices, "Select when the exercise happens"
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea
    )
    panel = radio_field(
        "Who observes candidates in it at the assessment centre?",
        Panel.choices,
        "Select who observes candidates in the exercise",
        required=False,
        hint="An interview run by the university or the local authority alone, or by both "
        "together, needs its staff. Other exercises can be observed by any assessor",
    )
    criterion_ids = forms.TypedMultipleChoiceField(
        label="Which criteria does it assess? (optional)",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select criteria from the list"},
    )

    def __init__(self, *args, rules: RuleVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion_ids"].choices = [(c.pk, c.name) for c in rules.criteria.all()]


class MatrixForm(RulesChangeForm):
    """One checkbox for each exercise and criterion: does the exercise assess it?"""

    def __init__(self, *args, rules: RuleVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercises = list(rules.exercises.prefetch_related("criteria"))
        self.criteria = list(rules.criteria.all())
        reason = self.fields.pop("reason", None)
        for criterion in self.criteria:
            for exercise in self.exercises:
                self.fields[self.cell_name(exercise.pk, criterion.pk)] = forms.BooleanField(
                    label=f"{exercise.name} assesses {criterion.name}", required=False
                )
        if reason is not None:
            self.fields["reason"] = reason

    @staticmethod
    def cell_name(exercise_id: int, criterion_id: int) -> str:
        return f"assessed_{exercise_id}_{criterion_id}"

    @classmethod
    def initial_for(cls, rules: RuleVersion) -> dict:
        return {
            cls.cell_name(e.pk, c.pk): True
            for e in rules.exercises.prefetch_related("criteria")
            for c in e.criteria.all()
        }

    def assessed(self) -> set[tuple[int, int]]:
        return {
            (e.pk, c.pk)
            for e in self.exercises
            for c in self.criteria
            if self.cleaned_data.get(self.cell_name(e.pk, c.pk))
        }

    def show_under_assessed(self, messages: list[str]) -> None:
        """Each message against the first box in its criterion's row."""
        for message in messages:
            criterion = next(
                (c for c in self.criteria if message.startswith(f"{c.name} is assessed")), None
            )
            if criterion is None or not self.exercises:
                self.add_error(None, message)
            else:
                self.add_error(self.cell_name(self.exercises[0].pk, criterion.pk), message)

    def rows(self):
        """(criterion, its error, [(exercise, bound field)]) for the template."""
        for criterion in self.criteria:
            cells = [(e, self[self.cell_name(e.pk, criterion.pk)]) for e in self.exercises]
            errors = cells[0][1].errors if cells else []
            yield criterion, " ".join(errors), cells


class ScalePointForm(forms.Form):
    score = forms.IntegerField(
        label="Score",
        required=False,
        min_value=0,
        max_value=10,
        error_messages={
            "invalid": "Enter the score using digits, like 3",
            "min_value": "The score must be between 0 and 10",
            "max_value": "The score must be between 0 and 10",
        },
    )
    label = forms.CharField(
        label="Label",
        required=False,
        max_length=100,
        error_messages={"max_length": "The label must be 100 characters or fewer"},
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea
    )
    remove = forms.BooleanField(label="Remove this point", required=False)

    def clean(self):
        data = super().clean()
        if data.get("remove") or self.is_blank():
            return data
        if data.get("score") is None and "score" not in self.errors:
            self.add_error("score", "Enter the score, like 3")
        if not data.get("label") and "label" not in self.errors:
            self.add_error("label", "Enter a label for the score, like Meets the standard")
        return data

    def is_blank(self) -> bool:
        return not any(
            (self.data.get(self.add_prefix(name)) or "").strip()
            for name in ("score", "label", "description")
        )

    def point(self) -> tuple[int, str, str] | None:
        if self.cleaned_data.get("remove") or self.is_blank():
            return None
        data = self.cleaned_data
        return data["score"], data["label"], data.get("description", "")


def scale_formset(*, data=None, initial=None, extra: int = 2):
    formset_class = formset_factory(ScalePointForm, extra=extra)
    return formset_class(data=data, initial=initial, prefix="scale")


class StandardFrameworkForm(ConfirmRulesChangeForm):
    interview_format = radio_field(
        "How are candidates interviewed?",
        [
            ("joint", "One joint interview by the university and the local authority"),
            ("separate", "Separate interviews: one by the university, one by the local authority"),
        ],
        "Select how candidates are interviewed",
        hint="Cohort 1 had separate interviews; from cohort 2 they were merged into one",
    )
