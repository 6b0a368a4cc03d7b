"""An imported application joins only an account its address's owner controls (finding 1),
and a candidate imported without an account can set a password and see it (finding 2)."""

import re

import pytest
from django.test import Client

from stepup.accounts.models import User
from stepup.applications.models import Application
from tests.factories import PASSWORD, UserFactory
from tests.transfer.conftest import csv_text, good_row

NEW_PASSWORD = "a quiet green harbour"


@pytest.fixture
def imported(run_import, django_capture_on_commit_callbacks):
    def _imported(rows):
        with django_capture_on_commit_callbacks(execute=True):
            succeeded, _out, err = run_import(csv_text(rows))
        assert succeeded, err

    return _imported


CLAIM = "Set a password to see your Step Up to Social Work application"


def claims(mailoutbox) -> list:
    return [m for m in mailoutbox if m.subject == CLAIM]


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/email-links/[^/\s]+/)", message.body)[1]


def test_an_attackers_unconfirmed_account_does_not_get_the_imported_application(
    cohort, imported, mailoutbox
):
    """Seen: an account made for someone else's address received their application."""
    attacker = UserFactory(email="person1@example.net", email_verified_at=None)
    attacker_client = Client()
    attacker_client.post("/sign-in/", {"email": attacker.email, "password": PASSWORD})
    imported([good_row(1)])
    application = Application.objects.get()
    # The attacker is out: their password no longer works and their session has ended.
    assert attacker_client.get(f"/applications/{application.reference}/").status_code == 302
    refused = Client().post("/sign-in/", {"email": attacker.email, "password": PASSWORD})
    assert refused.status_code == 200
    # The owner of the address sets a password from the email and sees their application.
    assert [m.to for m in claims(mailoutbox)] == [["person1@example.net"]]
    owner = Client()
    owner.post(
        link_in(claims(mailoutbox)[0]), {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    )
    owner.post("/sign-in/", {"email": "person1@example.net", "password": NEW_PASSWORD})
    assert owner.get(f"/applications/{application.reference}/status/").status_code == 200


def test_a_candidate_imported_without_an_account_sets_a_password_and_signs_in(
    cohort, imported, mailoutbox
):
    imported([good_row(2)])
    person = User.objects.get(email="person2@example.net")
    assert not person.has_usable_password() and person.email_verified_at is None
    (message,) = claims(mailoutbox)
    client = Client()
    page = client.get(link_in(message)).content.decode()
    assert "Set a password for your account" in page
    client.post(link_in(message), {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    person.refresh_from_db()
    assert person.email_verified_at is not None
    client.post("/sign-in/", {"email": "person2@example.net", "password": NEW_PASSWORD})
    reference = Application.objects.get().reference
    assert client.get(f"/applications/{reference}/status/").status_code == 200


def test_a_confirmed_account_receives_its_imported_application_without_a_claim(
    cohort, imported, mailoutbox
):
    owner = UserFactory(email="person3@example.net")
    imported([good_row(3)])
    assert Application.objects.get().candidate == owner
    assert claims(mailoutbox) == []
    client = Client()
    client.post("/sign-in/", {"email": owner.email, "password": PASSWORD})
    reference = Application.objects.get().reference
    assert client.get(f"/applications/{reference}/status/").status_code == 200
