"""A pytest plugin loaded before Django is set up (``-p tests.local_debug`` in pytest.ini).

DEBUG defaults to False so that production without its settings refuses to start; the tests run
on a developer's machine or in CI, so they turn it on here unless the environment says otherwise
(pytest-django still runs each test with settings.DEBUG False, as Django's runner does).
"""

import os

os.environ.setdefault("DEBUG", "True")
