#!/usr/bin/env bash
# bench/home_pages.sh - each demo role's start page (/home), one request after another
# (as bench/summary_pages.sh: what one reader waits for, leaving the cores alone).
#
#   bench/home_pages.sh LIS-BINARY DATABASE PORT [REQUESTS]
#
# DATABASE is a data set made with `lis demo --scale N` (a SQLite file, or a PostgreSQL
# URL with LIS_AUDIT_KEY_FILE set). Logs in as each demo role, reads /home once (not
# counted) and then REQUESTS times (default 30), and prints the median server time from
# `lis serve --timing-log`, the CPU time lis's threads used per request
# (/proc/PID/task/*/schedstat; on PostgreSQL the server's own is not in it) and, on
# SQLite, the statements per request (a second server with LIS_SQL_PROFILE=1, 3 requests;
# the same code sends the same statements to PostgreSQL).
set -uo pipefail
bin=$1 db=$2 port=$3 n=${4:-30}
roles=${ROLES:-admin medarbetare agare samordnare ledning ciso}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/lis-home.XXXXXX)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=; }
trap 'stop; rm -rf "$work"' EXIT
start() { # log [env...]
  env "${@:2}" "$bin" serve --db "$db" --listen "127.0.0.1:$port" --timing-log 2>>"$1" &
  pid=$!
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
}
declare -A cookie
login() { # who: logs in (bench/lib.sh) and keeps the session's cookie header
  lis_login "http://127.0.0.1:$port" "$1@exempelkommun.se" demo-password-1
  cookie[$1]="Cookie: lis_session=$SESSION"
}
cpu_ns() { # the CPU time of lis's threads so far
  local sum=0 ns _
  for f in /proc/$pid/task/*/schedstat; do read -r ns _ <"$f" && sum=$((sum + ns)); done
  echo "$sum"
}
get() { curl -s -H "${cookie[$1]}" -o /dev/null "http://127.0.0.1:$port/home"; }
declare -A stmts
if [[ "$db" != postgres* ]]; then
  start "$work/profile.log" LIS_SQL_PROFILE=1
  for who in $roles; do
    login "$who"
    get "$who"
    : >"$work/profile.log"
    for _ in 1 2 3; do get "$who"; done
    stmts[$who]=$(awk '$1 == "sql" { n++ } END { printf "%.0f", n / 3 }' "$work/profile.log")
  done
  stop
fi
start "$work/timing.log"
printf '| /home as | p50 ms | CPU ms per request | statements per request |\n|---|---:|---:|---:|\n'
for who in $roles; do
  login "$who"
  get "$who"
  : >"$work/timing.log"
  before=$(cpu_ns)
  for _ in $(seq "$n"); do get "$who"; done
  cpu=$(($(cpu_ns) - before))
  p50=$(awk '$1 == "timing" && $2 == "GET" && $3 == "/home" { print $5 }' "$work/timing.log" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  awk -v w="$who" -v m="$p50" -v c="$cpu" -v n="$n" -v s="${stmts[$who]:--}" \
    'BEGIN { printf "| %s | %.2f | %.2f | %s |\n", w, m / 1000, c / 1e6 / n, s }'
done
