"""Benchmarks run with ``make bench``: timings are printed, and recorded in docs/performance.md.

They are not part of ``make test``: speed is measured here, not asserted in timed tests.
"""

import statistics
import time

import pytest


@pytest.fixture
def measure(capsys):
    """Runs a callable several times and prints the median and best wall-clock time."""

    def _measure(label: str, fn, *, rounds: int = 5):
        timings = []
        for _ in range(rounds):
            start = time.perf_counter()
            fn()
            timings.append(time.perf_counter() - start)
        with capsys.disabled():
            print(
                f"\n{label}: median {statistics.median(timings) * 1000:.1f} ms, "
                f"best {min(timings) * 1000:.1f} ms over {rounds} rounds"
            )
        return statistics.median(timings)

    return _measure
