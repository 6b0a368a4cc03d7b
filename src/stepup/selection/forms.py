"""Forms for eligibility decisions, the reason list and the recruitment settings.

They only parse what was typed; the services decide what is allowed.
"""

from django import forms

from stepup.core.govuk_forms import SMALL_INTEGER_MAX, bounded
from stepup.core.params import WholeNumberKeysMixin
from stepup.programme.models import Cohort, RuleVersion, SiftBy
from stepup.programme.queries import sift_total_maximum
from stepup.programme.services import REASON_REQUIRED, SIFT_TOLERANCE_MAX, WORD_LIMIT_MAX
from stepup.selection.models import DecisionReason, DecisionStage
from stepup.selection.services import DETAIL_MAX, EVIDENCE_MAX

YES_NO = (("yes", "Yes"), ("no", "No"))


class RecordChoices(WholeNumberKeysMixin, forms.ModelMultipleChoiceField):
    """Checkboxes of records, refusing anything that is not one of their numbers."""


class EligibilityDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Is the application eligible?",
        choices=(("eligible", "Eligible"), ("ineligible", "Not eligible")),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the application is eligible",
            "invalid_choice": "Select whether the application is eligible",
        },
    )
    reasons = RecordChoices(
        label="Reasons it is not eligible",
        queryset=DecisionReason.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="If it is not eligible, select all that apply. The candidate reads them.",
        error_messages={
            "invalid_choice": "Select reasons from the list",
            "invalid_pk_value": "Select reasons from the list",
        },
    )
    staff_note = forms.CharField(
        label="Note for staff",
        required=False,
        max_length=DETAIL_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Why you decided this, for the national team and partnerships. The candidate "
            "never sees it. Needed if it is eligible."
        ),
        error_messages={
            "max_length": f"The note for staff must be {DETAIL_MAX} characters or fewer"
        },
    )
    candidate_message = forms.CharField(
        label="Message to the candidate (optional)",
        required=False,
        max_length=DETAIL_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "The candidate reads this with the outcome and any reasons. Write it for them, in "
            "plain English. You will see the email before it is sent."
        ),
        error_messages={
            "max_length": f"The message to the candidate must be {DETAIL_MAX} characters or fewer"
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].queryset = DecisionReason.objects.filter(
            stage=DecisionStage.ELIGIBILITY, active=True
        ).order_by("position", "id")

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == "ineligible" and "reasons" in data and not data["reasons"]:
            self.add_error("reasons", "Select at least one reason")
        if outcome == "eligible" and "staff_note" in data and not data["staff_note"].strip():
            self.add_error(
                "staff_note", "Enter a note for staff saying why the application is eligible"
            )
        return data

    def decision(self) -> dict:
        eligible = self.cleaned_data["outcome"] == "eligible"
        return {
            "eligible": eligible,
            "reasons": [] if eligible else list(self.cleaned_data["reasons"]),
            "staff_note": self.cleaned_data["staff_note"],
            "candidate_message": self.cleaned_data["candidate_message"],
        }


class ReasonAddForm(forms.Form):
    stage = forms.ChoiceField(
        label="Which decision is the reason for?",
        choices=DecisionStage.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the stage the reason is for",
            "invalid_choice": "Select the stage the reason is for",
        },
    )
    text = forms.CharField(
        label="Reason, as the candidate will read it",
        max_length=300,
        help_text="For example, Your degree is not from a recognised institution",
        error_messages={
            "required": "Enter the reason as the candidate will read it",
            "max_length": "The reason must be 300 characters or fewer",
        },
    )
    code = forms.CharField(
        label="Short code",
        max_length=50,
        help_text="Used in reports and exports. Letters, numbers and hyphens, like no-degree",
        error_messages={
            "required": "Enter a short code, like missing-evidence",
            "max_length": "The code must be 50 characters or fewer",
        },
    )


class ReasonChangeForm(forms.Form):
    text = ReasonAddForm.base_fields["text"]
    active = forms.ChoiceField(
        label="Offer this reason to decision makers?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Reasons are never deleted: decisions already made keep them.",
        error_messages={
            "required": "Select yes if the reason should be offered",
            "invalid_choice": "Select yes if the reason should be offered",
        },
    )


def _whole_number(label: str, *, help_text: str = "", required: bool = True, messages: dict):
    """A whole number for a small-number column of the rules (docs/security.md); the
    services say what the rules allow within it, a negative number included."""
    field = forms.IntegerField(
        label=label, required=required, help_text=help_text, error_messages=messages
    )
    return bounded(field, subject="a number", low=-SMALL_INTEGER_MAX - 1)


def _word_limit(number: int, about: str) -> forms.IntegerField:
    return _whole_number(
        f"Word limit for question {number} ({about})",
        help_text=f"Between 1 and {WORD_LIMIT_MAX} words",
        messages={
            "required": f"Enter the word limit for question {number}, like 500",
            "invalid": f"Enter the word limit for question {number} using digits, like 500",
        },
    )


class RecruitmentSettingsForm(forms.Form):
    q1_word_limit = _word_limit(1, "experience")
    q2_word_limit = _word_limit(2, "motivation")
    q3_word_limit = _word_limit(3, "values")
    sift_by = forms.ChoiceField(
        label="Who sifts applications?",
        choices=SiftBy.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who sifts applications",
            "invalid_choice": "Select who sifts applications",
        },
    )
    double_sift = forms.ChoiceField(
        label="Do two sifters score each application independently?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if two sifters score each application",
            "invalid_choice": "Select yes if two sifters score each application",
        },
    )
    sift_tolerance = _whole_number(
        "Largest gap between two sifters' totals before moderation",
        help_text=f"Between 0 and {SIFT_TOLERANCE_MAX}. A bigger gap goes to a third sifter.",
        messages={
            "required": "Enter the largest gap between two sifters' totals, like 2",
            "invalid": "Enter the largest gap using digits, like 2",
        },
    )
    sift_pass_mark = _whole_number(
        "Pass mark at sift (total score)",
        help_text="Screened in at or above this total. Recruiting cannot start without it.",
        messages={
            "required": "Enter the pass mark for the sift, like 12",
            "invalid": "Enter the pass mark as a whole number, like 12",
        },
    )

    centres_run_by = forms.ChoiceField(
        label="Who runs the assessment centres?",
        choices=[
            (SiftBy.NATIONAL, "Nationally, by the recruitment contractor"),
            (SiftBy.PARTNERSHIP, "Each partnership, for its first-choice candidates"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who runs the assessment centres",
            "invalid_choice": "Select who runs the assessment centres",
        },
    )

    centre_benchmark = _whole_number(
        "Benchmark at the assessment centre (composite score)",
        required=False,
        help_text="A candidate meets the benchmark at or above this composite: the sum of "
        "each criterion's average score, times its weight. Set it before the first wash-up.",
        messages={"invalid": "Enter the benchmark as a whole number, like 24"},
    )
    centre_criterion_minimum = _whole_number(
        "Lowest average score allowed on any one criterion (optional)",
        required=False,
        help_text="Below it on any criterion, the benchmark is not met, whatever the composite.",
        messages={"invalid": "Enter the lowest average as a whole number, like 2"},
    )

    FIELDS = (
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

    def __init__(self, *args, cohort: Cohort, **kwargs):
        self.cohort = cohort
        super().__init__(*args, **kwargs)
        maximum = sift_total_maximum(rules=cohort.current_rules)
        if maximum is not None:
            self.fields["sift_pass_mark"].help_text = (
                "Screened in at or above this total. The highest total a sifter can give is "
                f"{maximum}. Recruiting cannot start without a pass mark."
            )
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

    @classmethod
    def initial_for(cls, rules: RuleVersion) -> dict:
        initial = {name: getattr(rules, name) for name in cls.FIELDS}
        initial["double_sift"] = "yes" if rules.double_sift else "no"
        return initial

    @property
    def reason(self) -> str:
        return self.cleaned_data.get("reason", "")

    def settings(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.FIELDS}
        values["double_sift"] = values["double_sift"] == "yes"
        return values


class SiftMarkForm(forms.Form):
    """A score on the cohort's scale and an evidence note for each criterion; reasons when
    the total is below the pass mark. The service checks it all again."""

    reasons = RecordChoices(
        label="Reasons, if your total is below the pass mark",
        queryset=DecisionReason.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="If your total is below the pass mark, choose at least one reason",
        error_messages={
            "invalid_choice": "Select reasons from the list",
            "invalid_pk_value": "Select reasons from the list",
        },
    )
    detail = forms.CharField(
        label="More detail for the candidate (optional)",
        required=False,
        max_length=DETAIL_MAX,
        widget=forms.Textarea,
        help_text="The candidate reads this with the reasons if they are screened out.",
        error_messages={"max_length": f"The detail must be {DETAIL_MAX} characters or fewer"},
    )

    def __init__(self, *args, criteria, scale, pass_mark: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.pass_mark = pass_mark
        choices = [(point.score, f"{point.score}: {point.label}") for point in scale]
        scores = {}
        for criterion in criteria:
            missing = f"Select a score for {criterion.name}"
            scores[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"Score for {criterion.name}",
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.definition,
                error_messages={"required": missing, "invalid_choice": missing},
            )
            scores[f"evidence_{criterion.pk}"] = forms.CharField(
                label=f"Evidence for your score for {criterion.name}",
                widget=forms.Textarea,
                max_length=EVIDENCE_MAX,
                error_messages={
                    "required": f"Enter the evidence for your score for {criterion.name}",
                    "max_length": (
                        f"The evidence for {criterion.name} must be {EVIDENCE_MAX} "
                        "characters or fewer"
                    ),
                },
            )
        # Scores first, in the framework's order; the reasons after them.
        self.fields = {**scores, **self.fields}
        self.fields["reasons"].queryset = DecisionReason.objects.filter(
            stage=DecisionStage.SIFT, active=True
        ).order_by("position", "id")

    def pairs(self):
        """Each criterion with its score and evidence fields, for the template."""
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"evidence_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def clean(self):
        data = super().clean()
        scores = [data.get(f"score_{c.pk}") for c in self.criteria]
        if all(score is not None for score in scores) and "reasons" in data:
            total = sum(scores)
            if total < self.pass_mark and not data["reasons"]:
                self.add_error(
                    "reasons",
                    f"Select at least one reason: your total of {total} is below the pass "
                    f"mark of {self.pass_mark}",
                )
        return data

    def mark(self) -> dict:
        return {
            "scores": {
                c.pk: (
                    self.cleaned_data[f"score_{c.pk}"],
                    self.cleaned_data[f"evidence_{c.pk}"],
                )
                for c in self.criteria
            },
            "reasons": list(self.cleaned_data["reasons"]),
            "detail": self.cleaned_data["detail"],
        }


SHARED_QUEUE_CHOICE = "shared"


class SiftAssignForm(forms.Form):
    """Who the application's next sift mark is kept for, and why."""

    sifter = forms.ChoiceField(
        label="Who should give its next mark?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who should give its next mark",
            "invalid_choice": "Select someone from the list",
        },
    )
    reason = forms.CharField(
        label="Why are you changing who sifts it?",
        help_text="Staff running the sift can read this in the application’s history.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are changing who sifts it"},
    )

    def __init__(self, *args, sifters, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in sifters if person != current}
        choices = [
            (pk, f"{person.full_name or person.email} ({person.email})")
            for pk, person in self.people.items()
        ]
        if current is not None:
            choices.append((SHARED_QUEUE_CHOICE, "Anyone who may sift it: the shared queue"))
        self.fields["sifter"].choices = choices

    def chosen(self) -> dict:
        """The service's arguments: the person, or ``None`` for the shared queue."""
        sifter = self.cleaned_data["sifter"]
        return {
            "sifter": None if sifter == SHARED_QUEUE_CHOICE else self.people[sifter],
            "reason": self.cleaned_data["reason"],
        }


class ApplicationNoteForm(forms.Form):
    text = forms.CharField(
        label="Note",
        help_text=(
            "Staff who work on this application read it. The candidate does not see it, "
            "but would get a copy if they asked for the data we hold about them."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the note"},
    )
