"""What went wrong with an input, said once, in one line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class SkipInput(Exception):
    """Raised while reading an input that cannot be stored; the message says why."""


@dataclass(frozen=True)
class Problem:
    source: str  # file name, with a line/row when the problem is inside it
    message: str
    severity: Literal["skipped", "warning"] = "skipped"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
