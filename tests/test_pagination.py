"""Pages of a long list: the ids-first paginator gives exactly the pages Django's would."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from stepup.applications.models import Application
from stepup.core.pagination import IdsFirstPaginator
from tests.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("per_page", "orphans"), [(4, 0), (5, 0), (4, 2), (30, 0)])
def test_every_page_holds_the_same_rows_in_the_same_order_as_djangos(per_page, orphans):
    cohort = CohortFactory()
    now = timezone.now()
    for n in range(23):
        # Ties on the first key, so the order depends on the second as well.
        ApplicationFactory(
            cohort=cohort, submitted_at=now - datetime.timedelta(days=n // 3), experiences=0
        )
    ordered = Application.objects.order_by("submitted_at", "id")
    ours = IdsFirstPaginator(ordered, per_page, orphans=orphans)
    djangos = Paginator(ordered, per_page, orphans=orphans)

    assert ours.num_pages == djangos.num_pages
    for number in djangos.page_range:
        page, expected = ours.page(number), djangos.page(number)
        assert [a.pk for a in page] == [a.pk for a in expected], number
        assert (page.start_index(), page.end_index()) == (
            expected.start_index(),
            expected.end_index(),
        )


def test_an_empty_list_has_one_empty_page():
    page = IdsFirstPaginator(Application.objects.order_by("id"), 50).get_page("7")

    assert page.number == 1 and list(page) == []


def test_pages_of_records_hold_the_same_rows_as_pages_of_models():
    cohort = CohortFactory()
    for _ in range(7):
        ApplicationFactory(cohort=cohort, submitted_at=timezone.now(), experiences=0)
    ordered = Application.objects.order_by("submitted_at", "id")
    records = IdsFirstPaginator(ordered.values("id", "reference"), 3)

    for number in (1, 2, 3):
        expected = Paginator(ordered, 3).page(number)
        assert [row["reference"] for row in records.page(number)] == [a.reference for a in expected]
