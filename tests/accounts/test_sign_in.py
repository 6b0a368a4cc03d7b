"""Signing in and out, the `next` page, and how guessing passwords is slowed down."""

import pytest
import time_machine
from django.test import Client

from stepup.accounts.models import SignInFailure
from tests.accounts.pages import error_summary, text_of
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jo(db):
    return UserFactory(email="jo@example.org", full_name="Jo Bloggs")


def attempt(client, email: str, password: str):
    return client.post("/sign-in/", {"email": email, "password": password})


def test_signing_in_and_out_through_the_pages(client, jo):
    assert "Sign in" in text_of(client.get("/sign-in/"))

    response = attempt(client, "JO@example.org", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "You are signed in as Jo Bloggs (jo@example.org)" in text_of(client.get("/"))

    confirm = client.get("/sign-out/")
    assert "You are signed in" in text_of(client.get("/")), "a GET does not sign anyone out"
    assert "Sign out" in text_of(confirm)
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert "You are signed in" not in text_of(client.get("/"))


def test_a_wrong_password_is_explained(client, jo):
    response = attempt(client, jo.email, "wrong-password")
    assert response.status_code == 200
    assert error_summary(response) == ["Enter a correct email address and password"]
    assert "<title>Error: Sign in" in response.content.decode()
    assert 'href="/sign-in/forgotten-password/"' in response.content.decode()


def test_missing_and_malformed_details_are_explained(client):
    assert error_summary(client.post("/sign-in/", {})) == [
        "Enter your email address",
        "Enter your password",
    ]
    assert error_summary(attempt(client, "jo-at-example", "x")) == [
        "Enter an email address in the correct format, like name@example.com"
    ]


def test_after_signing_in_the_person_goes_to_the_page_they_asked_for(client, jo):
    asked = client.get("/partnerships/")
    assert asked["Location"] == "/sign-in/?next=/partnerships/"
    page = client.get(asked["Location"])
    assert 'name="next" value="/partnerships/"' in page.content.decode()

    response = client.post(
        "/sign-in/", {"email": jo.email, "password": PASSWORD, "next": "/partnerships/"}
    )

    assert response["Location"] == "/partnerships/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/steal", "//evil.example/steal", "http://127.0.0.1.evil.example/"],
)
def test_next_never_leaves_the_service(client, jo, next_url):
    response = client.post(
        f"/sign-in/?next={next_url}", {"email": jo.email, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


# Guessing is slowed down, never locked


def test_after_five_wrong_passwords_each_try_waits_longer(client, jo):
    with time_machine.travel("2027-01-04 09:00Z", tick=False):
        for _ in range(5):
            assert attempt(client, jo.email, "wrong-password").status_code == 200
        response = attempt(client, jo.email, PASSWORD)
        assert response.status_code == 429
        assert "Wait 30 seconds, then try again" in text_of(response)
        assert "You are signed in" not in text_of(client.get("/"))
    with time_machine.travel("2027-01-04 09:00:31Z", tick=False):
        assert attempt(client, jo.email, "wrong-password").status_code == 200
        assert "Wait 1 minute" in text_of(attempt(client, jo.email, PASSWORD))
    with time_machine.travel("2027-01-04 09:01:32Z", tick=False):
        assert attempt(client, jo.email, PASSWORD).status_code == 302


def test_the_wait_is_for_that_email_only(client, jo):
    other = UserFactory(email="other@example.org")
    for _ in range(5):
        attempt(client, jo.email, "wrong-password")

    assert attempt(client, other.email, PASSWORD).status_code == 302


def test_signing_in_starts_the_count_again(client, jo):
    for _ in range(4):
        attempt(client, jo.email, "wrong-password")
    assert attempt(client, jo.email, PASSWORD).status_code == 302
    client.post("/sign-out/")

    for _ in range(4):
        assert attempt(client, jo.email, "wrong-password").status_code == 200

    assert attempt(client, jo.email, PASSWORD).status_code == 302


def test_someone_elses_guessing_does_not_keep_a_person_out_of_their_own_browser(jo):
    """Seen: five bad tries locked any person out, and one every 15 minutes kept them out."""
    own = Client(REMOTE_ADDR="198.51.100.20")
    assert attempt(own, jo.email, PASSWORD).status_code == 302
    own.post("/sign-out/")
    for number in range(30):
        attempt(Client(REMOTE_ADDR=f"203.0.113.{number}"), jo.email, "guess")
    assert attempt(Client(REMOTE_ADDR="198.51.100.99"), jo.email, PASSWORD).status_code == 429
    # The browser Jo signed in with before is not held back by the guessing elsewhere.
    assert attempt(own, jo.email, PASSWORD).status_code == 302


def test_one_password_tried_against_many_accounts_meets_a_limit(db):
    """Seen: one password tried against 12 accounts met no limit."""
    people = [UserFactory(email=f"person{n}@example.org") for n in range(12)]
    sprayer = Client(REMOTE_ADDR="203.0.113.9")
    answers = [attempt(sprayer, person.email, "Summer2026!").status_code for person in people]
    assert answers[:10] == [200] * 10
    assert answers[10:] == [429, 429]
    # Someone else, elsewhere, is not affected.
    assert (
        attempt(Client(REMOTE_ADDR="198.51.100.1"), people[11].email, PASSWORD).status_code == 302
    )


def test_behind_the_proxy_each_visitor_has_their_own_address(jo, settings):
    """Seen: behind the documented proxy every visitor shared one address."""
    settings.PROXY_COUNT = 1

    def via_proxy(forwarded_for: str) -> Client:
        return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    for _ in range(10):
        attempt(via_proxy("203.0.113.7"), f"someone{_}@example.org", "guess")
    assert attempt(via_proxy("203.0.113.7"), jo.email, PASSWORD).status_code == 429
    assert attempt(via_proxy("198.51.100.8"), jo.email, PASSWORD).status_code == 302
    # An address the client writes itself, to the left of the proxy's, is not believed.
    spoofed = via_proxy("198.51.100.8, 203.0.113.7")
    assert attempt(spoofed, jo.email, PASSWORD).status_code == 429


def test_the_throttle_keeps_no_addresses_or_emails(client, jo):
    attempt(client, jo.email, "wrong-password")
    stored = str(list(SignInFailure.objects.values_list("key", flat=True)))
    assert jo.email not in stored and "127.0.0.1" not in stored
