"""Flood control: token buckets like Telegram's limits on sending and editing messages."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FloodLimits:
    """Bucket sizes and refill rates (tokens per second) of the sandbox's flood control.

    Defaults mirror Telegram's published guidance: about 30 messages per second overall,
    20 per minute in a group, and about one per second in a private chat (short bursts of
    answers to a person are tolerated, so that bucket holds 20).
    """

    enabled: bool = True
    global_capacity: float = 30.0
    global_refill: float = 30.0
    group_capacity: float = 20.0
    group_refill: float = 1 / 3
    private_capacity: float = 20.0
    private_refill: float = 1.0


@dataclass
class TokenBucket:
    """A token bucket on the monotonic clock."""

    capacity: float
    refill: float
    tokens: float = field(init=False)
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.capacity

    def wait_for(self, cost: float, now: float) -> float:
        """Refill up to ``now`` and return the seconds to wait before ``cost`` tokens are there."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.refill)
        self.stamp = now
        if self.tokens >= cost:
            return 0.0
        if self.refill <= 0:
            return math.inf
        return (cost - self.tokens) / self.refill


class FloodControl:
    """Per-bot flood control: one global bucket plus one bucket per chat."""

    def __init__(self, limits: FloodLimits) -> None:
        self.limits = limits
        self._global = TokenBucket(limits.global_capacity, limits.global_refill)
        self._chats: dict[int, TokenBucket] = {}

    def check(self, chat_id: int, group: bool, cost: int = 1) -> int:
        """Consume ``cost`` tokens, or return the retry_after seconds (>0) and consume nothing."""
        if not self.limits.enabled:
            return 0
        now = time.monotonic()
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if group:
                bucket = TokenBucket(self.limits.group_capacity, self.limits.group_refill)
            else:
                bucket = TokenBucket(self.limits.private_capacity, self.limits.private_refill)
            self._chats[chat_id] = bucket
        wait = max(self._global.wait_for(cost, now), bucket.wait_for(cost, now))
        if wait > 0:
            # Telegram always answers a whole number of seconds, at least one.
            return max(1, math.ceil(wait)) if math.isfinite(wait) else 3600
        self._global.tokens -= cost
        bucket.tokens -= cost
        return 0
