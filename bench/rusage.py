#!/usr/bin/env python3
"""bench/rusage.py OUTFILE CMD [ARGS...]: run CMD, then write one line to
OUTFILE: its wall-clock, user and system seconds, to the microsecond (the
CPU times as the kernel counts them for CMD and the children it waited
for). Exits with CMD's exit status (128 + N if signal N killed it).

GNU time rounds the same numbers to 10 ms, too coarse for programs that
run 20-50 ms; and the wall clock here starts at the fork, so this
script's own start-up is not in it. Peak RSS is not reported: a child
forked from Python carries Python's resident set (~10 MiB) into its
ru_maxrss, which exec keeps; the runners take RSS from GNU time, run as
CMD (whose own fork is small)."""
import os
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: rusage.py OUTFILE CMD [ARGS...]")
    out, cmd = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        except OSError as e:
            print(f"rusage.py: {cmd[0]}: {e.strerror}", file=sys.stderr)
        os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    with open(out, "w") as f:
        f.write(f"{wall:.6f} {ru.ru_utime:.6f} {ru.ru_stime:.6f}\n")
    if os.WIFSIGNALED(status):
        sys.exit(128 + os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


if __name__ == "__main__":
    main()
