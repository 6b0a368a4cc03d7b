from django import forms


class ScopeForm(forms.Form):
    """Which partnership's figures to show (blank: every partnership, for the national team)."""

    partnership = forms.TypedChoiceField(
        label="Partnership",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select a partnership from the list"},
    )

    def __init__(self, *args, partnerships=(), everyone: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, p.name) for p in partnerships]
        if everyone:
            choices.insert(0, ("", "All partnerships"))
        else:
            self.fields["partnership"].required = True
            self.fields["partnership"].error_messages["required"] = "Select a partnership"
        self.fields["partnership"].choices = choices
