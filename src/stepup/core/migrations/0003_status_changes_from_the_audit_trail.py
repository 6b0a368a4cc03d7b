"""Fill ``StatusChange`` (and the new ``event`` and ``values`` of each entry) for the status
changes the audit trail already holds, reading its labels back into statuses.

The labels are copied here as they were when this migration was made: a later change of
wording must not change what this migration reads. Entries are otherwise never changed: this
only adds the two machine-readable fields beside what people read, by queryset updates.
"""

from django.db import migrations

# (app label, model) -> (event code, the status field's label in the trail, {label: status})
LIFECYCLES = {
    ("applications", "application"): (
        "application",
        "Status",
        {
            "Not submitted": "draft",
            "Submitted": "submitted",
            "Eligibility being checked": "eligibility_review",
            "Not eligible": "ineligible",
            "Eligible: waiting for the sift": "eligible",
            "Screened in": "screened_in",
            "Screened out": "screened_out",
            "Withdrawn": "withdrawn",
        },
    ),
    ("programme", "cohort"): (
        "cohort",
        "Status",
        {
            "Draft": "draft",
            "Open for bids": "open_for_bids",
            "Recruiting": "recruiting",
            "In training": "in_training",
            "Closed": "closed",
        },
    ),
    ("partnerships", "partnership"): (
        "bid",
        "Bid status",
        {
            "Draft": "draft",
            "Bid submitted": "submitted",
            "Bid returned": "returned",
            "Approved": "approved",
        },
    ),
    ("accounts", "user"): (
        "account",
        "Account",
        {"Active": "active", "Deactivated": "deactivated"},
    ),
}


def fill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    StatusChange = apps.get_model("core", "StatusChange")
    for (app_label, model), (code, field, statuses) in LIFECYCLES.items():
        record_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if record_type is None:
            continue
        entries = AuditEntry.objects.filter(
            record_type=record_type, action__in=["transition", "created"]
        ).order_by("at", "id")
        changes = []
        for entry in entries.iterator():
            status = next((c for c in entry.changes or [] if c.get("field") == field), None)
            if status is None or status.get("after") not in statuses:
                continue
            source = statuses.get(status.get("before"), "")
            target = statuses[status["after"]]
            published = entry.summary.startswith("Loaded as published")
            AuditEntry.objects.filter(pk=entry.pk).update(
                event=f"{code}.{'recorded_as_published' if published else target}",
                values={"status": [source, target]},
            )
            changes.append(
                StatusChange(
                    record_type=record_type,
                    record_id=int(entry.record_id),
                    source=source,
                    target=target,
                    at=entry.at,
                    audit_entry=entry,
                )
            )
        StatusChange.objects.bulk_create(changes, batch_size=1000)
    # Every other entry gets the default code: the kind of record and the action.
    kinds = (
        AuditEntry.objects.filter(event="")
        .order_by()
        .values_list("record_type", "action")
        .distinct()
    )
    for record_type_id, action in list(kinds):
        model = ContentType.objects.get(pk=record_type_id).model
        AuditEntry.objects.filter(event="", record_type_id=record_type_id, action=action).update(
            event=f"{model}.{action}"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_events_and_status_changes")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
