"""Sending one plain-text email through the default mailer (see MAILERS in settings).

Services do not call this: they call ``stepup.core.tasks.email_later`` so that the email
goes out from the task worker, and only once the change it describes has been saved.
"""

from django.conf import settings
from django.core.mail import EmailMessage


def email_send_now(*, to: str, subject: str, body: str) -> int:
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    return message.send(using="default")
