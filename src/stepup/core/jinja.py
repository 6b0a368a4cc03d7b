"""The Jinja2 environment for service pages: GOV.UK Frontend macros plus our helpers."""

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from stepup.core import formatting, govuk_forms


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    env = Environment(**options)  # noqa: S701 - autoescape is set in TEMPLATES
    env.loader = ChoiceLoader(
        [
            env.loader,
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "govuk_field_params": govuk_forms.field_params,
            "govuk_error_list": govuk_forms.error_list,
        }
    )
    env.filters.update(
        {
            "pounds": formatting.pounds,
            "govuk_date": formatting.govuk_date,
            "govuk_datetime": formatting.govuk_datetime,
        }
    )
    return env
