"""Pagination that costs the same at 1,000 and at 100,000 rows.

A list is counted only up to a cap (``COUNT(*)`` over ``LIMIT cap + 1``), so neither the count nor
the deepest page grows with the table: past the cap the list says "more than N" and asks for a
filter, which is how people find a record among thousands anyway.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

LIST_PAGE_SIZE = 25
LIST_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page: int = LIST_PAGE_SIZE, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap if cap is not None else LIST_COUNT_CAP

    @cached_property
    def _bounded_count(self) -> int:
        # Counted without the list's order: any cap + 1 rows will do, so the database stops after
        # them instead of first ordering every row (a sort, or a walk of the order's index that
        # filters rows out one by one).
        rows = self.object_list.order_by() if hasattr(self.object_list, "order_by") else self.object_list
        return rows[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @property
    def capped(self) -> bool:
        """True when there are more rows than the cap (the count shown is then "more than cap")."""
        return self._bounded_count > self.cap
