#!/usr/bin/env bash
# bench/national.sh - the national view over 290 tenants (issue 19 point 6) against the
# aggregate goal of issue 23 point 5 (≤ 5 ms p50 server time), on SQLite and PostgreSQL.
# Called by `make bench` (bench/bench.mk) and on its own:
#
#   bench/national.sh [REQUESTS]      BENCH_ENGINES="sqlite postgresql" (default both)
#                                     NATIONAL_SCALE=N: `lis demo --scale N` as the data
#                                     (all 290 kommuner at 100, with their incidents and
#                                     inventories) instead of `lis generate-national`
#
# The data: `lis demo`, then the 290 kommuner with this year's maturity answers, opt-ins and
# internal audits (`lis generate-national`), and a body (SKR) whose national_viewer reads
# /national. One request after another (lis's own server time from --timing-log, the
# median of REQUESTS): the first request (the view counted: the maturity profile and the
# key shares over every tenant), the kept view (until any tenant changes anything), and the
# view counted on every request (this year asked between requests for next year, so that
# the one kept view is always the other year's).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/lis-national.XXXXXX)
chmod 755 "$work"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'pg_stop; rm -rf "$work"' EXIT
n=${1:-30}
engines=${BENCH_ENGINES:-sqlite postgresql}
deps=(curl)
[[ " $engines " == *" postgresql "* ]] && deps+=(postgresql)
bench_deps "${deps[@]}"
snapshot_lis
year=$(date +%Y)
port=$((18000 + RANDOM % 1000))

cpu_ns() { # the CPU time of lis's threads so far (less disturbed by the machine's load)
  local sum=0 ns _ f
  for f in /proc/$pid/task/*/schedstat; do read -r ns _ <"$f" && sum=$((sum + ns)); done
  echo "$sum"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }

printf '| engine | data | tenants counted | first request ms | kept p50 ms | counted p50 ms | counted CPU ms | kB |\n'
printf '|---|---|---:|---:|---:|---:|---:|---:|\n'
for engine in $engines; do
  case $engine in
    sqlite) db="$work/national.sqlite" ;;
    postgresql)
      [ -n "${PG_STARTED:-}" ] || pg_start
      db=$(pg_new_db national)
      export LIS_AUDIT_KEY_FILE="$work/audit.key"
      ;;
    *) die "unknown engine $engine (sqlite, postgresql)" ;;
  esac
  lis_do() { "$LIS_BIN" "$@" --db "$db" >>"$work/setup.log" 2>&1 || die "lis $1 failed: $(tail -3 "$work/setup.log")"; }
  if [ -n "${NATIONAL_SCALE:-}" ]; then
    lis_do demo --password demo-password-1 --scale "$NATIONAL_SCALE"
    data="demo --scale $NATIONAL_SCALE"
  else
    lis_do demo --password demo-password-1
    data="generate-national"
  fi
  lis_do generate-national
  lis_do init --tenant SKR --tenant-name "Sveriges Kommuner och Regioner" --email admin@skr.example \
    --name "Sara Admin" --password demo-password-1
  lis_do user add --tenant SKR --email nora@skr.example --name "Nora Nationell" \
    --role national_viewer --password demo-password-1
  log="$work/timing-$engine.log"
  "$LIS_BIN" serve --db "$db" --listen "127.0.0.1:$port" --timing-log 2>>"$log" &
  pid=$!
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
  jar="$work/$engine.jar"
  curl -s -c "$jar" -b "$jar" -o "$work/login.html" "http://127.0.0.1:$port/login"
  pre=$(sed -n 's/.*name="_pre" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_pre=$pre" \
    --data-urlencode "email=nora@skr.example" --data-urlencode "password=demo-password-1" \
    "http://127.0.0.1:$port/login"
  get() { curl -s -b "$jar" -o "$work/page" -w '%{http_code} %{size_download}' "http://127.0.0.1:$port$1"; }
  this="/national?year=$year" next="/national?year=$((year + 1))"
  read -r code size <<<"$(get "$this")"
  [ "$code" = 200 ] || die "$engine: GET $this answered $code"
  tenants=$(sed -n 's/.*id="national-tenants">\([0-9]*\).*/\1/p' "$work/page" | head -1)
  for _ in $(seq "$n"); do get "$this" >/dev/null; done # kept
  before=$(cpu_ns)
  for _ in $(seq "$n"); do get "$next" >/dev/null && get "$this" >/dev/null; done # counted
  cpu=$(($(cpu_ns) - before))
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # the log names the path without its query: the requests in order, next year's and this
  # year's alternating after the kept ones
  times=$(awk '$1 == "timing" && $2 == "GET" && $3 == "/national" { print $5 }' "$log")
  first=$(head -1 <<<"$times")
  kept=$(sed -n "2,$((n + 1))p" <<<"$times" | median)
  counted=$(sed -n "$((n + 2)),\$p" <<<"$times" | awk 'NR % 2 == 0' | median)
  awk -v e="$engine" -v d="$data" -v t="${tenants:-?}" -v f="$first" -v k="$kept" -v c="$counted" -v s="$size" \
    -v u="$cpu" -v n="$n" \
    'BEGIN { printf "| %s | %s | %s | %.2f | %.2f | %.2f | %.1f | %.0f |\n", e, d, t, f / 1000, k / 1000, c / 1000, u / 1e6 / n, s / 1024 }'
done
