"""The funding pages' forms. Amounts are typed in pounds and held in pence
(``PoundsField``); each error says how to put the field right."""

from django import forms

from stepup.core.govuk_forms import GovukDateField, PoundsField
from stepup.funding.models import EntryKind, Evidence
from stepup.funding.services.common import POSTED_BY_HAND


def _amount(label: str, **kwargs) -> PoundsField:
    return PoundsField(
        label=label,
        error_messages={
            "required": "Enter the amount in pounds, like 1250.50",
            "min_value": "Enter an amount of more than £0",
        },
        **kwargs,
    )


def _reason(label: str, message: str, *, required: bool = True, help_text: str = ""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message},
    )


class InstalmentForm(forms.Form):
    milestone = forms.ChoiceField(
        label="Which milestone does it wait for?",
        choices=Evidence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the milestone the instalment waits for"},
    )
    year = forms.IntegerField(
        label="Financial year it is paid in",
        help_text="The year it starts: 2027 for April 2027 to March 2028.",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the financial year, like 2027",
            "invalid": "Enter the year the financial year starts, like 2027",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year before 2100",
        },
    )
    amount_pence = _amount("Amount, in pounds")
    evidence_needed = _reason(
        "What evidence does it need?", "Say what evidence the instalment needs"
    )


class EvidenceForm(forms.Form):
    evidence = _reason(
        "Your evidence",
        "Describe the evidence, or where it can be seen",
        help_text="For example, the enrolment list sent on 3 March, or the regulator's letter.",
    )


class ReleaseForm(forms.Form):
    amount_pence = _amount("Amount to release, in pounds")
    paid_on = GovukDateField(label="Date paid", subject="the date it is paid")
    reason = _reason(
        "Why is less than the whole instalment released?",
        "",
        required=False,
        help_text="Needed only if you release part of it.",
    )


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is the payment?",
        widget=forms.RadioSelect,
        choices=[(k, EntryKind(k).label) for k in EntryKind.values if k in POSTED_BY_HAND],
        error_messages={"required": "Select what the payment is"},
    )
    amount_pence = _amount("Amount, in pounds")
    paid_on = GovukDateField(label="Date paid", subject="the date it was paid")
    authority = forms.TypedChoiceField(
        label="Which authority is it for?",
        coerce=int,
        error_messages={
            "required": "Select the authority the payment is for",
            "invalid_choice": "Select one of the partnership's authorities",
        },
    )
    trainee = forms.TypedChoiceField(
        label="Which trainee is it for?",
        help_text="For a bursary or a university fee.",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select one of the partnership's trainees"},
    )
    description = forms.CharField(
        label="Description",
        help_text="Such as the invoice number.",
        max_length=300,
        error_messages={"required": "Describe the payment, such as its invoice"},
    )

    def __init__(self, *args, authorities, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [("", "Choose an authority")] + [
            (a.pk, str(a)) for a in authorities
        ]
        self.fields["trainee"].choices = [("", "None")] + [
            (t.pk, t.application.full_name or t.application.reference) for t in trainees
        ]


class BursaryForm(forms.Form):
    month = GovukDateField(
        label="Which month is it for?",
        subject="the month",
        help_text="Any day of the month, for example 1 9 2027.",
    )
    paid_on = GovukDateField(label="Date paid", subject="the date it was paid")


class ReverseForm(forms.Form):
    reason = _reason("Why are you reversing it?", "Say why the entry is being reversed")


class WithdrawalForm(forms.Form):
    trainee = forms.TypedChoiceField(
        label="Which trainee?",
        coerce=int,
        error_messages={
            "required": "Select the trainee",
            "invalid_choice": "Select one of the partnership's trainees",
        },
    )
    withdrawn_on = GovukDateField(label="Date they left", subject="the date they left")
    reason = _reason("Why did they leave?", "Say why the trainee left")
    tie_in = forms.BooleanField(
        label="They completed, but did not apply to their host authority within six months",
        required=False,
    )

    def __init__(self, *args, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].choices = [("", "Choose a trainee")] + [
            (t.pk, t.application.full_name or t.application.reference) for t in trainees
        ]


class SettleForm(forms.Form):
    paid_on = GovukDateField(label="Date repaid", subject="the date it was repaid")


class WriteOffForm(forms.Form):
    reason = _reason("Why is it written off?", "Say why the repayment is written off")
