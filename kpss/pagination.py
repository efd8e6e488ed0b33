"""A paginator for searches: the keys of every match first, which gives the count, then the rows of
the page by their keys."""

from django.core.paginator import EmptyPage, Paginator

# A search finding more matches than this counts them apart and reads only its page's keys: the
# keys of a whole national catalogue would cost more than the count.
MAX_KEYS = 2000


class SearchPaginator(Paginator):
    """Pages of a search. Django's paginator counts the matches in one query and reads the page's
    rows in a second, each with the search's conditions: at national size, with trigram indexes
    and a join to the provider, the two took 6 ms. This reads the keys of all matches in the list's
    order (as cheap as the count: the database walks the same index entries, and the count is the
    number of keys), and then the page's rows by their keys, joined only for them: 3.5 ms.

    `shown_as(queryset)` turns the page's rows into what the page shows (the catalogue: values() of
    a card's fields, with what they join). A list whose count is known some cheaper way (a whole table) passes
    `count`, and its pages are read as Django reads them. A page past the last shows the last one,
    "0" or "abc" the first."""

    def __init__(self, matches, per_page, *, count=None, shown_as=None, **kwargs):
        self.shown_as = shown_as or (lambda rows: rows)
        super().__init__(matches, per_page, **kwargs)
        self.matches = matches
        if count is not None:
            self.count = count  # Paginator.count is a cached_property: this is its value now

    def get_page(self, number):
        try:
            number = max(1, int(number))
        except (TypeError, ValueError):
            number = 1
        if "count" in self.__dict__:
            self.object_list = self.shown_as(self.matches)
            return super().get_page(number)
        ordering = self.matches.query.order_by or self.matches.model._meta.ordering
        in_order = self.matches.order_by(*ordering)
        keys = list(in_order.values_list("pk", flat=True)[:MAX_KEYS + 1])
        all_keys_read = len(keys) <= MAX_KEYS
        self.count = len(keys) if all_keys_read else self.matches.count()
        number = self._existing(number)
        bottom = (number - 1) * self.per_page
        if all_keys_read:
            page_keys = keys[bottom:bottom + self.per_page]
        else:
            page_keys = list(in_order.values_list("pk", flat=True)[bottom:bottom + self.per_page])
        rows = self.matches.model._default_manager.filter(pk__in=page_keys).order_by(*ordering)
        return self._get_page(list(self.shown_as(rows)) if page_keys else [], number, self)

    def _existing(self, number):
        try:
            return self.validate_number(number)
        except EmptyPage:
            return self.num_pages
