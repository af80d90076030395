#!/usr/bin/env bash
# Compare tests/run/*.mgo expectations against real Go and/or mgo.
#
# Usage: tests/go_compare.sh [--update] [--mgo PATH] [--no-go] [FILTER...]
#   (default)    run every tests/run/*.mgo with real Go, diff stdout vs NAME.out
#   --update     rewrite NAME.out from real Go output (never for go121_/go122_)
#   --mgo PATH   also run "PATH run file.mgo" and compare to NAME.out
#   --no-go      skip real Go (use with --mgo to check only mgo)
#   FILTER       only tests whose name contains one of these substrings
# NAME.in is fed on stdin when present; NAME.args holds one argument per line.
# NAME.procs (the GOMAXPROCS counts ctest runs it with): Go and mgo run at the
# first of them, since the output must not depend on which.
# go121_* tests need Go >= 1.21 and go122_* need Go >= 1.22; they are skipped
# for Go when the installed Go is older (their .out files are hand-written).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
rundir="$here/run"
update=0; mgo=""; use_go=1; filters=()
while [ $# -gt 0 ]; do
  case "$1" in
    --update) update=1 ;;
    --mgo) shift; mgo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;;
    --no-go) use_go=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) filters+=("$1") ;;
  esac
  shift
done

GO="${GO:-go}"
gominor=0
if [ $use_go = 1 ]; then
  if ! command -v "$GO" >/dev/null 2>&1; then echo "go not found; use --no-go" >&2; exit 2; fi
  v="$("$GO" version | sed -n 's/.*go1\.\([0-9][0-9]*\).*/\1/p')"
  gominor="${v:-0}"
fi

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; skip=0; failed=()

run_prog() { # $1 = command..., stdin from .in, args from .args ; output to $out
  local base="$1"; shift
  local args=()
  if [ -f "$base.args" ]; then mapfile -t args < "$base.args"; fi
  if [ -f "$base.procs" ]; then
    local procs; read -r procs _ < "$base.procs"
    set -- env GOMAXPROCS="$procs" "$@"
  fi
  if [ -f "$base.in" ]; then "$@" "${args[@]}" < "$base.in"; else "$@" "${args[@]}" < /dev/null; fi
}

for f in "$rundir"/*.mgo; do
  name="$(basename "$f" .mgo)"
  base="$rundir/$name"
  if [ ${#filters[@]} -gt 0 ]; then
    m=0; for p in "${filters[@]}"; do case "$name" in *"$p"*) m=1 ;; esac; done
    [ $m = 1 ] || continue
  fi
  need=0
  case "$name" in go121_*) need=21 ;; go122_*) need=22 ;; esac
  if [ $use_go = 1 ]; then
    if [ $gominor -lt $need ]; then
      skip=$((skip+1))
    else
      d="$tmp/$name"; mkdir -p "$d"; cp "$f" "$d/main.go"
      printf 'module m\n\ngo 1.%s\n' "$gominor" > "$d/go.mod"
      if ! (cd "$d" && "$GO" build -o prog . 2> "$d/build.err"); then
        echo "FAIL(go build) $name"; cat "$d/build.err"; fail=$((fail+1)); failed+=("$name"); continue
      fi
      run_prog "$base" "$d/prog" > "$d/out" 2> "$d/err"; st=$?
      if [ $st != 0 ]; then
        echo "FAIL(go exit $st) $name"; head -5 "$d/err"; fail=$((fail+1)); failed+=("$name")
      elif [ $update = 1 ] && [ $need = 0 ]; then
        cp "$d/out" "$base.out"; pass=$((pass+1))
      elif [ -f "$base.out" ] && cmp -s "$d/out" "$base.out"; then
        pass=$((pass+1))
      else
        echo "FAIL(go) $name"; diff "$base.out" "$d/out" | head -20; fail=$((fail+1)); failed+=("$name")
      fi
    fi
  fi
  if [ -n "$mgo" ]; then
    (cd "$rundir" && run_prog "$base" timeout 60 "$mgo" run "$f") > "$tmp/mgo.out" 2> "$tmp/mgo.err"; st=$?
    if [ $st != 0 ]; then
      echo "FAIL(mgo exit $st) $name"; head -5 "$tmp/mgo.err"; fail=$((fail+1)); failed+=("mgo:$name")
    elif cmp -s "$tmp/mgo.out" "$base.out"; then
      pass=$((pass+1))
    else
      echo "FAIL(mgo) $name"; diff "$base.out" "$tmp/mgo.out" | head -20; fail=$((fail+1)); failed+=("mgo:$name")
    fi
  fi
done
[ $skip -gt 0 ] && echo "skipped $skip go121_/go122_ tests for go1.$gominor"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
