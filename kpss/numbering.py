"""Numbers people quote, without gaps and without two rows sharing one: comments within their round
("7/012"), suggestions, and the resolutions and meetings the next apps number per group and year.

A number is the highest so far plus one, and a unique constraint on it guards the race: when two
creators take the same number at once, the later one fails the constraint and tries again with the
next. Numbers stay gap-free because numbered rows are never deleted (they are public record).
"""

from django.db import IntegrityError, models, transaction


def next_number(queryset, field="number"):
    """The number after the highest in `queryset` (the rows numbered in one sequence)."""
    return (queryset.aggregate(highest=models.Max(field))["highest"] or 0) + 1


def create_numbered(create, attempts=5):
    """Run `create()` (which takes `next_number` and saves) in a transaction, again when a concurrent
    creator took the same number; the unique constraint tells. Returns what `create` returned."""
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return create()
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    return None
