"""Long lists a page at a time, with the GOV.UK pagination component."""

from django.core.paginator import Page, Paginator


class IdsFirstPaginator(Paginator):
    """Finds a page's ids first, then loads just those rows (a "deferred join"), and reads a
    page in the second half of the list from its end.

    Skipping to page 800 of a queue means stepping over 40,000 rows: stepping over their ids
    can be done in an index alone, where stepping over whole rows reads each from the table;
    and from the far end, the last page steps over none. The object list must be a queryset
    ordered by a unique key; its rows may be models or ``values()`` records that hold ``id``.
    """

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids_in_order = self.object_list.values_list("pk", flat=True)
        if bottom > self.count - top:
            ids = list(ids_in_order.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(ids_in_order[bottom:top])
        found = {_key(row): row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)


def _key(row) -> int:
    return row["id"] if isinstance(row, dict) else row.pk


def govuk_pagination(request, page: Page) -> dict | None:
    """GOV.UK pagination for a page of a list, keeping the other query parameters."""
    if page.paginator.num_pages < 2:
        return None

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"

    params = {
        "items": [
            {"number": n, "href": href(n), "current": n == page.number}
            if n != "…"
            else {"ellipsis": True}
            for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ]
    }
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params
