"""Forms for a person's own account: new passwords, a new address, a forgotten password.

They only carry what was typed: the services check it and say what to put right."""

from django import forms


def _password(label: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, strip=False, widget=forms.PasswordInput, **kwargs
    )


class NewPasswordForm(forms.Form):
    password = _password(
        "Create a password",
        help_text="Use 10 characters or more. A few words you will remember work well.",
    )
    password_again = _password("Enter the password again")


class PasswordChangeForm(NewPasswordForm):
    current_password = _password("Current password")
    field_order = ["current_password", "password", "password_again"]


class EmailChangeForm(forms.Form):
    email = forms.CharField(
        label="New email address",
        max_length=254,
        required=False,
        widget=forms.EmailInput,
        error_messages={"max_length": "Email address must be 254 characters or fewer"},
    )
    current_password = _password("Current password")


class ForgottenPasswordForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        max_length=254,
        required=False,
        widget=forms.EmailInput,
        error_messages={"max_length": "Email address must be 254 characters or fewer"},
    )
