"""Our bridge from Django forms to GOV.UK Frontend macros.

``field_params`` turns a bound field into the parameters of the matching GOV.UK macro
(``core/jinja2/core/forms.html`` calls it), so templates write ``{{ field(form.name) }}``
and get the label, hint, error message and values the Design System expects.
``error_list`` builds the error summary, each message linking to its field.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.formsets import BaseFormSet
from markupsafe import Markup, escape

YES_NO = (("yes", "Yes"), ("no", "No"))


def radio_field(
    label: str,
    choices,
    message: str,
    *,
    required: bool = True,
    hint: str = "",
    not_a_choice: str = "",
    **kwargs,
) -> forms.ChoiceField:
    """A GOV.UK radios question. ``message`` says what to do for both nothing chosen and a
    value that is not one of the choices (a crafted post), unless ``not_a_choice`` says
    otherwise. ``required=False`` where the service checks it, with every other error."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        help_text=hint,
        error_messages={"required": message, "invalid_choice": not_a_choice or message},
        **kwargs,
    )


class GovukDateWidget(forms.Widget):
    """Three text boxes, day, month and year, named ``<name>-day`` and so on."""

    parts = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        return {part: (data.get(f"{name}-{part}") or "").strip() for part in self.parts}

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}-{part}" not in data for part in self.parts)

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, dict):
            return value
        return {"day": "", "month": "", "year": ""}


class GovukDateField(forms.Field):
    """A date entered as day, month and year, with the GOV.UK error messages."""

    widget = GovukDateWidget

    def __init__(self, *, subject: str = "the date", **kwargs):
        self.subject = subject
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter {subject}")
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not value or not any(value.values()):
            return None
        missing = [part for part in GovukDateWidget.parts if not value.get(part)]
        if missing:
            raise ValidationError(
                f"{self.subject[0].upper()}{self.subject[1:]} must include a "
                + " and ".join(missing)
            )
        try:
            day, month, year = (int(value[p]) for p in GovukDateWidget.parts)
        except ValueError:
            raise ValidationError(
                f"{self.subject[0].upper()}{self.subject[1:]} must be a real date, "
                "written in numbers, for example 27 3 2017"
            ) from None
        if year < 1900 or year > 2200:
            raise ValidationError("Year must include 4 numbers, for example 2017")
        try:
            return datetime.date(year, month, day)
        except (ValueError, OverflowError):  # a day or month of 20 digits overflows
            raise ValidationError(
                f"{self.subject[0].upper()}{self.subject[1:]} must be a real date"
            ) from None


# The largest whole number each kind of column holds (PostgreSQL refuses more; SQLite stores
# it, so only PostgreSQL would fail): a form field bounds what it accepts to its column's.
SMALL_INTEGER_MAX = 32_767  # PositiveSmallIntegerField, SmallIntegerField
INTEGER_MAX = 2**31 - 1  # PositiveIntegerField, IntegerField


def bounded(
    field: forms.IntegerField, *, subject: str, high: int = SMALL_INTEGER_MAX, low: int = 0
) -> forms.IntegerField:
    """``field`` accepting ``low`` to ``high`` at most, with GOV.UK messages naming
    ``subject`` ("a recruitment target"): "Enter a recruitment target of 32,767 or less".
    A bound the field already has is kept where it is narrower."""
    if field.max_value is None or field.max_value > high:
        field.max_value = high
        field.validators.append(MaxValueValidator(high))
    if field.min_value is None or field.min_value < low:
        field.min_value = low
        field.validators.append(MinValueValidator(low))
    field.error_messages.setdefault("max_value", f"Enter {subject} of {field.max_value:,} or less")
    field.error_messages.setdefault("min_value", f"Enter {subject} of {field.min_value:,} or more")
    return field


class PoundsField(forms.DecimalField):
    """An amount typed in pounds, held in pence."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid", "Enter an amount in pounds, like 19833")
        kwargs["error_messages"].setdefault(
            "max_decimal_places", "Enter an amount with no more than 2 decimal places"
        )
        super().__init__(**kwargs)
        self.widget.input_type = "text"

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").strip()
        return super().to_python(value)

    def clean(self, value):
        amount = super().clean(value)
        return None if amount is None else int((amount * 100).to_integral_value())

    def prepare_value(self, value):
        if isinstance(value, int):
            pounds, pence = divmod(value, 100)
            return f"{pounds}.{pence:02d}" if pence else str(pounds)
        return value


def _label(bf, opts) -> dict:
    label = {"text": opts.get("label", bf.label)}
    if opts.get("label_classes"):
        label["classes"] = opts["label_classes"]
    if opts.get("is_page_heading"):
        label["isPageHeading"] = True
    return label


def _error(bf) -> dict | None:
    if bf.errors:
        return {"text": " ".join(str(e) for e in bf.errors)}
    return None


def _choices(bf, selected: set[str]) -> list[dict]:
    items = []
    for value, text in bf.field.choices:
        value = "" if value is None else str(value)
        items.append(
            {
                "value": value,
                "text": str(text),
                "selected": value in selected,
                "checked": value in selected,
            }
        )
    return items


def field_params(bf, opts: dict | None = None) -> tuple[str, dict[str, Any]]:
    """The GOV.UK macro for a bound field and its parameters."""
    opts = dict(opts or {})
    widget = bf.field.widget
    hint = opts.get("hint", bf.help_text)
    base: dict[str, Any] = {"id": bf.auto_id, "name": bf.html_name}
    if hint:
        base["hint"] = {"text": str(hint)}
    error = _error(bf)
    if error:
        base["errorMessage"] = error
    fieldset_legend = {
        "text": opts.get("label", bf.label),
        "classes": opts.get("legend_classes", "govuk-fieldset__legend--s"),
    }
    if opts.get("is_page_heading"):
        fieldset_legend["isPageHeading"] = True

    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
        # Radios and checkboxes take their ids from idPrefix: match the error summary's link.
        base["idPrefix"] = bf.auto_id

    if isinstance(widget, GovukDateWidget):
        value = widget.format_value(bf.value())
        items = []
        for part, width in (("day", 2), ("month", 2), ("year", 4)):
            item = {
                "name": part,
                "label": part.capitalize(),
                "value": value.get(part, ""),
                "classes": f"govuk-input--width-{width}",
            }
            if error:
                item["classes"] += " govuk-input--error"
            items.append(item)
        params = base | {
            "namePrefix": bf.html_name,
            "items": items,
            "fieldset": {"legend": fieldset_legend},
        }
        params.pop("name")
        return "date", params

    if isinstance(widget, forms.CheckboxSelectMultiple):
        selected = {str(v) for v in (bf.value() or [])}
        return "checkboxes", base | {
            "items": _choices(bf, selected),
            "fieldset": {"legend": fieldset_legend},
        }

    if isinstance(widget, forms.RadioSelect):
        value = bf.value()
        selected = {"" if value is None else str(value)}
        items = [i for i in _choices(bf, selected) if i["value"] != ""]
        params = base | {"items": items, "fieldset": {"legend": fieldset_legend}}
        if opts.get("inline"):
            params["classes"] = "govuk-radios--inline"
        return "radios", params

    if isinstance(widget, forms.CheckboxInput):
        item = {"value": "on", "text": opts.get("label", bf.label), "checked": bool(bf.value())}
        params = base | {"items": [item]}
        if opts.get("legend"):
            params["fieldset"] = {
                "legend": {"text": opts["legend"], "classes": "govuk-fieldset__legend--s"}
            }
        return "checkboxes", params

    if isinstance(widget, forms.Select):
        value = bf.value()
        selected = {"" if value is None else str(value)}
        return "select", base | {"label": _label(bf, opts), "items": _choices(bf, selected)}

    if isinstance(widget, forms.Textarea):
        params = base | {
            "label": _label(bf, opts),
            "value": bf.value() or "",
            "rows": opts.get("rows", 5),
        }
        return "textarea", params

    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file", base | {"label": _label(bf, opts)}

    if isinstance(widget, forms.PasswordInput):
        params = base | {
            "label": _label(bf, opts),
            "autocomplete": opts.get("autocomplete", "current-password"),
        }
        return "password", params

    value = bf.value()
    value = bf.field.prepare_value(value) if value is not None else None
    params = base | {"label": _label(bf, opts), "value": "" if value is None else str(value)}
    if isinstance(bf.field, forms.IntegerField):
        params["inputmode"] = "numeric"
        params["spellcheck"] = False
    if isinstance(bf.field, PoundsField):
        params["prefix"] = {"text": "£"}
        params["inputmode"] = "decimal"
        params["spellcheck"] = False
    if isinstance(widget, forms.EmailInput):
        params["type"] = "email"
        params["autocomplete"] = opts.get("autocomplete", "email")
        params["spellcheck"] = False
    for key in ("classes", "autocomplete"):
        if key in opts:
            params[key] = opts[key]
    if isinstance(bf.field, forms.IntegerField) and "classes" not in opts:
        params["classes"] = "govuk-input--width-5"
    return "input", params


def _field_href(form, name: str) -> str:
    bf = form[name]
    widget = bf.field.widget
    if isinstance(widget, GovukDateWidget):
        return f"#{bf.auto_id}-day"
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"#{bf.auto_id}"
    return f"#{bf.auto_id}"


def error_list(*forms_or_formsets) -> list[dict]:
    """Every error on the page, in page order, each linking to the field to fix."""
    errors: list[dict] = []

    def add_form(form, row: int | None = None):
        # In a table of rows, the summary says which row, as its labels do.
        where = f"Row {row}: " if row is not None else ""
        for message in form.non_field_errors():
            first = next(iter(form.fields), None)
            errors.append(
                {
                    "text": where + str(message),
                    "href": _field_href(form, first) if first else "#main-content",
                }
            )
        for name in form.fields:
            for message in form[name].errors:
                errors.append({"text": where + str(message), "href": _field_href(form, name)})

    for item in forms_or_formsets:
        if item is None:
            continue
        if isinstance(item, BaseFormSet):
            for message in item.non_form_errors():
                errors.append({"text": str(message), "href": f"#{item.prefix}-table"})
            for number, form in enumerate(item.forms, start=1):
                add_form(form, row=number)
        else:
            add_form(item)
    return errors


def paragraphs(text: str) -> Markup:
    """Plain text typed by a person, shown as GOV.UK paragraphs."""
    parts = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    # Each part is escaped before it is marked safe.
    return Markup("".join(f'<p class="govuk-body">{escape(p)}</p>' for p in parts))  # noqa: S704
