"""A paginator for searches: a page's rows and the count of everything found in one query."""

from django.core.paginator import Paginator
from django.db.models import Count, Window

MATCHING = "matching_count"


class CountingPaginator(Paginator):
    """Reads a page's rows with the count of all matching rows alongside (COUNT(*) OVER ()), where
    Django's paginator runs a count first and then the rows: the same work in one query.

    The window makes the database read every matching row, which suits a search; for a list of a
    whole table, pass its `count` (known some cheaper way) and pages are read as Django reads them.
    A page past the last one falls back to a count and the last page, as Paginator.get_page does."""

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.count = count  # Paginator.count is a cached_property: this is its value now

    def get_page(self, number):
        try:
            number = max(1, int(number))  # "0" or "abc": the first page (Django's would give the last for "0")
        except (TypeError, ValueError):
            number = 1
        if "count" in self.__dict__:
            return super().get_page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list.annotate(**{MATCHING: Window(Count("*"))})[bottom:bottom + self.per_page])
        if rows or number == 1:
            self.count = getattr(rows[0], MATCHING) if rows else 0
            return self._get_page(rows, number, self)
        return super().get_page(number)
