"""Every write of the grants app; split by sub-domain (cycles, committee, applications, awards)."""

from .applications import *  # noqa: F403
from .awards import *  # noqa: F403
from .committee import *  # noqa: F403
from .cycles import *  # noqa: F403
