"""A member of staff sets up an authenticator app, then signs in with a code from it and,
another time, with a recovery code, which works once. Axe checks every page."""

import base64
import datetime
import re

import pytest
from django.db.models import F
from django_otp.oath import totp
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from tests.factories import PASSWORD, person_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def _click(page, axe, role, name):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    axe.check()


def _password(page, axe, email):
    page.goto("/sign-in/")
    axe.check()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    _click(page, axe, "button", "Sign in")


def _sign_out(page, axe):
    page.goto("/sign-out/")
    axe.check()
    _click(page, axe, "button", "Sign out")


def test_staff_set_up_an_app_and_sign_in_with_a_code_or_a_recovery_code(page, axe):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    person = person_with_role(Role.COORDINATOR, full_name="Cora Ordinator")
    TOTPDevice.objects.filter(user=person).delete()

    # The first time: set up an app from the key on the page.
    _password(page, axe, person.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.locator(".stepup-qr svg")).to_be_visible()
    key = "".join(re.findall(r"\b[A-Z2-7]{4}\b", page.locator(".stepup-secret").inner_text()))
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label("Code from your authenticator app").fill("123")
    _click(page, axe, "button", "Continue")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    # A wrong code slows the next one down (a second, then two, then four): the clock of the
    # device's last failure is put back two seconds, as if the person had waited.
    waited = F("throttling_failure_timestamp") - datetime.timedelta(seconds=2)
    TOTPDevice.objects.filter(user=person).update(throttling_failure_timestamp=waited)
    page.get_by_label("Code from your authenticator app").fill(f"{totp(secret):06d}")
    _click(page, axe, "button", "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    codes = re.findall(r"\b[0-9a-f]{10}\b", page.locator("main").inner_text())
    assert len(codes) == 10
    _click(page, axe, "link", "I have saved my codes")
    expect(page.locator("body")).to_contain_text("You are signed in as Cora Ordinator")
    _sign_out(page, axe)

    # With a code from the app (the next one: each code works once).
    _password(page, axe, person.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    TOTPDevice.objects.filter(user=person).update(last_t=-1)
    page.get_by_label("Code from your authenticator app").fill(f"{totp(secret):06d}")
    _click(page, axe, "button", "Continue")
    expect(page.locator("body")).to_contain_text("You are signed in as Cora Ordinator")
    _sign_out(page, axe)

    # With a recovery code, once.
    _password(page, axe, person.email)
    _click(page, axe, "link", "I cannot use my authenticator app: use a recovery code")
    page.get_by_label("Recovery code").fill(codes[0])
    _click(page, axe, "button", "Continue")
    expect(page.locator("body")).to_contain_text("You have 9 recovery codes left")
    _sign_out(page, axe)
    _password(page, axe, person.email)
    _click(page, axe, "link", "I cannot use my authenticator app: use a recovery code")
    page.get_by_label("Recovery code").fill(codes[0])
    _click(page, axe, "button", "Continue")
    expect(page.locator(".govuk-error-summary")).to_contain_text("it has been used")
