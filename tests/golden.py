#!/usr/bin/env python3
"""Runs one golden test of mgo and says whether it passed.

    golden.py --mgo PATH run    tests/run/NAME.mgo
    golden.py --mgo PATH errors tests/errors/NAME.mgo
    golden.py --mgo PATH crash  tests/crash/NAME.mgo

run:    stdout must equal NAME.out and the exit status must be 0. NAME.in, if
        present, is fed on stdin; NAME.args holds extra arguments, one a line.
errors: `mgo check` must exit 1, and report an error on exactly the lines
        marked `// ERROR "regexp"`, its message matching the regexp (Go's
        test/ convention). Several regexps on one line: `// ERROR "a" "b"`
        means the line's message matches either.
crash:  the exit status must equal NAME.status, stderr must begin with the
        lines of NAME.err ($FILE in them stands for the program's path, $N
        for any number: a goroutine id that depends on which goroutine lost
        a race), and stdout must equal NAME.out when it exists.

Exit status 0 when the test passes, 1 when it fails (with a diff on stdout).
"""
import argparse
import difflib
import os
import re
import subprocess
import sys

# A hang fails either way; the margin is for sanitizer builds of the big
# tests (100,000 goroutines: ~25 s under ASan on a loaded 2-core machine).
TIMEOUT_S = 120


def sidecar(prog, ext):
    path = prog[: -len(".mgo")] + ext
    return path if os.path.exists(path) else None


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def run_mgo(mgo, args, stdin_path=None):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        p = subprocess.run([mgo] + args, stdin=stdin, capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None
    finally:
        if stdin_path:
            stdin.close()
    return p


def show_diff(what, want, got):
    print(f"--- {what} differs (want vs got):")
    for line in difflib.unified_diff(want.splitlines(), got.splitlines(), "want", "got", lineterm=""):
        print(line)


def check_run(mgo, prog):
    args = ["run", prog]
    args_file = sidecar(prog, ".args")
    if args_file:
        args += read(args_file).splitlines()
    p = run_mgo(mgo, args, sidecar(prog, ".in"))
    if p is None:
        print(f"timeout after {TIMEOUT_S}s")
        return False
    got = p.stdout.decode("utf-8", "replace")
    want = read(sidecar(prog, ".out") or os.devnull)
    ok = True
    if got != want:
        show_diff("stdout", want, got)
        ok = False
    if p.returncode != 0:
        print(f"exit status {p.returncode}, want 0")
        ok = False
    if not ok:
        print("--- stderr:\n" + p.stderr.decode("utf-8", "replace"))
    return ok


ERROR_RE = re.compile(r'//\s*ERROR\s+((?:"(?:[^"\\]|\\.)*"\s*)+)')
REGEXP_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')
# The column is left out when it does not fit in cmd/compile's 8 bits (>= 255).
DIAG_RE = re.compile(r"^(.*?):(\d+)(?::(\d+))?: (.*)$")


def expected_errors(prog):
    want = {}
    for lineno, line in enumerate(read(prog).splitlines(), 1):
        m = ERROR_RE.search(line)
        if m:
            # The regexps are written as in Go's test/ files: inside a
            # double-quoted string, where only \" needs unescaping.
            want[lineno] = [r.replace('\\"', '"') for r in REGEXP_RE.findall(m.group(1))]
    return want


def check_errors(mgo, prog):
    p = run_mgo(mgo, ["check", prog])
    if p is None:
        print(f"timeout after {TIMEOUT_S}s")
        return False
    stderr = p.stderr.decode("utf-8", "replace")
    got = {}
    for line in stderr.splitlines():
        m = DIAG_RE.match(line)
        if m and not line.startswith("\t"):
            got.setdefault(int(m.group(2)), []).append(m.group(4))
    want = expected_errors(prog)
    ok = p.returncode == 1
    if not ok:
        print(f"exit status {p.returncode}, want 1")
    for lineno, regexps in sorted(want.items()):
        msgs = got.get(lineno, [])
        if not any(re.search(r, msg) for r in regexps for msg in msgs):
            print(f"line {lineno}: want an error matching {regexps}, got {msgs or 'none'}")
            ok = False
    for lineno in sorted(set(got) - set(want)):
        if "too many errors" not in got[lineno][0]:
            print(f"line {lineno}: unexpected error {got[lineno]}")
            ok = False
    if not ok:
        print("--- stderr:\n" + stderr)
    return ok


def line_matches(want, got):
    if "$N" not in want:
        return want == got
    return re.fullmatch(r"\d+".join(re.escape(part) for part in want.split("$N")), got) is not None


def check_crash(mgo, prog):
    p = run_mgo(mgo, ["run", prog], sidecar(prog, ".in"))
    if p is None:
        print(f"timeout after {TIMEOUT_S}s")
        return False
    stderr = p.stderr.decode("utf-8", "replace")
    ok = True
    status_file = sidecar(prog, ".status")
    want_status = int(read(status_file).strip()) if status_file else 2
    if p.returncode != want_status:
        print(f"exit status {p.returncode}, want {want_status}")
        ok = False
    err_file = sidecar(prog, ".err")
    if err_file:
        want_lines = read(err_file).replace("$FILE", prog).rstrip("\n").splitlines()
        got_lines = stderr.splitlines()[: len(want_lines)]
        if not all(line_matches(w, g) for w, g in zip(want_lines, got_lines)) or len(got_lines) < len(want_lines):
            show_diff("stderr prefix", "\n".join(want_lines), "\n".join(got_lines))
            ok = False
    out_file = sidecar(prog, ".out")
    if out_file:
        got = p.stdout.decode("utf-8", "replace")
        want = read(out_file)
        if got != want:
            show_diff("stdout", want, got)
            ok = False
    if not ok:
        print("--- stderr:\n" + stderr)
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mgo", required=True, help="path to the mgo binary")
    ap.add_argument("kind", choices=["run", "errors", "crash"])
    ap.add_argument("prog", help="the .mgo test program")
    a = ap.parse_args()
    check = {"run": check_run, "errors": check_errors, "crash": check_crash}[a.kind]
    return 0 if check(os.path.abspath(a.mgo), a.prog) else 1


if __name__ == "__main__":
    sys.exit(main())
