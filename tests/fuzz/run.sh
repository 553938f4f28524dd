#!/usr/bin/env bash
# tests/fuzz/run.sh smoke|long WORKDIR - runs every libFuzzer harness (build/fuzz/fuzz_*).
#
# For each harness: replays tests/fuzz/regressions/<harness>/* (inputs that once crashed
# it), then fuzzes for a while, starting from a copy of tests/fuzz/corpus/<harness>/ made
# in WORKDIR (the committed corpus is never written). smoke: 8 seconds each, for make
# check; long: FUZZ_SECONDS (default 120) each, for make fuzz.
#
# Output is TAP on stdout, one line per harness; logs go to WORKDIR/<harness>.log and
# crashing inputs to WORKDIR/artifacts/. The tail of a failing log is printed as '# '
# lines. To keep a crash as a regression test:
#     cp WORKDIR/artifacts/fuzz_x-crash-* tests/fuzz/regressions/fuzz_x/
set -uo pipefail
mode=${1:-}
work=${2:-}
if [ "$mode" != smoke ] && [ "$mode" != long ] || [ -z "$work" ]; then
  echo "usage: $0 smoke|long WORKDIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)
case $mode in
  smoke) seconds=8 ;;
  long) seconds=${FUZZ_SECONDS:-120} ;;
esac

harnesses=()
for f in "$here"/fuzz_*.c; do
  harnesses+=("$(basename "$f" .c)")
done
echo "1..${#harnesses[@]}"

# build (make knows whether anything is out of date)
if ! make -C "$root" --no-print-directory -j"$(nproc 2>/dev/null || echo 2)" fuzz-build \
    >"$work/fuzz-build.log" 2>&1; then
  n=0
  for h in "${harnesses[@]}"; do
    n=$((n + 1))
    echo "not ok $n - $h # build failed"
  done
  tail -30 "$work/fuzz-build.log" | sed 's/^/# /'
  exit 1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:abort_on_error=0:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
common=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1)

failed=0
n=0
for h in "${harnesses[@]}"; do
  n=$((n + 1))
  bin="$root/build/fuzz/$h"
  log="$work/$h.log"
  : >"$log"
  ok=1
  why=""
  dict=()
  [ -f "$here/$h.dict" ] && dict=(-dict="$here/$h.dict")

  # 1. the regressions: each once
  reg=("$here/regressions/$h"/*)
  if [ -e "${reg[0]}" ]; then
    echo "== regressions (${#reg[@]})" >>"$log"
    if ! "$bin" "${common[@]}" -runs=1 "${reg[@]}" >>"$log" 2>&1; then
      ok=0
      why="a regression input fails"
    fi
  fi

  # 2. fuzzing, from a copy of the corpus
  if [ $ok = 1 ]; then
    corpus="$work/corpus/$h"
    mkdir -p "$corpus" "$work/artifacts"
    rm -f "$work/artifacts/$h-"*
    [ -d "$here/corpus/$h" ] && cp -p "$here/corpus/$h"/* "$corpus"/ 2>/dev/null
    echo "== fuzzing ${seconds}s" >>"$log"
    if ! "$bin" "${common[@]}" "${dict[@]}" -max_total_time="$seconds" \
        -artifact_prefix="$work/artifacts/$h-" "$corpus" >>"$log" 2>&1; then
      ok=0
      why="crash: $(ls -t "$work/artifacts/$h-"* 2>/dev/null | head -1)"
    fi
  fi

  speed=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  if [ $ok = 1 ]; then
    echo "ok $n - $h # ${speed:-?} exec/s, cov ${cov:-?}"
  else
    failed=$((failed + 1))
    echo "not ok $n - $h # $why"
    tail -40 "$log" | sed 's/^/# /'
  fi
done
exit $((failed > 0))
