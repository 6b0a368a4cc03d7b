from django import forms
from django.contrib.auth import authenticate


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

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.user = authenticate(
            self.request, username=data["email"].lower(), password=data["password"]
        )
        if self.user is None or not self.user.is_active:
            raise forms.ValidationError(
                "Enter a correct email address and password. After 5 wrong attempts you will "
                "need to wait 15 minutes"
            )
        return data
