"""Signals between apps of the same layer, which may not import each other
(docs/adr/0007-layers.md): the sender and the receiver both import only this."""

from django.dispatch import Signal

# A trainee left the programme (withdrew or was excluded): ``offer`` (their unconditional
# offer), ``left_on`` (a date), ``reason`` and ``actor`` (who recorded it). Funding starts
# the repayment due under the partnership's terms.
trainee_left = Signal()
