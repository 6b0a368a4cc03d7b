"""The offer pages' forms: each field's error says how to put it right."""

from django import forms

from stepup.core.govuk_forms import GovukDateField, PoundsField
from stepup.offers.models import Terms


class HostForm(forms.Form):
    host = forms.TypedChoiceField(
        label="Which authority will host them?",
        coerce=int,
        error_messages={
            "required": "Select the authority that will host them",
            "invalid_choice": "Select one of the partnership's authorities",
        },
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].choices = [
            (m.authority_id, f"{m.authority} ({m.places} places)") for m in members
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter the reason"},
    )

    def __init__(self, *args, label: str, required_message: str, help_text: str = "", **kw):
        super().__init__(*args, **kw)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text
        self.fields["reason"].error_messages["required"] = required_message


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Do you accept this place?",
        choices=[("accept", "Yes, I accept the place"), ("decline", "No, I decline the place")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you accept or decline the place",
            "invalid_choice": "Select whether you accept or decline the place",
        },
    )


class EvidenceForm(forms.Form):
    evidence = forms.CharField(
        label="What did you check?",
        help_text=(
            "For example, the DBS certificate number and its date, or who gave the references."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter what you checked, such as the certificate number"},
    )


class AgreementDatesForm(forms.Form):
    sent_on = GovukDateField(label="Date sent", subject="the date it was sent", required=False)
    signed_on = GovukDateField(
        label="Date signed", subject="the date it was signed", required=False
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("sent_on") and not data.get("signed_on"):
            self.add_error("sent_on", "Enter the date it was sent or the date it was signed")
        return data


class TermsForm(forms.Form):
    bursary_pence = PoundsField(
        label="Bursary, in pounds",
        help_text="The whole bursary over the programme, paid monthly. Leave blank if none.",
        required=False,
        max_value=100_000,
    )
    repayment_terms = forms.CharField(
        label="Repayment terms",
        help_text="What a trainee repays if they leave, as the agreement will say it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    repayment_basis = forms.ChoiceField(
        label="What does a trainee who leaves repay?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what a trainee who leaves repays",
            "invalid_choice": "Select what a trainee who leaves repays",
        },
    )
    respond_within_days = forms.IntegerField(
        label="Days a candidate has to answer an offer",
        min_value=1,
        max_value=60,
        error_messages={
            "required": "Enter the number of days a candidate has to answer",
            "invalid": "Enter the number of days as a whole number, like 7",
            "min_value": "A candidate must have at least 1 day to answer",
            "max_value": "A candidate must answer within 60 days",
        },
    )
    sign_by_days_before_start = forms.IntegerField(
        label="Days before the start the agreement must be signed",
        min_value=1,
        max_value=180,
        error_messages={
            "required": "Enter the number of days before the start",
            "invalid": "Enter the number of days as a whole number, like 28",
            "min_value": "Enter at least 1 day",
            "max_value": "Enter no more than 180 days",
        },
    )
    template = forms.CharField(
        label="Agreement template",
        help_text=(
            "Words starting with $ are filled in: $trainee, $partnership, $lead_authority, "
            "$host_authority, $university, $cohort, $start_date, $length_months and "
            "$contract_terms (the terms of the partnership's contract model)."
        ),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20_000,
        error_messages={"required": "Enter the agreement's template"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repayment_basis"].choices = Terms._meta.get_field("repayment_basis").choices

    def clean_bursary_pence(self):
        value = self.cleaned_data.get("bursary_pence")
        return value or None


class PoolAddForm(forms.Form):
    reference = forms.CharField(
        label="Application reference",
        max_length=20,
        error_messages={"required": "Enter the reference of the application to add"},
    )
