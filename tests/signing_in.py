"""Signing staff in through the real pages in tests: the password, then a code their
authenticator app would show (every person made by ``person_with_role`` has an app)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def code_for(user) -> str:
    """The code the person's app shows now. A code works once, and tests sign the same
    person in within one 30-second step: so each is taken as the first of its step."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in_through_form(client, user, *, password: str = PASSWORD, next_url: str = ""):
    """Both steps, as a person does them; returns the last response."""
    data = {"email": user.email, "password": password}
    if next_url:
        data["next"] = next_url
    response = client.post("/sign-in/", data)
    if response.status_code == 302 and response["Location"] == "/sign-in/code/":
        response = client.post("/sign-in/code/", {"code": code_for(user)})
    return response


def force_login_with_code(client, user) -> None:
    """``force_login``, plus what django-otp keeps in the session once a code was given."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
