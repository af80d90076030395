#!/usr/bin/env bash
# bench/conc/run.sh — goroutines and channels (issue 4): run the programs of
# bench/conc/ under Go, yaegi and mgo, compare their outputs with Go's and
# print three markdown tables (also written to bench/conc/results.md):
# times of the channel and goroutine programs, memory per parked goroutine,
# and the fib speed-up from 1 to 2 P's.
#
# Usage: bench/conc/run.sh [--mgo PATH] [--only NAME[,NAME...]] [--runs N]
#                          [--skip IMPL[,IMPL...]] [--timeout SECONDS]
#                          [--out FILE]
#
#   --mgo PATH     the mgo binary (default: build/mgo under the repo root);
#                  if it does not exist the mgo column shows n/a
#   --only NAMES   run only these programs (comma-separated, from:
#                  pingpong buffered fanin sieve spawn parked fib)
#   --runs N       run every measurement N times and keep the best time.
#                  Default: 1 run, plus 2 more when the first took < 5 s
#   --skip IMPLS   leave out yaegi and/or mgo (Go always runs: it is the
#                  reference output)
#   --timeout S    per-run time limit in seconds (default 300)
#   --out FILE     where to write the tables (default bench/conc/results.md;
#                  "-" for stdout only)
#
# The programs run with the environment's GOMAXPROCS (unset: every
# implementation uses the number of CPUs), except fib, which runs once with
# GOMAXPROCS=1 and once with GOMAXPROCS=2. With parked or fib, empty.go
# runs too: the footprint parked's memory and the start-up fib's speed-up
# are measured against. Time is wall-clock (best of the runs) around the
# process, start-up included, and cpu is user + system seconds of that run
# (both to the microsecond, bench/rusage.c; the tables round them, the
# ratios use them whole); RSS is the peak resident set over the runs.
# With fib, bench/conc/fib_pthreads.c runs too: the same four tasks on one
# and two POSIX threads, with fib(33) so that they take about as long as
# mgo's fib(27). Its speed-up is the machine's own ceiling in this run.
# Go's programs are built once with `go build` and the binary is timed.
# A time followed by "!" means the program's stdout differed from Go's (the
# outputs are kept in bench/conc/out/).
set -u

CONC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_DIR=$(cd "$CONC_DIR/.." && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
TIMED="pingpong buffered fanin sieve spawn"   # the targets on time apply to these
ALL_PROGRAMS="$TIMED parked fib"

MGO=$ROOT/build/mgo
ONLY=""
RUNS=""
SKIP=""
TIMEOUT=300
OUT_FILE=$CONC_DIR/results.md
YAEGI=yaegi
ADAPTIVE_LIMIT=5

# The targets (issue 4).
MAX_MGO_OVER_GO=2      # mgo time / Go time, each timed program
MIN_YAEGI_OVER_MGO=3   # yaegi time / mgo time, each timed program
MAX_KIB_PARKED=6       # KiB per parked goroutine
MIN_SPEEDUP=1.8        # fib: time at 1 P / time at 2 P's

usage() { sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"   # parse_args, measure, fmt_time, fmt_rss, is_num, ratio
parse_args "$@"

PROGRAMS=$ALL_PROGRAMS
if [ -n "$ONLY" ]; then
  PROGRAMS=${ONLY//,/ }
  for p in $PROGRAMS; do
    if [[ " $ALL_PROGRAMS " != *" $p "* ]]; then
      echo "run.sh: no such program: $p (have: $ALL_PROGRAMS)" >&2; exit 2
    fi
  done
fi
selected() { [[ " $PROGRAMS " == *" $1 "* ]]; }
skipped() { [[ ",$SKIP," == *",$1,"* ]]; }

for tool in cc go awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is required" >&2; exit 2; }
done

have_yaegi=1; command -v "$YAEGI" >/dev/null 2>&1 || have_yaegi=0
have_mgo=1; [ -x "$MGO" ] || have_mgo=0

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mgo-bench-conc.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
OUTS=$CONC_DIR/out
mkdir -p "$OUTS"


IMPLS="go yaegi mgo"
declare -A T C R   # [KEY,IMPL]: wall time, cpu time, peak RSS (KiB)
NOTES=()
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# run_one KEY SRC [VAR=value...]: KEY (a program, or fib.p1 ...) under every
# implementation, with those environment variables.
run_one() {
  local key=$1 src=$2 prog; shift 2
  prog=$(basename "$src" .go)
  echo "== $key" >&2
  for impl in $IMPLS; do
    M_TIME=n/a M_CPU="" M_RSS=""
    if [ "$impl" != go ] && skipped "$impl"; then
      M_TIME=skip
    else
      case $impl in
        go)
          if [ -x "$WORK/$prog.bin" ]; then measure go "$key" "$@" "$WORK/$prog.bin"
          else M_TIME=fail; fi ;;
        yaegi) [ $have_yaegi = 1 ] && measure yaegi "$key" "$@" "$YAEGI" run "$src" ;;
        mgo) [ $have_mgo = 1 ] && measure mgo "$key" "$@" "$MGO" run "$src" ;;
      esac
    fi
    T[$key,$impl]=$M_TIME; C[$key,$impl]=$M_CPU; R[$key,$impl]=$M_RSS
    if [ "$impl" != go ] && is_num "$M_TIME" && is_num "${T[$key,go]}" &&
       ! cmp -s "$OUTS/$key.$impl.out" "$OUTS/$key.go.out"; then
      T[$key,$impl]="$M_TIME!"
      NOTES+=("$key: $impl output differs from Go's (diff bench/conc/out/$key.go.out bench/conc/out/$key.$impl.out)")
    fi
    case $M_TIME in
      fail) NOTES+=("$key: $impl failed (see bench/conc/out/$key.$impl.err)") ;;
      timeout) NOTES+=("$key: $impl took longer than ${TIMEOUT} s") ;;
    esac
    echo "   $(printf '%-6s' "$impl") $(cell_t "${T[$key,$impl]}") s  cpu $(fmt_time "$M_CPU") s  ${M_RSS:-?} KiB" >&2
  done
}

# run_ceiling: fib_pthreads.c at 1 and 2 threads, as implementation "c".
CEILING_N=33
run_ceiling() {
  local p
  echo "== fib ceiling (C, fib($CEILING_N) on POSIX threads)" >&2
  if ! cc -O2 -pthread -o "$WORK/fib_pthreads" "$CONC_DIR/fib_pthreads.c" 2>"$OUTS/fib_pthreads.cc.err"; then
    NOTES+=("fib: fib_pthreads.c did not build (see bench/conc/out/fib_pthreads.cc.err)")
    return
  fi
  for p in 1 2; do
    measure c "fib.p$p" GOMAXPROCS=$p FIB_N=$CEILING_N "$WORK/fib_pthreads"
    T[fib.p$p,c]=$M_TIME; C[fib.p$p,c]=$M_CPU
    echo "   c      $(fmt_time "$M_TIME") s  cpu $(fmt_time "$M_CPU") s" >&2
  done
}

build_go() {  # build_go PROG: bench/conc/PROG.go -> $WORK/PROG.bin
  (cd "$WORK" && go build -o "$WORK/$1.bin" "$CONC_DIR/$1.go") 2>"$OUTS/$1.gobuild.err" ||
    NOTES+=("$1: go build failed (see bench/conc/out/$1.gobuild.err)")
}

# empty.go: the start-up and footprint that parked and fib are measured against.
if selected parked || selected fib; then
  build_go empty; run_one empty "$CONC_DIR/empty.go"
fi
for prog in $PROGRAMS; do
  case $prog in
    parked) build_go parked; run_one parked "$CONC_DIR/parked.go" ;;
    fib) build_go fib
         run_one fib.p1 "$CONC_DIR/fib.go" GOMAXPROCS=1
         run_one fib.p2 "$CONC_DIR/fib.go" GOMAXPROCS=2
         run_ceiling ;;
    *) build_go "$prog"; run_one "$prog" "$CONC_DIR/$prog.go" ;;
  esac
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

cell_cpu() { [ -n "$1" ] && fmt_time "$1"; }
cell_t() { local v=$1 bang=""; [[ "$v" == *! ]] && { bang="!"; v=${v%!}; }; printf '%s%s' "$(fmt_time "$v")" "$bang"; }
# check VALUE OP LIMIT: VALUE followed by ✓ or ✗; blank when VALUE is.
check() {
  [ -z "$1" ] && return
  if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? v <= l : v >= l) }'; then
    printf '%s ✓' "$1"
  else
    printf '**%s ✗**' "$1"
  fi
}

table_times() {
  echo "| program | Go s | Go cpu s | Go MiB | yaegi s | yaegi cpu s | yaegi MiB | mgo s | mgo cpu s | mgo MiB | mgo/Go (≤ $MAX_MGO_OVER_GO) | yaegi/mgo (≥ $MIN_YAEGI_OVER_MGO) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  local prog impl row m
  for prog in $TIMED; do
    selected "$prog" || continue
    row="| $prog"
    for impl in $IMPLS; do
      row="$row | $(cell_t "${T[$prog,$impl]}") | $(cell_cpu "${C[$prog,$impl]}") | $(fmt_rss "${R[$prog,$impl]}")"
    done
    m=${T[$prog,mgo]}  # a "!" (wrong output) leaves the ratios blank
    row="$row | $(check "$(ratio "$m" "${T[$prog,go]}")" '<=' $MAX_MGO_OVER_GO)"
    row="$row | $(check "$(ratio "${T[$prog,yaegi]}" "$m")" '>=' $MIN_YAEGI_OVER_MGO) |"
    echo "$row"
  done
}

# KiB per parked goroutine: (peak RSS of parked - peak RSS of empty) / N.
per_goroutine() {
  local n
  n=$(sed -n 's/^const goroutines = \([0-9]*\)$/\1/p' "$CONC_DIR/parked.go")
  if is_num "$1" && is_num "$2" && is_num "$3" && is_num "$4"; then
    awk -v a="$1" -v b="$2" -v n="$n" 'BEGIN { printf "%.2f", (a - b) / n }'
  fi
}

table_parked() {
  echo "| implementation | parked s | parked MiB | empty MiB | KiB per parked goroutine |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  local impl k
  for impl in $IMPLS; do
    k=$(per_goroutine "${R[parked,$impl]}" "${R[empty,$impl]}" "${T[parked,$impl]}" "${T[empty,$impl]}")
    [ "$impl" = mgo ] && k=$(check "$k" '<=' $MAX_KIB_PARKED)
    echo "| $impl | $(cell_t "${T[parked,$impl]}") | $(fmt_rss "${R[parked,$impl]}") | $(fmt_rss "${R[empty,$impl]}") | $k |"
  done
}

# net_speedup T1 T2 TEMPTY: (T1 - TEMPTY) / (T2 - TEMPTY), the speed-up of
# the part after start-up; blank unless all three are numbers.
net_speedup() {
  if is_num "$1" && is_num "$2" && is_num "$3"; then
    awk -v a="$1" -v b="$2" -v e="$3" 'BEGIN { if (b - e > 0) printf "%.2f", (a - e) / (b - e) }'
  fi
}

table_fib() {
  echo "| implementation | P=1 s | P=1 cpu s | P=2 s | P=2 cpu s | speed-up time(1)/time(2) (≥ $MIN_SPEEDUP) | empty.go s | speed-up net of start-up | cpu(2)/cpu(1) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  local impl s
  for impl in $IMPLS; do
    s=$(ratio "${T[fib.p1,$impl]}" "${T[fib.p2,$impl]}")
    [ "$impl" = mgo ] && s=$(check "$s" '>=' $MIN_SPEEDUP)
    echo "| $impl | $(cell_t "${T[fib.p1,$impl]}") | $(cell_cpu "${C[fib.p1,$impl]}") | $(cell_t "${T[fib.p2,$impl]}") | $(cell_cpu "${C[fib.p2,$impl]}") | $s | $(cell_t "${T[empty,$impl]}") | $(net_speedup "${T[fib.p1,$impl]}" "${T[fib.p2,$impl]}" "${T[empty,$impl]}") | $(ratio "${C[fib.p2,$impl]}" "${C[fib.p1,$impl]}") |"
  done
  if [ -n "${T[fib.p1,c]:-}" ]; then
    echo "| C threads, fib($CEILING_N): the machine's ceiling | $(cell_t "${T[fib.p1,c]}") | $(cell_cpu "${C[fib.p1,c]}") | $(cell_t "${T[fib.p2,c]}") | $(cell_cpu "${C[fib.p2,c]}") | $(ratio "${T[fib.p1,c]}" "${T[fib.p2,c]}") | | | $(ratio "${C[fib.p2,c]}" "${C[fib.p1,c]}") |"
  fi
}

version_line() {
  local gov yv mv
  gov=$(go version 2>/dev/null | awk '{print $3}')
  yv=$($YAEGI version 2>/dev/null | head -n 1)
  if [ $have_mgo = 1 ]; then
    mv="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
  else
    mv="n/a (no $MGO)"
  fi
  echo "Go ${gov:-?}, yaegi ${yv:-n/a}, mgo $mv"
}

{
  echo "# mgo goroutine and channel benchmarks"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: nproc $(nproc), $(uname -srm)$(awk -F': ' '/model name/ { print ", " $2; exit }' /proc/cpuinfo 2>/dev/null)"
  echo "- load average (1, 5, 15 min): $LOAD_BEFORE before, $LOAD_AFTER after"
  echo "- versions: $(version_line)"
  echo "- runs: ${RUNS:-"best of 3 when a run takes < ${ADAPTIVE_LIMIT} s, else 1"}; timeout ${TIMEOUT} s${SKIP:+; skipped: $SKIP}"
  echo "- GOMAXPROCS: ${GOMAXPROCS:-unset (the number of CPUs)}, except fib"
  echo "- times are wall-clock seconds (start-up included), cpu is user + system seconds, RSS is peak MiB; \`!\` = stdout differs from Go's"
  if selected pingpong || selected buffered || selected fanin || selected sieve || selected spawn; then
    echo
    table_times
  fi
  if selected parked; then
    echo
    table_parked
  fi
  if selected fib; then
    echo
    table_fib
  fi
  print_notes
} >"$WORK/results.md"
publish_results
