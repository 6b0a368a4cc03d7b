"""One form for a second person's yes-or-no on something another person asked for: a role,
a change to an approved bid. Refusing needs a reason, which the asker is shown."""

from django import forms


class ApproveOrRefuseForm(forms.Form):
    decision = forms.ChoiceField(widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    def __init__(
        self, *args, question: str, approve: str, refuse: str, subject: str, told: str, **kwargs
    ):
        """``subject`` names what is decided, as in "Enter why you are refusing {subject}";
        ``told`` says how the asker learns the reason."""
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        decision.label = question
        decision.choices = [("approve", approve), ("refuse", refuse)]
        decision.error_messages = {
            "required": f"Select yes to approve {subject}, or no to refuse it",
            "invalid_choice": f"Select yes to approve {subject}, or no to refuse it",
        }
        self.subject = subject
        self.fields["reason"].help_text = f"Needed if you refuse. {told}"

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", f"Enter why you are refusing {self.subject}")
        return data

    @property
    def approved(self) -> bool:
        return self.cleaned_data["decision"] == "approve"
