"""Seeded misbehaviour for ``--incidents``: what a real platform sometimes does to an integration.

Off by default, so the simulator repeats exactly; with incidents on, the same seed gives the same
sequence of mishaps. Incidents draw from their own random stream so they never change order content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum


class ApiFault(Enum):
    SLOW = "slow"  # answer only after a few seconds
    HTTP_5XX = "http_5xx"  # a gateway error page instead of Keeta's envelope
    SERVER_CODE = "server_code"  # HTTP 200 with a 3150001xx code


@dataclass(frozen=True)
class IncidentRates:
    slow: float = 0.05
    http_5xx: float = 0.04
    server_code: float = 0.04
    lost_push: float = 0.10
    courier_cancel: float = 0.15
    slow_seconds: tuple[float, float] = (1.5, 4.0)


class Incidents:
    def __init__(self, enabled: bool, seed: int, rates: IncidentRates | None = None) -> None:
        self.enabled = enabled
        self.rates = rates or IncidentRates()
        self._rng = random.Random(f"keeta-incidents-{seed}")

    def api_fault(self) -> ApiFault | None:
        if not self.enabled:
            return None
        roll = self._rng.random()
        for fault, rate in (
            (ApiFault.SLOW, self.rates.slow),
            (ApiFault.HTTP_5XX, self.rates.http_5xx),
            (ApiFault.SERVER_CODE, self.rates.server_code),
        ):
            if roll < rate:
                return fault
            roll -= rate
        return None

    def slow_seconds(self) -> float:
        low, high = self.rates.slow_seconds
        return self._rng.uniform(low, high)

    def lose_push(self) -> bool:
        return self.enabled and self._rng.random() < self.rates.lost_push

    def courier_cancels(self) -> bool:
        return self.enabled and self._rng.random() < self.rates.courier_cancel
