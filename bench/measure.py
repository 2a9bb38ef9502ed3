"""Run one command and report its wall time and peak memory as one line of JSON.

    python bench/measure.py OUTPUT_FILE COMMAND [ARGS...]

The command's standard output goes to OUTPUT_FILE (`-` for nowhere) and its standard error is
kept for the report. `bench/run.py` starts this wrapper once per measurement:
`getrusage(RUSAGE_CHILDREN)` reports the largest peak of all the children a process has waited
for, so each measurement needs its own parent for the figure to belong to that one command.
Wall time is measured here, around the child only, so the wrapper's own start-up is not counted.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    """Run argv[1:] with stdout to argv[0]; print wall and CPU seconds, peak RSS and exit code."""
    output, command = argv[0], argv[1:]
    target = subprocess.DEVNULL if output == "-" else open(output, "wb")  # noqa: SIM115
    try:
        start = time.perf_counter()
        child = subprocess.run(command, stdout=target, stderr=subprocess.PIPE, check=False)
        seconds = time.perf_counter() - start
    finally:
        if target is not subprocess.DEVNULL:
            target.close()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "seconds": seconds,
                # CPU time (user + system) is less disturbed than wall time by other work on
                # the machine; reported alongside it to judge how noisy a run was.
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "max_rss_kib": usage.ru_maxrss,  # KiB on Linux
                "returncode": child.returncode,
                "stderr": child.stderr.decode("utf-8", "replace")[-2000:],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
