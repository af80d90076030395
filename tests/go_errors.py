#!/usr/bin/env python3
"""Checks tests/errors expectations against real Go (the oracle).

    tests/go_errors.py [--go GO] [FILTER...]

For every tests/errors/NAME.mgo (but unsupported_*, which are valid Go), copies
it to a module, runs `go build -gcflags=-e` (all errors, no limit of 10), and
checks what golden.py checks for mgo: every `// ERROR "regexp"` line gets an
error from Go whose message matches, and Go reports no error on other lines.
A message's continuation lines (Go 1.19 puts some causes on a new line after
a tab) are joined to it with "\\n\\t", as mgo keeps them. Exit status 1 if
any file disagrees with Go.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden import expected_errors  # noqa: E402

# The column is left out when it does not fit in cmd/compile's 8 bits (>= 255).
DIAG_RE = re.compile(r"^\./main\.go:(\d+)(?::(\d+))?: (.*)$")


def go_errors(go, prog, tmp):
    d = os.path.join(tmp, os.path.basename(prog)[: -len(".mgo")])
    os.makedirs(d, exist_ok=True)
    shutil.copy(prog, os.path.join(d, "main.go"))
    with open(os.path.join(d, "go.mod"), "w") as f:
        f.write("module m\n\ngo 1.19\n")
    p = subprocess.run([go, "build", "-gcflags=-e", "-o", os.devnull, "."], cwd=d,
                       capture_output=True, text=True, timeout=120)
    got = {}
    last = None
    for line in p.stderr.splitlines():
        m = DIAG_RE.match(line)
        if m:
            last = [int(m.group(1)), m.group(3)]
            got.setdefault(last[0], []).append(last)
        elif line.startswith("\t") and last is not None:
            last[1] += "\n" + line
    return p.returncode, {ln: [m for _, m in msgs] for ln, msgs in got.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--go", default="go")
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    errdir = os.path.join(here, "errors")
    failed = []
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(errdir)):
            if not name.endswith(".mgo") or name.startswith("unsupported_"):
                continue
            if args.filters and not any(f in name for f in args.filters):
                continue
            n += 1
            prog = os.path.join(errdir, name)
            rc, got = go_errors(args.go, prog, tmp)
            want = expected_errors(prog)
            problems = []
            if rc == 0:
                problems.append("go build succeeded")
            for ln, regexps in sorted(want.items()):
                msgs = got.get(ln, [])
                if not any(re.search(r, m) for r in regexps for m in msgs):
                    problems.append(f"line {ln}: want {regexps}, Go says {msgs or 'nothing'}")
            for ln in sorted(set(got) - set(want)):
                problems.append(f"line {ln}: Go also reports {got[ln]}")
            if problems:
                failed.append(name)
                print(f"--- {name}")
                for p in problems:
                    print("  " + p)
    print(f"{n} files, {len(failed)} disagree with Go")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
