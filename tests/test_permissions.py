"""Every URL, for every role: each person gets exactly the access they should.

The table in tests/support/permissions.py names who may use each page. A page that is added
without a row there fails ``test_every_url_is_in_the_table``, so no new view escapes this walk.
Records are scoped: a coordinator may use their own partnership's pages but gets "not found"
for another's. The ``world`` fixture (tests/conftest.py) builds the walk's cohort and people.
"""

import pytest
from django.test import RequestFactory

from stepup.core.models import AuditEntry
from stepup.core.navigation import navigation_for
from tests.personas import ANON, EVERYONE, PERSONAS, STAFF_PERSONAS
from tests.support.permissions import (
    EXPECTED,
    REDIRECT_ON_GET,
    URL_PARAMS,
    client_for,
    url_for,
)


def test_every_url_is_in_the_table():
    assert sorted(URL_PARAMS) == sorted(EXPECTED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_person_gets_exactly_the_access_they_should(world, persona):
    client = client_for(world, persona)
    wrong = []
    for name, allowed in EXPECTED.items():
        url = url_for(world, name)
        response = client.get(url)
        if persona in allowed:
            ok = response.status_code == 200 or (
                name in REDIRECT_ON_GET and response.status_code == 302
            )
        elif persona == ANON:
            ok = response.status_code == 302 and response["Location"].startswith("/sign-in/")
        else:
            ok = response.status_code in (403, 404)
        if not ok:
            wrong.append(f"{name} {url}: {response.status_code}")
    assert not wrong, f"{persona} got the wrong answer from:\n" + "\n".join(wrong)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_crafted_post_changes_nothing_for_those_who_may_not(world, persona):
    client = client_for(world, persona)
    before = AuditEntry.objects.count()
    wrong = []
    for name, allowed in EXPECTED.items():
        if persona in allowed or EXPECTED[name] == EVERYONE:
            continue
        url = url_for(world, name)
        response = client.post(url, {"places": "99", "reason": "crafted", "name": "Crafted"})
        refused = (
            response.status_code == 302 and response["Location"].startswith("/sign-in/")
            if persona == ANON
            else response.status_code in (403, 404)
        )
        if not refused:
            wrong.append(f"{name} {url}: {response.status_code}")
    assert not wrong, f"{persona} was not refused by:\n" + "\n".join(wrong)
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {ANON}))
def test_the_menu_offers_only_pages_the_person_may_use(world, persona):
    """Staff always have somewhere to go; a candidate's menu may be empty."""
    client = client_for(world, persona)
    request = RequestFactory().get("/")
    request.user = world["people"][persona]
    menu = navigation_for(request)
    assert menu or persona not in STAFF_PERSONAS, "every member of staff has somewhere to go"
    home = client.get("/").content.decode()
    for item in menu:
        assert f'href="{item["href"]}"' in home
        assert client.get(item["href"]).status_code == 200, item
