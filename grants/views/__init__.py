from .applications import *  # noqa: F403
from .awards import *  # noqa: F403
from .committee import *  # noqa: F403
from .cycles import *  # noqa: F403
from .workshops import *  # noqa: F403
