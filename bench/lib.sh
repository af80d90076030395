# bench/lib.sh — what the benchmark runners share (sourced by bench/run.sh
# and bench/conc/run.sh): their common options, timing a command, and
# formatting times, memory and ratios for the markdown tables.
#
# measure() reads these globals, which the runner sets:
#   RUNS            forced number of runs (empty: adaptive, see below)
#   ADAPTIVE_LIMIT  with no RUNS, one run, plus 2 more when it took less
#                   than this many seconds
#   TIMEOUT         per-run limit in seconds
#   OUTS            where stdout/stderr of each program are kept
#   WORK            a scratch directory

RUSAGE_SRC=${BASH_SOURCE[0]%/*}/rusage.c

# parse_args ARGS...: the options both runners take (their usage says
# what each means) into MGO ONLY RUNS SKIP TIMEOUT OUT_FILE, which the
# runner has set to its defaults; `usage` is the runner's.
parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --mgo) MGO=$2; shift 2 ;;
      --mgo=*) MGO=${1#*=}; shift ;;
      --only) ONLY=$2; shift 2 ;;
      --only=*) ONLY=${1#*=}; shift ;;
      --runs) RUNS=$2; shift 2 ;;
      --runs=*) RUNS=${1#*=}; shift ;;
      --skip) SKIP=$2; shift 2 ;;
      --skip=*) SKIP=${1#*=}; shift ;;
      --timeout) TIMEOUT=$2; shift 2 ;;
      --timeout=*) TIMEOUT=${1#*=}; shift ;;
      --out) OUT_FILE=$2; shift 2 ;;
      --out=*) OUT_FILE=${1#*=}; shift ;;
      -h|--help) usage; exit 0 ;;
      *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
  done

  case "$MGO" in /*) ;; *) MGO=$(pwd)/$MGO ;; esac
  if [ -n "$RUNS" ] && ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "run.sh: --runs wants a positive integer" >&2; exit 2
  fi
}

# print_notes: the runner's NOTES array as the list closing its tables.
print_notes() {
  if [ ${#NOTES[@]} -gt 0 ]; then
    echo
    echo "Notes:"
    echo
    for n in "${NOTES[@]}"; do echo "- $n"; done
  fi
}

# publish_results: shows $WORK/results.md and copies it to OUT_FILE
# (unless that is "-").
publish_results() {
  cat "$WORK/results.md"
  if [ "$OUT_FILE" != "-" ]; then
    cp "$WORK/results.md" "$OUT_FILE"
  fi
}

now_ns() { date +%s%N; }

# measure IMPL PROG [VAR=value...] CMD... : runs CMD (with those variables
# in its environment) and sets
#   M_TIME  the best wall-clock time in seconds, or fail / timeout
#   M_CPU   user + system seconds of that best run
# (both to the microsecond: ratios are taken before fmt_time rounds them for
# a table, so a 14 ms run does not carry a ±4% rounding error into them)
#   M_RSS   the peak resident set over the runs, in KiB (empty on failure)
# All three come from bench/rusage.c (built into $WORK on first use), which
# runs CMD itself: no other program's start-up is in the wall clock. The
# stdout of the best run goes to $OUTS/PROG.IMPL.out, its stderr to
# $OUTS/PROG.IMPL.err.
measure() {
  local impl=$1 prog=$2; shift 2
  local out=$OUTS/$prog.$impl.out err=$OUTS/$prog.$impl.err
  local tf=$WORK/rusage.txt rusage=$WORK/rusage
  local best="" cpu="" rss=0 n=${RUNS:-1} r=1 rc t kib u s
  M_TIME="" M_RSS="" M_CPU=""
  if [ ! -x "$rusage" ]; then
    cc -O2 -o "$rusage" "$RUSAGE_SRC" || { echo "run.sh: cannot build $RUSAGE_SRC" >&2; exit 2; }
  fi
  while [ "$r" -le "$n" ]; do
    "$rusage" "$tf" "$TIMEOUT" "$@" >"$WORK/stdout" 2>"$err"
    rc=$?
    if [ "$rc" -eq 124 ]; then M_TIME=timeout; M_RSS=""; return; fi
    if [ "$rc" -ne 0 ]; then
      echo "exit status $rc" >>"$err"
      cp "$WORK/stdout" "$out"
      M_TIME=fail; M_RSS=""; return
    fi
    read -r t u s kib <"$tf"
    [ "$kib" -gt "$rss" ] 2>/dev/null && rss=$kib
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.6f", u + s }')
      cp "$WORK/stdout" "$out"
    fi
    if [ -z "$RUNS" ] && [ "$r" -eq 1 ] &&
       awk -v a="$t" -v l="$ADAPTIVE_LIMIT" 'BEGIN { exit !(a < l) }'; then
      n=3
    fi
    r=$((r + 1))
  done
  M_TIME=$best
  M_CPU=$cpu
  M_RSS=$rss
}

fmt_time() {  # seconds -> "0.0123" / "0.123" / "12.3"; passes words through
  case "$1" in
    ''|fail|timeout|n/a|skip) printf '%s' "${1:-n/a}" ;;
    *) awk -v t="$1" 'BEGIN { if (t < 0.1) printf "%.4f", t; else if (t < 1) printf "%.3f", t; else if (t < 100) printf "%.2f", t; else printf "%.1f", t }' ;;
  esac
}
fmt_rss() {   # KiB -> MiB
  case "$1" in
    '') printf '' ;;
    *) awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' ;;
  esac
}
is_num() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; }
ratio() {     # a / b, blank unless both are numbers
  if is_num "$1" && is_num "$2"; then
    awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.001; r = a / b; if (r < 10) printf "%.2f", r; else printf "%.1f", r }'
  fi
}
