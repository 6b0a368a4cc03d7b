"""Background tasks, run by the task worker (``manage.py db_worker``).

``email_later`` is how services send email: the task is only queued once the surrounding
transaction commits, so nobody is told about a change that was rolled back.
"""

from functools import partial

from django.db import transaction
from django.tasks import task

from stepup.core.email import email_send_now


@task
def send_email(*, to: str, subject: str, body: str) -> int:
    return email_send_now(to=to, subject=subject, body=body)


# RFC 2606 keeps ".invalid" for names that can never exist; the demonstration round's
# fictitious people have such addresses, so nothing is queued for them.
NEVER_DELIVERED = ".invalid"


def email_later(*, to: str, subject: str, body: str) -> None:
    if to.lower().endswith(NEVER_DELIVERED):
        return
    transaction.on_commit(partial(send_email.enqueue, to=to, subject=subject, body=body))
