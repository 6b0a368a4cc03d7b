"""The audit trail's hash chain: each entry carries a digest of its own content and of the
entry before it, so that an entry edited, removed or moved after the fact — even by someone
who can lift the append-only triggers — shows when the chain is walked (``manage.py
verify_audit``). See ADR 0023.

Pure functions over an entry's field values, so that the data migration that first filled
the chain computes exactly what the application does. Changing what goes into the digest
breaks every existing link: a new format needs a new version name and a migration.
"""

import datetime
import hashlib
import json
from typing import Any

from django.utils import timezone

VERSION = "stepup-audit-1"
# The link of the first entry: no entry before it.
GENESIS = "0" * 64

CONTENT_FIELDS = (
    "record_type_id",
    "record_id",
    "record_label",
    "actor_id",
    "actor_label",
    "at",
    "action",
    "summary",
    "changes",
    "reason",
    "event",
    "values",
)


def _moment(value: datetime.datetime) -> str:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def entry_content(entry: Any) -> dict[str, Any]:
    """What of an entry the digest covers, as JSON keeps it (the row's id is not in it: the
    order is held by each entry's link to the one before)."""
    content = {name: getattr(entry, name) for name in CONTENT_FIELDS}
    content["at"] = _moment(content["at"])
    content["record_id"] = str(content["record_id"])
    # As the database gives them back: tuples as lists, keys as strings.
    for name in ("changes", "values"):
        content[name] = json.loads(json.dumps(content[name]))
    return content


def entry_digest(*, previous_hash: str, content: dict[str, Any]) -> str:
    """SHA-256 of the version, the previous entry's digest and the content, as canonical
    JSON (sorted keys, no spaces)."""
    payload = json.dumps(
        [VERSION, previous_hash, content],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()
