#!/usr/bin/env bash
# bench/conc/scale.sh — the fib speed-up from 1 to 2 P's of the work alone:
# bench/conc/scale.go (fib.go's four goroutines, timed from inside) under Go
# and mgo, alternately, ROUNDS times each at GOMAXPROCS=1 and 2. Prints the
# best and the median work time of each and the speed-ups they give.
# fib.go's own speed-up (bench/conc/run.sh) includes the process's start-up
# and exit, which no second P shortens.
#
# bench/conc/fib_pthreads.c runs alongside: the same four tasks on one and
# two POSIX threads, the machine's own ceiling in the same minutes.
#
# Usage: bench/conc/scale.sh [ROUNDS] [GO_FIB_N] [C_FIB_N]
#   ROUNDS    rounds of the six runs (default 20)
#   GO_FIB_N  n for Go (default 31: about as long as mgo's fib(27))
#   C_FIB_N   n for C (default 33: about as long as mgo's fib(27))
set -u
CONC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$CONC_DIR/../.." && pwd)
MGO=${MGO:-$ROOT/build/mgo}
ROUNDS=${1:-20}
GO_N=${2:-31}
C_N=${3:-33}
command -v go >/dev/null || { echo "scale.sh: go is required" >&2; exit 2; }
[ -x "$MGO" ] || { echo "scale.sh: no mgo binary at $MGO" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mgo-scale.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && go build -o scale "$CONC_DIR/scale.go") || exit 2
cc -O2 -pthread -o "$WORK/fib_pthreads" "$CONC_DIR/fib_pthreads.c" || exit 2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

for _ in $(seq "$ROUNDS"); do
  for p in 1 2; do
    echo "go $p $(GOMAXPROCS=$p FIB_N=$GO_N "$WORK/scale")"
    echo "mgo $p $(GOMAXPROCS=$p FIB_N=27 "$MGO" run "$CONC_DIR/scale.go")"
    echo "c $p $(GOMAXPROCS=$p FIB_N=$C_N "$WORK/fib_pthreads" 2>&1 >/dev/null)"
  done
done >"$WORK/times"

# stats IMPL P: "best median" in ms
stats() {
  awk -v i="$1" -v p="$2" '$1 == i && $2 == p { print $3 / 1000 }' "$WORK/times" | sort -g |
    awk '{ v[NR] = $1 } END { printf "%.1f %.1f\n", v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "| implementation | P=1 best ms | P=1 median ms | P=2 best ms | P=2 median ms | speed-up best/best | speed-up median/median |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for impl in go mgo c; do
  read -r b1 m1 < <(stats "$impl" 1)
  read -r b2 m2 < <(stats "$impl" 2)
  awk -v i="$impl" -v b1="$b1" -v m1="$m1" -v b2="$b2" -v m2="$m2" \
    'BEGIN { printf "| %s | %s | %s | %s | %s | %.2f | %.2f |\n", i, b1, m1, b2, m2, b1 / b2, m1 / m2 }'
done
echo
echo "($ROUNDS rounds; Go computes fib($GO_N), mgo fib(27), C fib($C_N) on POSIX threads; load before: $LOAD_BEFORE)"
