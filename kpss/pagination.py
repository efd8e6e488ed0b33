"""A paginator for searches: a page's rows and the count of everything found in one query."""

from django.core.paginator import Paginator
from django.db.models import IntegerField, Subquery

MATCHING = "matching_count"


class CountOf(Subquery):
    """The number of rows of a queryset, as a scalar subquery the database runs once per query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


class CountingPaginator(Paginator):
    """Reads a page's rows with the count of all matching rows alongside, where Django's paginator
    runs a count first and then the rows: one query, planned once.

    The search picks the keys of the page's rows (`WHERE pk IN (… LIMIT n)`), and only those rows
    are read in full and joined with what `shown_as` adds (select_related): joined before the
    LIMIT, the database would join every match (a hash join over the whole table of providers).
    The count is a subquery rather than COUNT(*) OVER (): a window makes the database read every
    matching row in the page's order, where the subquery counts them the cheapest way it knows and
    the page stops after its rows. A list whose `count` is known some cheaper way (a whole table)
    passes it, and its pages are read as Django reads them. A page past the last one falls back to
    a count and the last page, as Paginator.get_page does."""

    def __init__(self, matches, per_page, *, count=None, shown_as=None, **kwargs):
        self.matches = matches
        self.shown_as = shown_as or (lambda rows: rows)
        super().__init__(self.shown_as(matches), per_page, **kwargs)
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
        matches = self.matches
        ordering = matches.query.order_by or matches.model._meta.ordering
        page_keys = matches.order_by(*ordering).values("pk")[bottom:bottom + self.per_page]
        rows = self.shown_as(matches.model._default_manager.filter(pk__in=page_keys).order_by(*ordering))
        rows = list(rows.annotate(**{MATCHING: CountOf(matches.order_by().values("pk"))}))
        if rows or number == 1:
            self.count = getattr(rows[0], MATCHING) if rows else 0
            return self._get_page(rows, number, self)
        return super().get_page(number)
