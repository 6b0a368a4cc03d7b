"""Signing in and out, the `next` page, and the limit on guessing passwords."""

import pytest
import time_machine

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
    assert error_summary(response) == [
        "Enter a correct email address and password. After 5 wrong attempts you will need to "
        "wait 15 minutes"
    ]
    assert "<title>Error: Sign in" in response.content.decode()


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


def test_five_wrong_passwords_lock_the_email_even_with_the_right_password(client, jo):
    for _ in range(4):
        assert attempt(client, jo.email, "wrong-password").status_code == 200
    assert attempt(client, jo.email, "wrong-password").status_code == 429

    response = attempt(client, jo.email, PASSWORD)

    assert response.status_code == 429
    assert "Too many attempts to sign in" in text_of(response)
    assert "Wait 15 minutes" in text_of(response)
    assert "You are signed in" not in text_of(client.get("/"))


def test_the_lock_is_for_that_email_only(client, jo):
    other = UserFactory(email="other@example.org")
    for _ in range(5):
        attempt(client, jo.email, "wrong-password")

    response = attempt(client, other.email, PASSWORD)

    assert response.status_code == 302


def test_the_lock_lifts_after_15_minutes(client, jo):
    with time_machine.travel("2027-01-04 09:00Z", tick=False):
        for _ in range(5):
            attempt(client, jo.email, "wrong-password")
        assert attempt(client, jo.email, PASSWORD).status_code == 429
    with time_machine.travel("2027-01-04 09:16Z", tick=False):
        assert attempt(client, jo.email, PASSWORD).status_code == 302


def test_signing_in_before_the_limit_starts_the_count_again(client, jo):
    for _ in range(4):
        attempt(client, jo.email, "wrong-password")
    assert attempt(client, jo.email, PASSWORD).status_code == 302
    client.post("/sign-out/")

    for _ in range(4):
        assert attempt(client, jo.email, "wrong-password").status_code == 200

    assert attempt(client, jo.email, PASSWORD).status_code == 302
