#!/usr/bin/env bash
# bench/summary_pages.sh - the summary pages' server time, one request after another (no
# wrk: it measures what one reader waits for, and leaves the machine's cores alone).
#
#   bench/summary_pages.sh LIS-BINARY DATABASE PORT [REQUESTS]
#
# DATABASE is a data set made with `lis demo --scale N` (a SQLite file, or a PostgreSQL
# URL with LIS_AUDIT_KEY_FILE set). Logs in as the demo's admin (the CISO for the incident
# statistics), reads each page once (the count: what the first reader after a change
# waits for) and then REQUESTS times (default 30), and prints the first request's server
# time and the median of the rest, from `lis serve --timing-log`, with the page's size; and
# the CPU time lis's threads used for the first request (/proc/PID/task/*/schedstat), which
# depends less on what else the machine is doing (on PostgreSQL the server's own is not in
# it). PAGES (space-separated paths) replaces the summary pages, e.g. a campaign's page.
# Beside them: the statements the page ran (median; each a round trip on PostgreSQL) and
# lis's CPU time per request over the REQUESTS.
set -uo pipefail
bin=$1 db=$2 port=$3 n=${4:-30}
work=$(mktemp -d /tmp/lis-summary.XXXXXX)
log="$work/timing.log"
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --timing-log 2>>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
login() { # who
  local jar="$work/$1.jar"
  curl -s -c "$jar" -b "$jar" -o "$work/login.html" "http://127.0.0.1:$port/login"
  local pre
  pre=$(sed -n 's/.*name="_pre" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_pre=$pre" \
    --data-urlencode "email=$1@exempelkommun.se" --data-urlencode "password=demo-password-1" \
    "http://127.0.0.1:$port/login"
}
login admin
login ciso
year=$(date +%Y)
cpu_ns() { # the CPU time of lis's threads so far
  local sum=0 ns _
  for f in /proc/$pid/task/*/schedstat; do read -r ns _ <"$f" && sum=$((sum + ns)); done
  echo "$sum"
}
printf '| page | kB | first request ms | first request CPU ms | p50 of the next %d ms | statements | CPU ms per request |\n' "$n"
printf '|---|---:|---:|---:|---:|---:|---:|\n'
for p in ${PAGES:-/lagesbild /inventory/coverage /classification "/plan/$year" /incidents/stats}; do
  who=admin
  [ "$p" = /incidents/stats ] && who=ciso
  before=$(cpu_ns)
  size=$(curl -s -b "$work/$who.jar" -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$p")
  cpu=$(($(cpu_ns) - before))
  before=$(cpu_ns)
  for _ in $(seq "$n"); do curl -s -b "$work/$who.jar" -o /dev/null "http://127.0.0.1:$port$p"; done
  each=$((($(cpu_ns) - before) / n))
  first=$(awk -v p="$p" '$1 == "timing" && $2 == "GET" && $3 == p { print $5; exit }' "$log")
  p50=$(awk -v p="$p" '$1 == "timing" && $2 == "GET" && $3 == p { print $5 }' "$log" | tail -n +2 | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  sql=$(awk -v p="$p" '$1 == "timing" && $2 == "GET" && $3 == p { print $7 }' "$log" | tail -n +2 | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  awk -v p="$p" -v s="$size" -v f="$first" -v c="$cpu" -v m="$p50" -v q="$sql" -v e="$each" \
    'BEGIN { printf "| %s | %.0f | %.2f | %.1f | %.2f | %s | %.2f |\n", p, s / 1024, f / 1000, c / 1e6, m / 1000, q, e / 1e6 }'
done
