"""Tasks that misbehave on purpose, for the pool's tests: the worker imports this module to
run them, as it imports the batch's own tasks."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Act:
    """``what``: "pid" (return the worker's pid), "die" (SIGKILL itself), "segfault", "hang",
    "raise", "grow" (hold ``size`` bytes, then return the pid), "nice" (return its niceness)."""

    what: str
    size: int = 0
    root: str = ""

    def run(self) -> object:
        if self.what == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if self.what == "segfault":
            import ctypes

            ctypes.string_at(0)
        if self.what == "hang":
            time.sleep(3600)
        if self.what == "raise":
            raise ValueError("a page this worker cannot read")
        if self.what == "nice":
            return os.nice(0)
        if self.what == "grow":
            held = bytearray(self.size)
            held[::4096] = b"x" * len(held[::4096])
        return os.getpid()
