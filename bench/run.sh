#!/usr/bin/env bash
# bench/run.sh — run the mgo benchmark programs under Go, yaegi, Lua 5.4,
# CPython 3 and mgo; compare their outputs with Go's; print a markdown table
# (also written to bench/results.md).
#
# Usage: bench/run.sh [--mgo PATH] [--only NAME[,NAME...]] [--runs N]
#                     [--skip IMPL[,IMPL...]] [--timeout SECONDS] [--out FILE]
#
#   --mgo PATH     the mgo binary (default: build/mgo under the repo root);
#                  if it does not exist the mgo column shows n/a
#   --only NAMES   run only these programs (comma-separated)
#   --runs N       run every measurement N times and keep the best time.
#                  Default: 1 run, plus 2 more when the first took < 5 s
#   --skip IMPLS   leave out some of: yaegi,lua,python,mgo (Go always runs:
#                  it is the reference output)
#   --timeout S    per-run time limit in seconds (default 300)
#   --out FILE     where to write the markdown table (default bench/results.md;
#                  "-" for stdout only)
#
# Time is wall-clock (best of the runs), measured around the process, so it
# includes start-up (bench/rusage.c). RSS is the peak resident set size
# over the runs, in MiB. For Go the binary is built once with `go build` (the build
# time is its own column) and the binary is timed.
# A time followed by "!" means the program's stdout differed from Go's
# (the outputs are kept in bench/out/).
set -u

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PROGRAMS_DIR=$BENCH_DIR/programs
ALL_PROGRAMS="fib loop nbody spectralnorm fannkuch binarytrees strbuild wordcount"

MGO=$ROOT/build/mgo
ONLY=""
RUNS=""
SKIP=""
TIMEOUT=300
OUT_FILE=$BENCH_DIR/results.md
PYTHON=/usr/bin/python3
LUA=lua5.4
YAEGI=yaegi
ADAPTIVE_LIMIT=5   # seconds: with no --runs, repeat measurements faster than this

usage() { sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"   # parse_args, measure, fmt_time, fmt_rss, is_num, ratio
parse_args "$@"

PROGRAMS=$ALL_PROGRAMS
if [ -n "$ONLY" ]; then
  PROGRAMS=${ONLY//,/ }
  for p in $PROGRAMS; do
    if [ ! -f "$PROGRAMS_DIR/$p.mgo" ]; then
      echo "run.sh: no such program: $p (have: $ALL_PROGRAMS)" >&2; exit 2
    fi
  done
fi

skipped() { [[ ",$SKIP," == *",$1,"* ]]; }

for tool in cc go awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is required" >&2; exit 2; }
done

have() { command -v "$1" >/dev/null 2>&1; }
have_yaegi=1; have "$YAEGI" || have_yaegi=0
have_lua=1; have "$LUA" || have_lua=0
have_python=1; [ -x "$PYTHON" ] || have_python=0
have_mgo=1; [ -x "$MGO" ] || have_mgo=0

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mgo-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
OUTS=$BENCH_DIR/out
mkdir -p "$OUTS"


IMPLS="yaegi lua python mgo"
declare -A T R
NOTES=()

for prog in $PROGRAMS; do
  src=$PROGRAMS_DIR/$prog.mgo
  gosrc=$WORK/$prog.go
  cp "$src" "$gosrc"
  echo "== $prog" >&2

  # Go: build once (timed separately), then time the binary.
  t0=$(now_ns)
  if (cd "$WORK" && go build -o "$WORK/$prog.bin" "$gosrc") 2>"$OUTS/$prog.gobuild.err"; then
    t1=$(now_ns)
    T[$prog,gobuild]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    measure go "$prog" "$WORK/$prog.bin"
    T[$prog,go]=$M_TIME; R[$prog,go]=$M_RSS
  else
    T[$prog,gobuild]=fail; T[$prog,go]=fail; R[$prog,go]=""
    NOTES+=("$prog: go build failed (see bench/out/$prog.gobuild.err)")
  fi
  echo "   go      ${T[$prog,go]} s (build ${T[$prog,gobuild]} s)" >&2

  for impl in $IMPLS; do
    if skipped "$impl"; then T[$prog,$impl]=skip; R[$prog,$impl]=""; continue; fi
    case $impl in
      yaegi)  [ $have_yaegi = 1 ] && measure yaegi "$prog" "$YAEGI" run "$gosrc" ;;
      lua)    [ $have_lua = 1 ] && measure lua "$prog" "$LUA" "$PROGRAMS_DIR/$prog.lua" ;;
      python) [ $have_python = 1 ] && measure python "$prog" "$PYTHON" "$PROGRAMS_DIR/$prog.py" ;;
      mgo)    [ $have_mgo = 1 ] && measure mgo "$prog" "$MGO" run "$src" ;;
    esac
    avail_var=have_$impl; avail=${!avail_var}
    if [ "$avail" != 1 ]; then M_TIME=n/a; M_RSS=""; fi
    T[$prog,$impl]=$M_TIME; R[$prog,$impl]=$M_RSS
    if is_num "$M_TIME" && is_num "${T[$prog,go]}" &&
       ! cmp -s "$OUTS/$prog.$impl.out" "$OUTS/$prog.go.out"; then
      T[$prog,$impl]="$M_TIME!"
      NOTES+=("$prog: $impl output differs from Go's (diff bench/out/$prog.go.out bench/out/$prog.$impl.out)")
    fi
    case $M_TIME in
      fail) NOTES+=("$prog: $impl failed (see bench/out/$prog.$impl.err)") ;;
      timeout) NOTES+=("$prog: $impl took longer than ${TIMEOUT} s") ;;
    esac
    echo "   $(printf '%-7s' "$impl") ${T[$prog,$impl]} s" >&2
  done
done

cell_t() { local v=$1 bang=""; [[ "$v" == *! ]] && { bang="!"; v=${v%!}; }; printf '%s%s' "$(fmt_time "$v")" "$bang"; }

table() {
  echo "| program | Go s | Go MiB | go build s | yaegi s | yaegi MiB | Lua s | Lua MiB | Python s | Python MiB | mgo s | mgo MiB | mgo/Lua | yaegi/mgo | Python/mgo |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for prog in $PROGRAMS; do
    local row; row="| $prog | $(cell_t "${T[$prog,go]}") | $(fmt_rss "${R[$prog,go]}") | $(fmt_time "${T[$prog,gobuild]}")"
    for impl in $IMPLS; do
      row="$row | $(cell_t "${T[$prog,$impl]}") | $(fmt_rss "${R[$prog,$impl]}")"
    done
    local m=${T[$prog,mgo]}  # a "!" (wrong output) leaves the ratios blank
    row="$row | $(ratio "$m" "${T[$prog,lua]}") | $(ratio "${T[$prog,yaegi]}" "$m") | $(ratio "${T[$prog,python]}" "$m") |"
    echo "$row"
  done
}

version_line() {
  local gov luav pyv yv mv
  gov=$(go version 2>/dev/null | awk '{print $3}')
  luav=$($LUA -v 2>/dev/null | awk '{print $2}')
  pyv=$($PYTHON --version 2>/dev/null | awk '{print $2}')
  yv=$($YAEGI version 2>/dev/null | head -n 1)
  if [ $have_mgo = 1 ]; then
    mv="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
  else
    mv="n/a (no $MGO)"
  fi
  echo "Go ${gov:-?}, yaegi ${yv:-n/a}, Lua ${luav:-n/a}, Python ${pyv:-n/a} ($PYTHON), mgo $mv"
}

{
  echo "# mgo benchmark results"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: nproc $(nproc), $(uname -srm)$(awk -F': ' '/model name/ { print ", " $2; exit }' /proc/cpuinfo 2>/dev/null)"
  echo "- versions: $(version_line)"
  echo "- runs: ${RUNS:-"best of 3 when a run takes < ${ADAPTIVE_LIMIT} s, else 1"}; timeout ${TIMEOUT} s${SKIP:+; skipped: $SKIP}"
  echo "- times are wall-clock seconds (start-up included), RSS is peak MiB; \`!\` = stdout differs from Go's"
  echo "- ratios: mgo/Lua (target < 1), yaegi/mgo (target >= 20), Python/mgo (target >= 3); blank when mgo is n/a, failed or printed a wrong result"
  echo
  table
  print_notes
} >"$WORK/results.md"
publish_results
