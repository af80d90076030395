#!/usr/bin/env bash
# bench/runtime/run.sh — mgo's native runtime beside Go's, scenario by
# scenario: runs mgo_runtime_bench (Google Benchmark, runtime_bench.cpp)
# and the Go twins (go/runtime_test.go, `go test -bench`), then the memory
# per parked goroutine on both sides, and prints one markdown table.
#
# Usage: bench/runtime/run.sh [--build DIR] [--count N] [--time SECONDS]
#                             [--filter REGEX] [--no-rss] [--big-rss]
#
#   --build DIR   the CMake build directory holding mgo_runtime_bench
#                 (default: build under the repo root; it is built there
#                 first)
#   --count N     runs of every benchmark on each side; the best is kept
#                 (default 3)
#   --time S      minimum time per run in seconds (default 0.5)
#   --filter RE   only the benchmarks whose name matches (both sides)
#   --no-rss      skip the memory measurement
#   --big-rss     also measure over 1,000,000 goroutines (about 4 GiB and
#                 20-30 s for mgo, 2.7 GiB for Go); default: 100,000 only
#
# Times are wall-clock ns per op (per round trip for ping-pong, per value
# for channel throughput, per select, per goroutine for spawn, per whole
# sieve for Sieve1000). ratio = mgo / Go: below 1 mgo is faster. target:
# the issue's goal for the row (ping-pong and spawn at least as fast as Go,
# the rest within 1.5x, at most 4.5 KiB per parked goroutine).
set -eu

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
BUILD=$ROOT/build
COUNT=3
TIME=0.5
FILTER=.
RSS=1
BIG_RSS=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --count) COUNT=$2; shift 2 ;;
    --time) TIME=$2; shift 2 ;;
    --filter) FILTER=$2; shift 2 ;;
    --no-rss) RSS=0; shift ;;
    --big-rss) BIG_RSS=1; shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

cmake --build "$BUILD" --target mgo_runtime_bench >&2
BIN=$BUILD/mgo_runtime_bench
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "mgo: $BIN" >&2
"$BIN" --benchmark_filter="$FILTER" --benchmark_repetitions="$COUNT" \
  --benchmark_min_time="$TIME" --benchmark_format=json >"$TMP/mgo.json"

echo "go: $(go version)" >&2
(cd "$BENCH_DIR/go" && go test -run '^$' -bench "$FILTER" -count "$COUNT" -benchtime "${TIME}s") >"$TMP/go.txt"

if [ "$RSS" = 1 ]; then
  (cd "$BENCH_DIR/go" && go build -o "$TMP/gorss" ./rss)
  sizes=100000
  [ "$BIG_RSS" = 1 ] && sizes="100000 1000000"
  for n in $sizes; do
    "$BIN" --rss="$n" >>"$TMP/mgo_rss.txt"
    "$TMP/gorss" -n "$n" >>"$TMP/go_rss.txt"
  done
fi

python3 - "$TMP" <<'EOF'
import json, os, re, sys
tmp = sys.argv[1]

mgo = {}
for b in json.load(open(os.path.join(tmp, "mgo.json")))["benchmarks"]:
    if b.get("run_type") == "aggregate":
        continue
    name = b["run_name"].removesuffix("/real_time")
    ns = b["real_time"]  # time_unit is ns
    mgo[name] = min(ns, mgo.get(name, ns))

go = {}
for line in open(os.path.join(tmp, "go.txt")):
    m = re.match(r"Benchmark(\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op", line)
    if m:
        ns = float(m.group(3))
        go[m.group(1)] = min(ns, go.get(m.group(1), ns))

def target(name):
    if name.startswith(("ChanPingPong", "Spawn")):
        return 1.0
    return 1.5

def fmt_ns(ns):
    if ns is None:
        return "—"
    if ns >= 1e6:
        return f"{ns / 1e6:.1f} ms"
    return f"{ns:.0f} ns" if ns >= 100 else f"{ns:.1f} ns"

print("| benchmark | P's | mgo | Go | mgo/Go | target |")
print("| --- | --- | --- | --- | --- | --- |")
for name in list(dict.fromkeys(list(mgo) + list(go))):
    bench, _, procs = name.partition("/P")
    m, g = mgo.get(name), go.get(name)
    if m is not None and g is not None:
        r = m / g
        t = target(name)
        ratio = f"{r:.2f}"
        goal = f"≤ {t:g} {'✓' if r <= t else '✗'}"
    else:
        ratio, goal = "—", "—"
    print(f"| {bench} | {procs} | {fmt_ns(m)} | {fmt_ns(g)} | {ratio} | {goal} |")

def rss(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r"rss (\d+) goroutines: .*: ([\d.]+) KiB per goroutine", line)
            if m:
                out[int(m.group(1))] = float(m.group(2))
    return out

mr, gr = rss(os.path.join(tmp, "mgo_rss.txt")), rss(os.path.join(tmp, "go_rss.txt"))
for n in sorted(set(mr) | set(gr)):
    m, g = mr.get(n), gr.get(n)
    goal = f"≤ 4.5 KiB {'✓' if m is not None and m <= 4.5 else '✗'}"
    print(f"| RSS per parked goroutine ({n:,}) | 1 | {m:.2f} KiB | {g:.2f} KiB | {m / g:.2f} | {goal} |")
EOF
