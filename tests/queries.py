"""Query-count helpers: a page must cost the same number of queries whatever the data size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, headers=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def assert_constant_queries(client, url: str, grow) -> int:
    """Count the queries of ``url``, call ``grow()`` to add data, and count again: equal."""
    before = queries_for(client, url)
    grow()
    after = queries_for(client, url)
    assert before == after, f"{url}: {before} queries before the data grew, {after} after"
    return after
