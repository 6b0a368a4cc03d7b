"""Django's password validators, with their messages rewritten in GOV.UK style."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

_GOVUK_MESSAGES = {
    "password_too_short": "Password must be {min_length} characters or more",
    "password_too_common": "Choose a password that is harder to guess: this one is often used",
    "password_entirely_numeric": "Password must include letters or symbols, not only numbers",
    "password_too_similar": "Password must not be like your name or email address",
}


def password_problems(password: str, *, user) -> list[str]:
    """What is wrong with a new password for ``user`` (saved or not); empty when it will do."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as error:
        problems = []
        for item in error.error_list:
            template = _GOVUK_MESSAGES.get(item.code)
            params = item.params or {}
            problems.append(template.format(**params) if template else item.messages[0])
        return problems
    return []
