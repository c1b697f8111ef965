"""The peak resident memory the memory probes print (standard library only, so the bare
baseline stays as light as it was)."""

import resource
from pathlib import Path


def peak_kib() -> int:
    """The process's peak resident memory. Linux: VmHWM, since ``ru_maxrss`` survives exec and
    would report the parent's (the suite's) peak when that is higher."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
