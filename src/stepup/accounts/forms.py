from django import forms

from stepup.accounts.models import User
from stepup.accounts.passwords import password_problems
from stepup.accounts.roles import (
    OrganisationKind,
    Role,
    role_suits_kind,
    unsuitable_role_message,
)
from stepup.core.govuk_forms import radio_field
from stepup.core.params import WholeNumberKeysMixin


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput,
        strip=False,
        error_messages={"required": "Enter your password"},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


def _organisation_label(organisation) -> str:
    return f"{organisation.name} ({organisation.get_kind_display().lower()})"


class OrganisationChoiceField(WholeNumberKeysMixin, forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("label", "Organisation")
        kwargs.setdefault("empty_label", "Choose an organisation")
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Select an organisation",
                "invalid_choice": "Select an organisation from the list",
            },
        )
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj) -> str:
        return _organisation_label(obj)


def _role_field(choices, label: str = "Role") -> forms.ChoiceField:
    return radio_field(label, choices, "Select a role", not_a_choice="Select a role from the list")


class _RoleSuitsOrganisation:
    """Both role forms: a role must suit the kind of organisation."""

    def clean(self):
        data = super().clean()
        organisation, role = data.get("organisation"), data.get("role")
        if organisation and role and not role_suits_kind(role, organisation.kind):
            self.add_error("role", unsuitable_role_message(role))
        return data


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the name of the organisation",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    kind = radio_field(
        "Kind of organisation",
        OrganisationKind.choices,
        "Select the kind of organisation",
        not_a_choice="Select the kind of organisation from the list",
    )


class InviteForm(_RoleSuitsOrganisation, forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the person's full name",
            "max_length": "Full name must be 200 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We will send the invitation to this address.",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args, organisations, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoiceField(organisations)
        self.fields["role"] = _role_field([(r, Role(r).label) for r in roles])


class RoleAddForm(_RoleSuitsOrganisation, forms.Form):
    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoiceField(organisations)
        self.fields["role"] = _role_field(Role.choices)


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(
        label="Your full name",
        max_length=200,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Full name must be 200 characters or fewer",
        },
    )
    password = forms.CharField(
        label="Create a password",
        help_text="Use 10 characters or more. Do not use a password you use elsewhere.",
        widget=forms.PasswordInput,
        strip=False,
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Enter the password again",
        widget=forms.PasswordInput,
        strip=False,
        error_messages={"required": "Enter the password again"},
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error(
                "password_again", "The passwords do not match. Enter the same password twice"
            )
        if password and "password" not in self.errors:
            candidate = User(email=self.invitation.email, full_name=data.get("full_name", ""))
            problems = password_problems(password, user=candidate)
            if problems:
                # One message a field, as GOV.UK asks: the first thing to put right.
                self.add_error("password", problems[0])
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, label: str, required_message: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = label
        field.required = bool(required_message)
        field.error_messages["required"] = required_message
