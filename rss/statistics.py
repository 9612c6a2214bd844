"""Interval for the share of clients whose reintegration improved: pure functions over Decimal.

The 95% interval is Wilson's score interval (Wilson 1927), not the normal (Wald) approximation:
it stays inside [0, 1] and keeps its coverage for the small groups a hub or a sex-by-hub cell holds,
where Wald's interval collapses to a point at 0 or n successes.
"""

from dataclasses import dataclass
from decimal import Decimal

Z95 = Decimal("1.959963984540054")
PLACES = Decimal("0.0000000001")


@dataclass(frozen=True)
class Share:
    improved: int
    n: int
    share: Decimal | None
    low: Decimal | None
    high: Decimal | None


def wilson(improved: int, n: int, z: Decimal = Z95) -> Share:
    """Share ``improved / n`` with Wilson's score interval."""
    if n <= 0:
        return Share(improved, n, None, None, None)
    p = Decimal(improved) / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * ((p * (1 - p) / n + z2 / (4 * n * n)).sqrt()) / denominator
    low, high = (centre - half).quantize(PLACES), (centre + half).quantize(PLACES)
    return Share(improved, n, p, max(Decimal(0), low), min(Decimal(1), high))
