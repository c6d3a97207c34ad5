"""How a write that lost a race waits before it starts over: exponential backoff, full jitter.

Writers that collide and retry at once collide again; waiting a random time up to a bound that
doubles with every attempt spreads them out ("full jitter"), so that most of many concurrent
writers land within a few attempts instead of all running out of them together.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """`attempts` in all (the first included); waits bounded by `base` * 2**n, at most `cap`."""

    attempts: int = 12
    base_seconds: float = 0.005
    cap_seconds: float = 0.5

    def delay(self, failed_attempts: int, draw: random.Random | None = None) -> float:
        """Seconds to wait after `failed_attempts` (1 or more) attempts failed."""
        bound = min(self.cap_seconds, self.base_seconds * 2 ** (failed_attempts - 1))
        return (draw or _RANDOM).uniform(0, bound)


_RANDOM = random.Random()
DEFAULT_RETRY = RetryPolicy()
