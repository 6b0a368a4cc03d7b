"""Building form posts for the partnerships pages, and reading back what was saved."""

from stepup.core.audit import history_for


def rows_post(prefix: str, rows, *, reason: str = "", blank_rows: int = 0, **extra) -> dict:
    """A formset post. Each row is (object or None, value[, remove]); value is sent as typed."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + blank_rows),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        "reason": reason,
    }
    key, value_name = {"members": ("authority", "places"), "universities": ("university", "role")}[
        prefix
    ]
    for index, (obj, value, *remove) in enumerate(rows):
        data[f"{prefix}-{index}-{key}"] = "" if obj is None else str(obj.pk)
        data[f"{prefix}-{index}-{value_name}"] = str(value)
        if remove and remove[0]:
            data[f"{prefix}-{index}-remove"] = "on"
    for index in range(len(rows), len(rows) + blank_rows):
        data[f"{prefix}-{index}-{key}"] = ""
        data[f"{prefix}-{index}-{value_name}"] = ""
    data.update(extra)
    return data


def places_of(partnership) -> dict[str, int]:
    return dict(partnership.members.values_list("authority__name", "places"))


def roles_of(partnership) -> dict[str, str]:
    return dict(partnership.universities.values_list("university__name", "role"))


def history_count(partnership) -> int:
    return history_for(partnership).count()


def date_post(name: str, value) -> dict:
    return {
        f"{name}-day": str(value.day),
        f"{name}-month": str(value.month),
        f"{name}-year": str(value.year),
    }
