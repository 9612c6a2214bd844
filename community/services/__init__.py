"""Writes of the community pipeline; ``reference_load`` is the dashboard's reference-data hook."""

from .consultations import *  # noqa: F403
from .ideas import *  # noqa: F403
from .implementation import *  # noqa: F403
from .reference import reference_load  # noqa: F401
from .referrals import *  # noqa: F403
