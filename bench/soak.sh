#!/usr/bin/env bash
# make soak: a long mixed load on lis (list pages and API reads, API writes: PATCH a
# person, create a unit and retire it) while lis's RSS is recorded every 5 s to
# bench/soak-rss.csv. Fails when a request fails or the memory keeps growing: the mean
# anonymous RSS (lis's own memory, not the database file's mapped pages) of the last third
# of the run (after the warm-up) above 1.5 times the first third's.
#
#   SOAK_SECONDS=600       length of the load, 30 to 7200
#   SOAK_WARMUP            seconds left out of the growth check (default a tenth, at least 10)
#   SOAK_THREADS=2 SOAK_CONNECTIONS=8   wrk -t / -c
#   SOAK_SCALE=100         lis demo --scale for the data set
#   SOAK_ENGINE=sqlite     or postgresql (a temporary cluster started here)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/lib.sh

dur=${SOAK_SECONDS:-600}
[[ $dur =~ ^[0-9]+$ ]] && [ "$dur" -ge 30 ] && [ "$dur" -le 7200 ] || die "SOAK_SECONDS must be 30 to 7200"
warm=${SOAK_WARMUP:-$((dur / 10 > 10 ? dur / 10 : 10))}
[[ $warm =~ ^[0-9]+$ ]] && [ "$warm" -lt $((dur / 2)) ] || die "SOAK_WARMUP must be less than half of SOAK_SECONDS"
threads=${SOAK_THREADS:-2}
conns=${SOAK_CONNECTIONS:-8}
scale=${SOAK_SCALE:-100}
engine=${SOAK_ENGINE:-sqlite}
interval=5
csv=bench/soak-rss.csv
password=demo-password-1

deps=(wrk curl jq)
[ "$engine" = postgresql ] && deps+=(postgresql)
bench_deps "${deps[@]}"
[ -x ./lis ] || die "./lis is missing: make soak builds it (make lis)"

work=$(mktemp -d /tmp/lis-soak.XXXXXX)
chmod 755 "$work"
wrk_pid=
cleanup() {
  [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null
  lis_stop
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
snapshot_lis

case $engine in
  sqlite) db="$work/soak.sqlite" ;;
  postgresql) pg_start && db=$(pg_new_db soak) && export LIS_AUDIT_KEY_FILE="$work/soak-pg-audit.key" ;;
  *) die "SOAK_ENGINE must be sqlite or postgresql" ;;
esac
echo "soak: generating the data set (lis demo --scale $scale, $engine)" >&2
"$LIS_BIN" demo --db "$db" --password "$password" --scale "$scale" >"$work/demo.log" 2>&1 ||
  { tail -20 "$work/demo.log" >&2; die "lis demo failed"; }

port=$(free_port)
log="$work/lis.log"
lis_start "$db" "$port" "$log" --timing-log
base="http://127.0.0.1:$port"
lis_login "$base" admin@exempelkommun.se "$password"
lis_token "$base" soak
bearer="Authorization: Bearer $TOKEN"

# Writes go where the administrator may write: units under the unit of their tenant_admin
# role, and people in those units.
me=$(curl -s -H "$bearer" "$base/api/v1/me")
grant=$(jq -r '[.roles[] | select(.role == "tenant_admin") | .unit_id][0] // empty' <<<"$me")
self=$(jq -r '.person_id' <<<"$me")
[ -n "$grant" ] || die "the administrator holds no tenant_admin role"
after=""
: >"$work/units"
while :; do
  json=$(curl -s -H "$bearer" "$base/api/v1/units?limit=500${after:+&after=$(jq -rn --arg s "$after" '$s|@uri')}")
  jq -r '.items[] | "\(.id) \(.parent_id // 0)"' <<<"$json" >>"$work/units"
  after=$(jq -r '.next // empty' <<<"$json")
  [ -n "$after" ] || break
done
subtree=$(awk -v g="$grant" '{ parent[$1] = $2 } END {
  in_[g] = 1; changed = 1
  while (changed) { changed = 0; for (u in parent) if (!(u in in_) && (parent[u] in in_)) { in_[u] = 1; changed = 1 } }
  for (u in in_) print u }' "$work/units" | sort -n | head -40)
people=()
for u in $subtree; do
  while read -r id; do
    [ "$id" != "$self" ] && people+=("$id")
  done < <(curl -s -H "$bearer" "$base/api/v1/people?unit_id=$u&limit=100" | jq -r '.items[].id')
  [ ${#people[@]} -ge 50 ] && break
done
[ ${#people[@]} -gt 0 ] || die "no person the administrator may edit"
code=$(curl -s -o "$work/probe" -w '%{http_code}' -X PATCH -H "$bearer" -H 'Content-Type: application/json' \
  -d '{"title":"Soak probe"}' "$base/api/v1/people/${people[0]}")
[ "$code" = 200 ] || { cat "$work/probe" >&2; die "PATCH /api/v1/people/${people[0]} answered $code"; }
ids=$(IFS=,; echo "${people[*]}")
echo "soak: ${dur} s of wrk -t$threads -c$conns on $engine; writes under unit $grant to ${#people[@]} people" >&2

t0=$(now_us)
echo "seconds,rss_kb,anon_kb" >"$csv"
echo "0,$(rss_kb "$LIS_PID"),$(rss_kb "$LIS_PID" RssAnon)" >>"$csv"
wrk -t"$threads" -c"$conns" -d"${dur}s" --timeout 10s -s bench/soak.lua "$base" -- \
  "$SESSION" "$TOKEN" "$grant" "$ids" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
next=$interval
while kill -0 "$wrk_pid" 2>/dev/null; do
  now=$(($(now_us) - t0))
  if [ "$now" -ge $((next * 1000000)) ]; then
    kill -0 "$LIS_PID" 2>/dev/null || die "lis died during the soak (see its log)"
    echo "$next,$(rss_kb "$LIS_PID"),$(rss_kb "$LIS_PID" RssAnon)" >>"$csv"
    next=$((next + interval))
  fi
  sleep 0.2
done
wait "$wrk_pid"
wrk_rc=$?
wrk_pid=
kill -0 "$LIS_PID" 2>/dev/null || { tail -20 "$log" >&2; die "lis died during the soak"; }
end=$(awk -v d=$(($(now_us) - t0)) 'BEGIN { printf "%.0f", d / 1e6 }')
[ "$end" -ge "$next" ] && echo "$end,$(rss_kb "$LIS_PID"),$(rss_kb "$LIS_PID" RssAnon)" >>"$csv"
[ $wrk_rc -eq 0 ] || { cat "$work/wrk.out" >&2; die "wrk failed"; }

echo
echo "wrk:"
sed -n '/requests in/p;/Requests\/sec/p;/soak-/p' "$work/wrk.out" | sed 's/^ */  /'
echo
echo "server time per route (lis --timing-log; ids shown as :id):"
awk '$1 == "timing" {
       p = $3; gsub(/\/[0-9]+/, "/:id", p)
       k = $2 " " p; n[k]++; if ($4 < 200 || $4 >= 400) bad[k]++
       print k "\t" $5 > "/dev/stderr" }
     END { for (k in n) printf "%s\t%d\t%d\n", k, n[k], bad[k] + 0 }' "$log" 2>"$work/times" |
  sort >"$work/routes"
while IFS=$'\t' read -r route count bad; do
  read -r p50 p99 < <(awk -F'\t' -v k="$route" '$1 == k { print $2 }' "$work/times" | sort -n |
    awk '{ v[NR] = $1 } END { j = int(NR * 0.99); if (j < NR * 0.99) j++; printf "%.2f %.2f\n", v[int((NR + 1) / 2)] / 1000, v[j] / 1000 }')
  printf '  %-36s %8d requests  %5d failed  p50 %8s ms  p99 %8s ms\n' "$route" "$count" "$bad" "$p50" "$p99"
done <"$work/routes"

echo
# The verdict reads lis's own memory (RssAnon: heap, arenas, SQLite's page cache). VmRSS
# also counts the pages of the database file SQLite reads through its memory map: those
# belong to the kernel's page cache, are shared, and are bounded by the file's size.
echo "RSS every ${interval} s, in $csv (total, and anonymous = lis's own memory):"
awk -F, 'NR > 1 { n++; t[n] = $1; v[n] = $2; if ($2 > max) max = $2 } END {
    step = int(n / 12) + 1; line = ""
    for (i = 1; i <= n; i += step) line = line sprintf(" %ss:%.1f", t[i], v[i] / 1024)
    printf "  total MB at:%s; max %.1f\n", line, max / 1024 }' "$csv"
awk -F, -v warm="$warm" -v dur="$dur" 'NR > 1 {
    t[++n] = $1; r[n] = $3; if ($3 > max) max = $3; if (min == "" || $3 < min) min = $3 }
  END {
    step = int(n / 12) + 1; line = ""
    for (i = 1; i <= n; i += step) line = line sprintf(" %ss:%.1f", t[i], r[i] / 1024)
    if ((n - 1) % step) line = line sprintf(" %ss:%.1f", t[n], r[n] / 1024)
    printf "  anonymous MB at:%s\n", line
    m = 0; for (i = 1; i <= n; i++) if (t[i] >= warm && t[i] <= dur) s[++m] = r[i]
    if (m < 3) { print "VERDICT FAIL too few samples after the warm-up"; exit }
    third = int(m / 3); a = 0; b = 0
    for (i = 1; i <= third; i++) { a += s[i]; b += s[m - third + i] }
    a /= third; b /= third
    printf "  idle %.1f MB, min %.1f, max %.1f; after %d s of warm-up: first third mean %.1f MB, last third %.1f MB (x%.2f)\n", \
      r[1] / 1024, min / 1024, max / 1024, warm, a / 1024, b / 1024, b / a
    print (b > 1.5 * a ? "VERDICT FAIL RSS keeps growing (last third > 1.5 x first third)" : "VERDICT OK") }' "$csv" >"$work/verdict"
grep -v '^VERDICT' "$work/verdict"
result=$(sed -n 's/^VERDICT //p' "$work/verdict")

errors=$(sed -n 's/^soak-result .* errors=\([0-9]*\) .* timeout=\([0-9]*\).*/\1 \2/p' "$work/wrk.out")
read -r errs timeouts <<<"${errors:-x x}"
echo
status=0
if [ "$errs" = x ]; then
  echo "soak: FAIL no result from the wrk script"; status=1
elif [ "$errs" -gt 0 ] || [ "$timeouts" -gt 0 ]; then
  echo "soak: FAIL $errs responses outside 2xx/3xx, $timeouts timeouts"; status=1
fi
if [ "$result" != OK ]; then
  echo "soak: ${result:-FAIL no RSS verdict}"; status=1
fi
[ $status -eq 0 ] && echo "soak: OK (no failed request, RSS flat)"
exit $status
