"""`python -m flows.guard PID MODULE [ARG ...]`: run MODULE as `python -m MODULE ARG ...` would, and end it
(with every process of its group) when the process PID ends, even by SIGKILL.

pledgetrack starts a local Prefect API server for a run or for `serve` through this, in a session of its
own, so that no server outlives the command that needed it (pledgetrack.lifetime).
"""

from __future__ import annotations

import runpy
import sys

from pledgetrack.lifetime import end_group_with


def main(argv: list[str]) -> None:
    if len(argv) < 2 or not argv[0].isdigit():
        raise SystemExit("usage: python -m flows.guard PID MODULE [ARG ...]")
    end_group_with(int(argv[0]))
    module, *args = argv[1:]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
