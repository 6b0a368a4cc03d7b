"""A Django email backend that sends through GOV.UK Notify.

Notify sends only from templates, so the service uses one generic template whose subject is
``((subject))`` and whose body is ``((body))``; every message fills those two fields.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    """One Notify notification per recipient. Errors propagate, so the task is marked failed."""

    def __init__(self, *, api_key: str = "", template_id: str = "", **kwargs):
        super().__init__(**kwargs)
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID
        self.client: NotificationsAPIClient | None = None

    def open(self) -> bool:
        if self.client is not None:
            return False
        self.client = NotificationsAPIClient(self.api_key)
        return True

    def close(self) -> None:
        self.client = None

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        opened = self.open()
        sent = 0
        try:
            for message in email_messages:
                recipients = message.recipients()
                for address in recipients:
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                    )
                if recipients:
                    sent += 1
        finally:
            if opened:
                self.close()
        return sent
