"""Generated input to every page, as someone allowed to use it: no server errors.
Every URL of the permission walk gets query strings and form posts made
by Hypothesis from awkward text: digits from other scripts (``²``), NUL bytes, huge and
negative numbers, very long and odd Unicode strings, in every field the page's form has."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.personas import ANON, PERSONAS
from tests.support.permissions import EXPECTED, client_for, url_for

ODD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["²", "٣", "0", "-1", "99999999999999999999", "1e9", " ", "\x00", "%00"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=100, max_size=600),
)
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
SKIP_FIELDS = {"csrfmiddlewaretoken"}


def _who(name: str) -> str:
    """Someone allowed to use the page, staff before candidates before anyone."""
    allowed = EXPECTED[name]
    for persona in PERSONAS:
        if persona in allowed and persona != ANON:
            return persona
    return ANON


def _fields(html: str) -> list[str]:
    return sorted({name for name in FIELD.findall(html) if name not in SKIP_FIELDS})


# Pages whose POST ends the session or changes who is signed in: they get GETs only.
GET_ONLY = {"accounts:sign-out", "accounts:sign-in", "core:error-check"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_page_answers_generated_input_with_a_server_error(world, name):
    client = client_for(world, _who(name))
    url = url_for(world, name)
    page = client.get(url)
    assert page.status_code < 500, f"{url}: {page.status_code}"
    html = (
        page.content.decode(errors="replace")
        if page.status_code == 200 and not page.streaming
        else ""
    )
    fields = _fields(html)
    params = sorted({*fields, "cohort", "organisation", "version", "q", "page", "next"})

    @settings(
        max_examples=6,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(values=st.fixed_dictionaries(dict.fromkeys(params, ODD)))
    def probe(values):
        got = client.get(url, values)
        assert got.status_code < 500, f"GET {url} {values!r}: {got.status_code}"
        if name in GET_ONLY or not fields:
            return
        sent = client.post(url, {key: values[key] for key in fields})
        assert sent.status_code < 500, f"POST {url} {values!r}: {sent.status_code}"

    probe()
