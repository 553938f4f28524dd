#!/usr/bin/env bash
# bench/multi.sh - the load simulation of issue 23 point 6: the generator's kommuner on one
# PostgreSQL, their people logged in with their roles' daily mix (bench/load.mjs: /home,
# lists, records, and now and then an incident reported, an action's progress noted, a
# requirement answered), spread over two lis processes; prints throughput and p50/p99 per
# request kind, with the machine's load before and after.
#
#   BENCH_SCALE=3       lis demo --scale: 3 gives 10 tenants (Exempelkommun and 9 kommuner),
#                       100 all 290 kommuner (the full run: README "Load simulation")
#   BENCH_PEOPLE=20     people a tenant sends to work (the first N of each, all roles)
#   BENCH_SECONDS=30    BENCH_CONCURRENCY=16 (people at work at once, over both processes)
#   BENCH_PROCESSES=2
#   BENCH_DB=postgresql:///...   an existing data set (with LIS_AUDIT_KEY_FILE set); without
#                       it a PostgreSQL is started here and `lis demo --scale` makes one
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/lib.sh
secs=${BENCH_SECONDS:-30}
concurrency=${BENCH_CONCURRENCY:-16}
scale=${BENCH_SCALE:-3}
per_tenant=${BENCH_PEOPLE:-20}
processes=${BENCH_PROCESSES:-2}
for v in secs concurrency scale per_tenant processes; do
  [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || die "$v must be a whole number, at least 1"
done
[ "$scale" -le 100 ] || die "BENCH_SCALE is at most 100"
bench_deps curl postgresql
command -v node >/dev/null || die "node is missing (scripts/deps.sh test installs it)"
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
psql_bin=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
if [ -z "$db" ]; then
  pg_start
  db=$(pg_new_db multi)
  export LIS_AUDIT_KEY_FILE="$work/audit.key"
  echo "generating lis demo --scale $scale ..." >&2
  t0=$(now_us)
  "$LIS_BIN" demo --db "$db" --password demo-password-1 --scale "$scale" >"$work/demo.log" 2>&1 ||
    { tail -20 "$work/demo.log" >&2; die "lis demo failed"; }
  echo "generated in $((($(now_us) - t0) / 1000000)) s: $(grep -o 'generated at scale.*' "$work/demo.log")" >&2
fi
# the people who go to work: the first BENCH_PEOPLE of each tenant, with their roles
"$psql_bin" "$db" -qAt -F $'\t' -c "
  SELECT code, email, roles FROM (
    SELECT t.code, a.email, string_agg(DISTINCT ra.role, ',') AS roles,
           row_number() OVER (PARTITION BY t.id ORDER BY p.id) AS n
    FROM person p JOIN tenant t ON t.id = p.tenant_id JOIN account a ON a.id = p.account_id
    JOIN role_assignment ra ON ra.person_id = p.id
    WHERE a.password_hash IS NOT NULL
    GROUP BY t.id, t.code, a.email, p.id) x
  WHERE n <= $per_tenant ORDER BY code, email" >"$work/people.tsv" 2>"$work/psql.log" ||
  { cat "$work/psql.log" >&2; die "could not list the people (psql)"; }
[ -s "$work/people.tsv" ] || die "no people with a password in the data set"
echo "$(wc -l <"$work/people.tsv") people of $(cut -f1 "$work/people.tsv" | sort -u | wc -l) tenants" >&2

bases=()
for i in $(seq 1 "$processes"); do
  port=$(free_port)
  "$LIS_BIN" serve --db "$db" --listen "127.0.0.1:$port" 2>>"$work/lis-$i.log" &
  pids+=($!)
  for _ in $(seq 600); do health_ok "$port" && break; sleep 0.05; done
  health_ok "$port" || { tail -5 "$work/lis-$i.log" >&2; die "lis on $port did not answer /health"; }
  bases+=("http://127.0.0.1:$port")
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
LOAD_BASES=$(IFS=,; echo "${bases[*]}") LOAD_USERS="$work/people.tsv" LOAD_SECONDS=$secs \
  LOAD_CONCURRENCY=$concurrency node bench/load.mjs
rc=$?
echo "$processes lis processes, $(nproc) cores; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)."
for i in $(seq 1 "$processes"); do
  if grep -qiE 'error|fatal' "$work/lis-$i.log"; then
    echo "lis $i logged:" >&2
    grep -iE 'error|fatal' "$work/lis-$i.log" | sort | uniq -c | sort -rn | head -5 >&2
  fi
done
exit $rc
