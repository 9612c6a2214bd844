"""Append-only audit rows (full machinery merged from the audit work)."""

from contextlib import contextmanager


@contextmanager
def anonymising():
    """Inside this block, anonymisation may overwrite personal text in append-only audit rows."""
    yield
