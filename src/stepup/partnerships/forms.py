"""Forms for partnerships. They parse what people type; the services decide what is allowed,
and views add the services' errors back onto these forms."""

from collections.abc import Callable, Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet, formset_factory
from django.forms.utils import ErrorDict

from stepup.accounts.queries import by_place
from stepup.core.govuk_forms import GovukDateField, PoundsField, bounded
from stepup.core.uploads import EMPTY_FILE
from stepup.partnerships import services
from stepup.partnerships.models import ContractModel, UniversityRole


class ObjectChoiceField(forms.ChoiceField):
    """A select whose value cleans to one of the given objects, or None when left blank."""

    def __init__(
        self,
        *,
        objects: Iterable,
        label_for: Callable = str,
        key: Callable = lambda obj: obj.pk,
        empty_label: str = "",
        **kwargs,
    ):
        self.objects = {str(key(obj)): obj for obj in objects}
        choices = [("", empty_label), *((k, label_for(o)) for k, o in self.objects.items())]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(value) if value else None


def _reason_field(label: str = "Reason for the change (optional)") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea,
        help_text="This is shown in the partnership’s history.",
    )


class CohortFilterForm(forms.Form):
    """?cohort=N narrows the list to cohort number N."""

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"] = ObjectChoiceField(
            objects=cohorts,
            key=lambda cohort: cohort.number,
            label="Cohort",
            required=False,
            empty_label="All cohorts",
            error_messages={"invalid_choice": "Select a cohort from the list"},
        )


class PartnershipForm(forms.Form):
    """The details of a partnership. The cohort is chosen only when creating one, and the
    lead authority can be changed only by the national team."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the name of the partnership",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    code = forms.CharField(
        label="Short code",
        max_length=10,
        help_text="2 to 10 capital letters or digits, like SELP. It must be unique in the cohort.",
        error_messages={
            "required": "Enter a short code, like SELP",
            "max_length": "Short code must be 2 to 10 capital letters or digits, like SELP",
        },
    )
    contract_model = forms.ChoiceField(
        label="Trainee contract model",
        choices=ContractModel.choices,
        widget=forms.RadioSelect,
        initial=ContractModel.BURSARY,
        error_messages={"required": "Select the trainee contract model"},
    )
    tie_in_amount_pence = PoundsField(
        label="Tie-in amount",
        required=False,
        help_text="Only for a bursary with a tie-in: what the trainee repays if they do not "
        "take up the tie-in, in pounds, like 3000.",
    )
    tie_in_terms = forms.CharField(
        label="Tie-in terms",
        required=False,
        widget=forms.Textarea,
        help_text="Only for a bursary with a tie-in, like repayable if the trainee does not "
        "apply to the host authority within six months.",
    )
    recruitment_target = bounded(
        forms.IntegerField(
            label="Recruitment target (optional)",
            required=False,
            help_text="The number of trainees the partnership aims to recruit.",
            error_messages={
                "invalid": "Enter the recruitment target as a whole number, like 14",
            },
        ),
        subject="a recruitment target",
    )

    def __init__(
        self,
        *args,
        cohorts=None,
        lead_authorities=None,
        coordinators=(),
        with_reason: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        fields = {}
        if cohorts is not None:
            fields["cohort"] = ObjectChoiceField(
                objects=cohorts,
                key=lambda cohort: cohort.number,
                label="Cohort",
                empty_label="Choose a cohort",
                error_messages={
                    "required": "Select the cohort",
                    "invalid_choice": "Select a cohort from the list",
                },
            )
        fields["name"] = self.fields.pop("name")
        fields["code"] = self.fields.pop("code")
        if lead_authorities is not None:
            fields["lead_authority"] = ObjectChoiceField(
                objects=by_place(lead_authorities),
                label_for=lambda authority: authority.place_label,
                label="Lead authority",
                empty_label="Choose an authority",
                help_text="The authority that receives the grant and employs the coordinator.",
                error_messages={
                    "required": "Select the lead authority",
                    "invalid_choice": "Select a lead authority from the list",
                },
            )
        people: dict = {}
        for membership in coordinators:
            people.setdefault(membership.user, []).append(membership.organisation.name)
        fields["coordinator"] = ObjectChoiceField(
            objects=people,
            label_for=lambda user: f"{user.full_name} ({', '.join(people[user])})",
            label="Coordinator (optional)",
            empty_label="No coordinator yet",
            required=False,
            help_text="A person who is a partnership coordinator at the lead authority.",
            error_messages={"invalid_choice": "Select a coordinator from the list"},
        )
        fields.update(self.fields)
        if with_reason:
            fields["reason"] = _reason_field()
        self.fields = fields

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class _RowForm(forms.Form):
    """One row of a members or universities table. A ticked "Remove" row, or a blank one,
    is left out without being checked."""

    remove = forms.BooleanField(label="Remove", required=False)

    def removed(self) -> bool:
        if not self.is_bound:
            return bool(self.initial.get("remove"))
        widget = self.fields["remove"].widget
        return bool(widget.value_from_datadict(self.data, self.files, self.add_prefix("remove")))

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.removed():
            self._errors = ErrorDict()
            self.cleaned_data = {"remove": True}

    def raw(self) -> dict:
        """What was typed, to show again when a row is added."""
        return {name: self[name].data for name in self.fields}


class MemberRowForm(_RowForm):
    places = forms.IntegerField(
        label="Places",
        required=False,
        min_value=0,
        max_value=services.MAX_PLACES,
        error_messages={
            "invalid": services.PLACES_NOT_NUMBER_MESSAGE,
            "min_value": services.NEGATIVE_PLACES_MESSAGE,
            "max_value": services.TOO_MANY_PLACES_MESSAGE,
        },
    )

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "authority": ObjectChoiceField(
                objects=by_place(authorities),
                label_for=lambda authority: authority.place_label,
                label="Authority",
                empty_label="Choose an authority",
                required=False,
                error_messages={"invalid_choice": "Select an authority from the list"},
            ),
            "places": self.fields["places"],
            "remove": self.fields["remove"],
        }

    def clean(self):
        data = super().clean()
        authority, places = data.get("authority"), data.get("places")
        if authority is not None and places is None and not self.has_error("places"):
            self.add_error("places", f"Enter the number of places for {authority.name}, like 4")
        if (
            authority is None
            and not self.has_error("authority")
            and (places is not None or self.has_error("places"))
        ):
            self.add_error("authority", "Select the authority for this row")
        return data


class UniversityRowForm(_RowForm):
    role = forms.ChoiceField(
        label="Role",
        required=False,
        choices=[("", "Choose a role"), *UniversityRole.choices],
        error_messages={"invalid_choice": "Select a role from the list"},
    )

    def __init__(self, *args, universities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "university": ObjectChoiceField(
                objects=universities,
                label="University",
                empty_label="Choose a university",
                required=False,
                error_messages={"invalid_choice": "Select a university from the list"},
            ),
            "role": self.fields["role"],
            "remove": self.fields["remove"],
        }

    def clean(self):
        data = super().clean()
        university, role = data.get("university"), data.get("role")
        if university is not None and not role and not self.has_error("role"):
            self.add_error("role", f"Select the role of {university.name}")
        if university is None and role and not self.has_error("university"):
            self.add_error("university", "Select the university for this row")
        return data


class _RowsFormSet(BaseFormSet):
    key_field = ""
    value_field = ""

    def rows(self) -> list[tuple]:
        """The rows to save: those filled in and not removed."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("remove") or data.get(self.key_field) is None:
                continue
            rows.append((data[self.key_field], data[self.value_field]))
        return rows

    def raw_rows(self) -> list[dict]:
        return [form.raw() for form in self.forms]

    def mark_duplicates(self) -> None:
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            obj = data.get(self.key_field)
            if obj is None or data.get("remove"):
                continue
            if obj.pk in seen and not form.has_error(self.key_field):
                form.add_error(self.key_field, services.duplicate_authority_message(obj.name))
            seen.add(obj.pk)


class MemberRowsFormSet(_RowsFormSet):
    key_field = "authority"
    value_field = "places"

    def __init__(self, *args, lead_authority, **kwargs):
        self.lead_authority = lead_authority
        super().__init__(*args, **kwargs)

    def clean(self):
        self.mark_duplicates()
        if any(self.errors):
            return
        rows = self.rows()
        if not rows:
            raise ValidationError(services.NO_MEMBERS_MESSAGE)
        if all(authority.pk != self.lead_authority.pk for authority, _ in rows):
            raise ValidationError(services.lead_not_member_message(self.lead_authority.name))


class UniversityRowsFormSet(_RowsFormSet):
    key_field = "university"
    value_field = "role"

    def clean(self):
        self.mark_duplicates()
        if any(self.errors):
            return
        problems = services.universities_problems(universities=self.rows())
        if problems:
            raise ValidationError(problems)


def members_formset(*, lead_authority, authorities, data=None, initial=None, extra=3):
    cls = formset_factory(MemberRowForm, formset=MemberRowsFormSet, extra=extra)
    return cls(
        data,
        initial=initial,
        prefix="members",
        lead_authority=lead_authority,
        form_kwargs={"authorities": authorities},
    )


def universities_formset(*, universities, data=None, initial=None, extra=3):
    cls = formset_factory(UniversityRowForm, formset=UniversityRowsFormSet, extra=extra)
    return cls(
        data, initial=initial, prefix="universities", form_kwargs={"universities": universities}
    )


class ReasonForm(forms.Form):
    reason = _reason_field()


class MemorandumForm(forms.Form):
    file = forms.FileField(
        label="Upload the memorandum of cooperation",
        help_text="A PDF smaller than 10MB.",
        error_messages={
            "required": services.NO_FILE_MESSAGE,
            "empty": EMPTY_FILE,
            "invalid": services.NO_FILE_MESSAGE,
            "max_length": "The file name must be 255 characters or fewer",
        },
    )
    signed_on = GovukDateField(
        label="Date signed",
        subject="the date the memorandum was signed",
        help_text="For example, 27 3 2027",
    )
    review_on = GovukDateField(
        label="Review date",
        subject="the date the memorandum is due for review",
        help_text="When the partners will next review it. For example, 27 3 2028",
    )


class MeetingForm(forms.Form):
    held_on = GovukDateField(
        label="Date held",
        subject="the date the meeting was held",
        help_text="For example, 27 3 2027",
    )
    minutes = forms.CharField(
        label="Minutes",
        widget=forms.Textarea,
        error_messages={"required": "Enter the minutes of the meeting"},
    )
    decisions = forms.CharField(
        label="Decisions (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="What the board decided, one decision a paragraph.",
    )


class TransitionForm(forms.Form):
    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        if transition.needs_reason:
            self.fields["reason"] = forms.CharField(
                label="Why are you returning the bid?",
                widget=forms.Textarea,
                help_text="The coordinator will see this on the partnership’s page.",
                error_messages={"required": services.RETURN_REASON_MESSAGE},
            )
        else:
            self.fields["reason"] = _reason_field("Note for the history (optional)")
