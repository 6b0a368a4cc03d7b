"""Forms for planning centre days, attendance and adjustments. They only parse what was
typed; the services decide what is allowed."""

import datetime

from django import forms

from stepup.assessment.models import AdjustmentOutcome, AssessorKind
from stepup.assessment.services.centres import slot_problems
from stepup.core.formatting import govuk_date
from stepup.core.govuk_forms import GovukDateField, PoundsField, bounded, radio_field

TIME_FORMATS = ("%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p", "%H")
SLOTS = 3
SLOT_PARTS = ("starts", "ends", "places")


class TimeText(forms.Field):
    """A time typed as people write it: 9:30am, 9am, 14:00 or 14.00."""

    def __init__(self, *, subject: str, **kwargs):
        self.subject = subject
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (value or "").strip().lower().replace(" ", "")
        if not text:
            return None
        for pattern in TIME_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).time()
            except ValueError:
                continue
        raise forms.ValidationError(f"Enter {self.subject} as a time of day, like 9:30am or 14:00")


def _places(number: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=f"Places in slot {number}",
        required=False,
        min_value=1,
        max_value=60,
        error_messages={
            "invalid": f"Enter the places in slot {number} as a number, like 6",
            "min_value": f"Slot {number} needs at least 1 place",
            "max_value": f"Slot {number} can have at most 60 places",
        },
    )


class CentreForm(forms.Form):
    """A centre day: where, when, and its slots (up to three; blank ones are left out)."""

    runner = forms.ChoiceField(
        label="Whose centre day is it?",
        error_messages={
            "required": "Select the partnership the day is for",
            "invalid_choice": "Select a partnership from the list",
        },
    )
    day = GovukDateField(label="Date of the centre day", subject="the date of the centre day")
    venue = forms.CharField(
        label="Venue",
        max_length=200,
        help_text="The building’s name, as candidates will look for it.",
        error_messages={
            "required": "Enter the name of the venue",
            "max_length": "The venue’s name must be 200 characters or fewer",
        },
    )
    address = forms.CharField(
        label="Address",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the venue’s address"},
    )
    accessibility = forms.CharField(
        label="Access at the venue",
        help_text=(
            "Step-free entry, lifts, accessible toilets, parking, a quiet room, a hearing loop: "
            "say what there is, so candidates can plan."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say what access the venue has, such as step-free entry and "
            "accessible toilets"
        },
    )
    assessors_needed = bounded(
        forms.IntegerField(
            label="How many assessors does the day need? (optional)",
            required=False,
            help_text="Including service users and young people. Each criterion must be seen "
            "by two different assessors for every candidate.",
            error_messages={"invalid": "Enter the number of assessors using digits, like 6"},
        ),
        subject="a number of assessors",
    )
    booking_closes = GovukDateField(
        label="Booking closes at 5pm on",
        help_text="Candidates choose and change their time until then. For example, 27 3 2027",
        subject="the date booking closes",
    )

    def __init__(self, *args, runners: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["runner"].choices = [("", "Choose whose day it is"), *runners]
        for number in range(1, SLOTS + 1):
            optional = number > 1
            self.fields[f"slot_{number}_starts"] = TimeText(
                label=f"Slot {number} starts", required=False, subject=f"the start of slot {number}"
            )
            self.fields[f"slot_{number}_ends"] = TimeText(
                label=f"Slot {number} ends", required=False, subject=f"the end of slot {number}"
            )
            self.fields[f"slot_{number}_places"] = _places(number)
            self.fields[f"slot_{number}_places"].help_text = (
                "Leave blank if you need fewer slots." if optional else ""
            )

    def slot_rows(self) -> list[list]:
        """The slots' fields, a list a slot, for the template."""
        return [
            [self[f"slot_{n}_{part}"] for part in ("starts", "ends", "places")]
            for n in range(1, SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        # Rows with a box already in error are left to that error; the rest are checked.
        broken = {
            number
            for number in range(1, SLOTS + 1)
            if any(f"slot_{number}_{part}" in self.errors for part in SLOT_PARTS)
        }
        numbers, slots = self._numbered_slots(leave_out=broken)
        if slots or not broken:
            for number, problem in slot_problems(slots, numbers=numbers):
                self.add_error(f"slot_{number or 1}_starts", problem)
        return data

    def _numbered_slots(self, leave_out=frozenset()) -> tuple[list[int], list[tuple]]:
        """The slots filled in, and their numbers on the page; blank rows are left out."""
        numbers, slots = [], []
        for number in range(1, SLOTS + 1):
            if number in leave_out:
                continue
            row = tuple(self.cleaned_data.get(f"slot_{number}_{part}") for part in SLOT_PARTS)
            if any(value is not None for value in row):
                numbers.append(number)
                slots.append(row)
        return numbers, slots

    def slots(self) -> list[tuple]:
        return self._numbered_slots()[1]


class AttendanceForm(forms.Form):
    """Whether one booked candidate came, and why not."""

    attended = radio_field(
        "Did they come?",
        (("yes", "Yes, they came"), ("no", "No, they did not come")),
        "Select whether the candidate came",
    )
    reason = forms.CharField(
        label="Why did they not come?",
        required=False,
        help_text="Needed if they did not come. The candidate does not see this.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdjustmentAnswerForm(forms.Form):
    outcome = radio_field(
        "Can you make the adjustment?",
        AdjustmentOutcome.choices,
        "Select whether you can make the adjustment",
    )
    answer = forms.CharField(
        label="Your answer to the candidate",
        help_text="They read this and are emailed it. Say what will happen on the day.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your answer to the candidate"},
    )


class BookingForm(forms.Form):
    """The candidate's choice of a time, from the slots they can book now."""

    slot = radio_field(
        "Choose a day and time",
        [],
        "Choose a day and time",
        not_a_choice="Choose one of the days and times shown",
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {str(slot.pk): slot for slot in slots}
        self.fields["slot"].choices = [
            (
                pk,
                f"{slot.centre.day:%A} {govuk_date(slot.centre.day)}, {slot}, "
                f"at {slot.centre.venue}",
            )
            for pk, slot in self.slots.items()
        ]

    def chosen(self):
        return self.slots[self.cleaned_data["slot"]]


class AdjustmentAskForm(forms.Form):
    request = forms.CharField(
        label="What do you need?",
        help_text=(
            "For example, extra time for written exercises, a ground-floor room, breaks, or "
            "information in large print. Tell us what helps, not your diagnosis."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what you need to take part on equal terms"},
    )


class ScoresForm(forms.Form):
    """A score on the cohort's scale and what the assessor saw, for each criterion the
    exercise assesses. ``plain`` is the short page for service users and young people: the
    score and what they saw, in everyday words, without the behaviour boxes."""

    def __init__(self, *args, criteria, scale, plain: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria, self.plain = criteria, plain
        choices = [(point.score, f"{point.score}: {point.label}") for point in scale]
        for criterion in criteria:
            missing = f"Select a score for {criterion.name}"
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"How well did they show {criterion.name.lower()}?"
                if plain
                else f"Score for {criterion.name}",
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.definition,
                error_messages={"required": missing, "invalid_choice": missing},
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label="What did you see or hear?" if plain else f"Evidence for {criterion.name}",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Enter what you saw for {criterion.name}"},
            )
            if not plain:
                for name, label in (
                    ("effective", "Effective behaviours seen (optional)"),
                    ("less_effective", "Less effective behaviours seen (optional)"),
                ):
                    self.fields[f"{name}_{criterion.pk}"] = forms.CharField(
                        label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
                    )

    def groups(self):
        """Each criterion with its fields, for the template."""
        return [
            (
                criterion,
                [
                    self[f"{name}_{criterion.pk}"]
                    for name in ("score", "evidence", "effective", "less_effective")
                    if f"{name}_{criterion.pk}" in self.fields
                ],
            )
            for criterion in self.criteria
        ]

    def scores(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            criterion.pk: {
                "score": data[f"score_{criterion.pk}"],
                "evidence": data[f"evidence_{criterion.pk}"],
                "effective": data.get(f"effective_{criterion.pk}", ""),
                "less_effective": data.get(f"less_effective_{criterion.pk}", ""),
            }
            for criterion in self.criteria
        }


class ModerationForm(forms.Form):
    new_score = forms.TypedChoiceField(
        label="What should the score be?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the score it should be",
            "invalid_choice": "Select the score it should be",
        },
    )
    reason = forms.CharField(
        label="Why are you changing it?",
        help_text="Kept with the score, beside the assessor’s own.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are changing the score"},
    )

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_score"].choices = [(p.score, f"{p.score}: {p.label}") for p in scale]


class AssessorAddForm(forms.Form):
    person = forms.ChoiceField(
        label="Who?",
        error_messages={
            "required": "Select the person to add",
            "invalid_choice": "Select someone from the list",
        },
    )
    kind = radio_field(
        "What kind of assessor are they?",
        AssessorKind.choices,
        "Select what kind of assessor they are",
    )
    specialism = forms.CharField(
        label="Specialism (optional)",
        required=False,
        help_text="For example, child protection, fostering, or leaving care.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in people}
        self.fields["person"].choices = [("", "Choose a person")] + [
            (pk, f"{person.full_name or person.email} ({person.email})")
            for pk, person in self.people.items()
        ]

    def chosen(self) -> dict:
        return {
            "person": self.people[self.cleaned_data["person"]],
            "kind": self.cleaned_data["kind"],
            "specialism": self.cleaned_data["specialism"],
        }


class ObservationsForm(forms.Form):
    """For each of the day's exercises, the candidates an assessor observes (those they are
    conflicted with are not offered)."""

    def __init__(self, *args, exercises, invitations, conflicted: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.exercises = {exercise.pk: exercise for exercise in exercises}
        self.invitations = {str(i.pk): i for i in invitations if i.pk not in conflicted}
        choices = [
            (pk, f"Candidate {invitation.candidate_number}: {invitation.application.full_name}")
            for pk, invitation in self.invitations.items()
        ]
        for exercise in exercises:
            self.fields[f"exercise_{exercise.pk}"] = forms.MultipleChoiceField(
                label=exercise.name,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Assesses " + ", ".join(c.name for c in exercise.criteria.all()),
                error_messages={"invalid_choice": "Select candidates from the list"},
            )

    def plan(self) -> dict:
        return {
            exercise: [
                self.invitations[pk] for pk in self.cleaned_data.get(f"exercise_{exercise.pk}", [])
            ]
            for exercise in self.exercises.values()
        }


class ConflictForm(forms.Form):
    invitation = forms.ChoiceField(
        label="Which candidate do they know, or have a conflict of interest with?",
        error_messages={
            "required": "Select the candidate",
            "invalid_choice": "Select a candidate from the list",
        },
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = {str(i.pk): i for i in invitations}
        self.fields["invitation"].choices = [("", "Choose a candidate")] + [
            (pk, f"Candidate {i.candidate_number}: {i.application.full_name}")
            for pk, i in self.invitations.items()
        ]

    def chosen(self):
        return self.invitations[self.cleaned_data["invitation"]]


class TimeAndExpensesForm(forms.Form):
    hours = forms.IntegerField(
        label="Hours",
        min_value=0,
        max_value=16,
        error_messages={
            "required": "Enter the hours you gave, like 6",
            "invalid": "Enter the hours as a number, like 6",
            "min_value": "Enter the hours you gave, between 0 and 16",
            "max_value": "Enter the hours you gave, between 0 and 16",
        },
    )
    minutes = forms.IntegerField(
        label="Minutes",
        min_value=0,
        max_value=59,
        required=False,
        error_messages={
            "invalid": "Enter the minutes as a number, like 30",
            "min_value": "Enter the minutes, between 0 and 59",
            "max_value": "Enter the minutes, between 0 and 59",
        },
    )
    travel_pence = PoundsField(
        label="Travel (optional)",
        required=False,
        help_text="Bus, train or taxi fares, or parking. Keep your tickets and receipts.",
    )
    other_pence = PoundsField(
        label="Other costs (optional)", required=False, help_text="For example, lunch or childcare"
    )
    other_detail = forms.CharField(label="What were the other costs for?", required=False)

    @classmethod
    def initial_for(cls, record) -> dict:
        if record is None:
            return {}
        hours, minutes = divmod(record.minutes, 60)
        return {
            "hours": hours,
            "minutes": minutes,
            "travel_pence": record.travel_pence,
            "other_pence": record.other_pence,
            "other_detail": record.other_detail,
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "minutes": data["hours"] * 60 + (data["minutes"] or 0),
            "travel_pence": data["travel_pence"] or 0,
            "other_pence": data["other_pence"] or 0,
            "other_detail": data["other_detail"],
        }


class TimetableForm(forms.Form):
    """A start and an end time for each of the day's exercises; both blank leaves it off."""

    def __init__(self, *args, exercises, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercises = list(exercises)
        for exercise in self.exercises:
            for part, word in (("starts", "start"), ("ends", "end")):
                self.fields[f"exercise_{exercise.pk}_{part}"] = TimeText(
                    label=f"{exercise.name} {word}s",
                    required=False,
                    subject=f"the {word} of {exercise.name}",
                )

    @classmethod
    def initial_for(cls, items) -> dict:
        initial = {}
        for item in items:
            initial[f"exercise_{item.exercise_id}_starts"] = item.starts_at.strftime("%H:%M")
            initial[f"exercise_{item.exercise_id}_ends"] = item.ends_at.strftime("%H:%M")
        return initial

    def rows(self) -> list:
        return [
            (
                exercise,
                self[f"exercise_{exercise.pk}_starts"],
                self[f"exercise_{exercise.pk}_ends"],
            )
            for exercise in self.exercises
        ]

    def times(self) -> dict:
        return {
            exercise: (
                self.cleaned_data.get(f"exercise_{exercise.pk}_starts"),
                self.cleaned_data.get(f"exercise_{exercise.pk}_ends"),
            )
            for exercise in self.exercises
        }


class BookingGiveForm(forms.Form):
    """A time on this day given to an invited candidate by whoever runs it."""

    invitation = forms.ChoiceField(
        label="Which candidate?",
        error_messages={
            "required": "Select the candidate",
            "invalid_choice": "Select a candidate from the list",
        },
    )
    slot = radio_field(
        "Which time?", [], "Select the time", not_a_choice="Select one of the times shown"
    )

    def __init__(self, *args, invitations, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = {str(i.pk): i for i in invitations}
        self.slots = {str(slot.pk): slot for slot in slots}
        self.fields["invitation"].choices = [("", "Choose a candidate")] + [
            (
                pk,
                f"{i.application.full_name} ({i.application.reference})"
                + (f": booked at {i.centre}" if i.centre_id else ": not booked yet"),
            )
            for pk, i in self.invitations.items()
        ]
        self.fields["slot"].choices = [
            (pk, f"{slot}: {slot.free} place{'' if slot.free == 1 else 's'} left")
            for pk, slot in self.slots.items()
        ]

    def chosen(self) -> dict:
        invitation = self.invitations[self.cleaned_data["invitation"]]
        return {
            "application": invitation.application,
            "slot": self.slots[self.cleaned_data["slot"]],
        }
