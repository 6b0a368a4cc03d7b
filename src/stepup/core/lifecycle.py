"""Declarative lifecycles: each record's allowed status changes, in one table.

A ``Lifecycle`` lists transitions as data; services ask it whether a move is allowed for a
person, and views ask it which buttons to show. No status is changed anywhere else.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str  # button text, e.g. "Approve bid"
    roles: frozenset[str]
    needs_reason: bool = False
    scoped_roles: frozenset[str] = field(default_factory=frozenset)
    by_candidate: bool = False  # the record's own candidate may make this move
    by_system: bool = False  # made by the service itself (an automatic decision)


class Lifecycle:
    def __init__(self, name: str, transitions: Iterable[Transition]):
        self.name = name
        self.transitions = tuple(transitions)
        self._index = {(t.source, t.target): t for t in self.transitions}

    def get(self, source: str, target: str) -> Transition:
        try:
            return self._index[(source, target)]
        except KeyError:
            raise ValidationError(
                f"A {self.name} cannot move from {source.replace('_', ' ')} "
                f"to {target.replace('_', ' ')}"
            ) from None

    def available(self, source: str, user) -> list[Transition]:
        """Transitions out of ``source`` that this person's roles allow."""
        return [t for t in self.transitions if t.source == source and user.has_role(*t.roles)]

    def check(
        self, source: str, target: str, user, reason: str = "", *, is_candidate: bool = False
    ) -> Transition:
        """The transition, if this person may make it; ``user=None`` is the service itself.

        ``is_candidate`` says the person is the candidate the record belongs to: the caller
        knows the record, this table does not.
        """
        transition = self.get(source, target)
        if user is None:
            allowed = transition.by_system
        else:
            allowed = user.has_role(*transition.roles) or (transition.by_candidate and is_candidate)
        if not allowed:
            raise ValidationError("You cannot make this change")
        if transition.needs_reason and not reason.strip():
            raise ValidationError("Enter the reason for this decision")
        return transition
