#!/usr/bin/env bash
# bench/multi.sh - two lis processes on one PostgreSQL under a mixed load (issue 23 point 6):
# the summary pages and lists read, one API write in every BENCH_WRITE_EVERY requests,
# wrk against each process at once; prints each process's and the total's throughput and
# p50/p99 latency.
#
#   BENCH_DB=postgresql:///...   an existing data set (lis demo --scale N), with
#                                LIS_AUDIT_KEY_FILE set; without it a PostgreSQL is started
#                                here and `lis demo --scale BENCH_SCALE` generates one
#   BENCH_SCALE=10  BENCH_SECONDS=20  BENCH_CONNECTIONS=8 (per process)  BENCH_WRITE_EVERY=20
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/lib.sh
secs=${BENCH_SECONDS:-20}
conns=${BENCH_CONNECTIONS:-8}
every=${BENCH_WRITE_EVERY:-20}
scale=${BENCH_SCALE:-10}
bench_deps wrk curl jq
[ -x ./lis ] || die "./lis is missing (make lis)"
work=$(mktemp -d /tmp/lis-multi.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
snapshot_lis
db=${BENCH_DB:-}
if [ -z "$db" ]; then
  bench_deps postgresql
  pg_start
  db=$(pg_new_db multi)
  export LIS_AUDIT_KEY_FILE="$work/audit.key"
  echo "generating lis demo --scale $scale ..." >&2
  "$LIS_BIN" demo --db "$db" --password demo-password-1 --scale "$scale" >"$work/demo.log" 2>&1 ||
    { tail -20 "$work/demo.log" >&2; die "lis demo failed"; }
fi
ports=()
for i in 1 2; do
  port=$(free_port)
  "$LIS_BIN" serve --db "$db" --listen "127.0.0.1:$port" 2>>"$work/lis-$i.log" &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  for _ in $(seq 600); do health_ok "$port" && break; sleep 0.05; done
  health_ok "$port" || die "lis on $port did not answer /health"
done
base="http://127.0.0.1:${ports[0]}"
lis_login "$base" admin@exempelkommun.se demo-password-1
lis_token "$base" "multi-$$"
unit=$(curl -s -H "Authorization: Bearer $TOKEN" "$base/api/v1/units?limit=500" |
  jq -r '[.items[] | select(.name == "Socialförvaltningen")][0].id')
[ -n "$unit" ] && [ "$unit" != null ] || die "no Socialförvaltningen in the data set"
year=$(date +%Y)
for i in 0 1; do
  wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s --latency -s bench/multi.lua \
    "http://127.0.0.1:${ports[$i]}" -- "$SESSION" "$TOKEN" "$unit" "$year" "$every" >"$work/wrk-$i.out" 2>&1 &
  wpids[$i]=$!
done
wait "${wpids[0]}" "${wpids[1]}"
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
total=0
echo "| process | req/s | p50 ms | p99 ms | non-2xx/3xx |"
echo "|---|---:|---:|---:|---:|"
for i in 0 1; do
  out="$work/wrk-$i.out"
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  [ -n "$rps" ] || { cat "$out" >&2; die "no result from wrk"; }
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  err=$(awk '/Non-2xx or 3xx responses:/ { e += $NF } END { print e + 0 }' "$out")
  echo "| lis $((i + 1)) | $rps | $p50 | $p99 | $err |"
  total=$((total + rps))
done
echo "| both | $total | | | |"
echo "(${secs} s, ${conns} connections per process, one write in every $every requests; $(nproc) cores)"
