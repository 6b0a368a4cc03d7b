"""The Jinja2 environment for service pages: GOV.UK Frontend macros plus our helpers."""

from functools import lru_cache

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup

from stepup.core import formatting, govuk_forms


@lru_cache(maxsize=8192)
def _reverse(name: str, args: tuple, kwargs: tuple, prefix: str) -> str:
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def url(name: str, *args, **kwargs) -> str:
    """``reverse``, remembered: a list page links every row, and the same rows recur across
    page views, while the URLs never change while the service runs."""
    return _reverse(name, args, tuple(sorted(kwargs.items())), get_script_prefix())


def environment(**options) -> Environment:
    env = Environment(**options)  # noqa: S701 - autoescape is set in TEMPLATES
    env.loader = ChoiceLoader(
        [
            env.loader,
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    fragments: dict[str, Markup] = {}

    def fragment(name: str) -> Markup:
        """A part of the page that is the same on every page (header, footer, icons), drawn
        the first time it is needed and kept: the GOV.UK macros take milliseconds each."""
        if name not in fragments:
            drawn = env.get_template(f"core/fragments/{name}.html").render()
            fragments[name] = Markup(drawn)  # noqa: S704 - an autoescaped template's output
        return fragments[name]

    def forget(**kwargs) -> None:
        """Tests change settings that these depend on (static storage, URLs)."""
        fragments.clear()
        _reverse.cache_clear()

    setting_changed.connect(forget, weak=False)
    env.globals.update(
        {
            "static": static,
            "url": url,
            "fragment": fragment,
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
            "govuk_time": formatting.govuk_time,
            "lower_first": formatting.lower_first,
            "duration": formatting.duration,
        }
    )
    return env
