#!/usr/bin/env bash
# make bench: lis against nginx serving a static file, on SQLite and on a PostgreSQL
# started here, with the generated data set (lis demo --scale 100). Prints a Markdown
# table per engine and writes them into bench/results.md's section "bench.sh" (between its
# markers; the rest of the file, hand-written or another bench's, is kept).
#
#   BENCH_SECONDS=10       seconds of load per endpoint (wrk -d)
#   BENCH_WARMUP=1         seconds of unmeasured load before each run (0: none)
#   BENCH_THREADS=2        wrk threads (-t)
#   BENCH_CONNECTIONS=16   wrk connections (-c)
#   BENCH_SCALE=100        lis demo --scale
#   BENCH_ENGINES="sqlite postgresql"
#   BENCH_OUT=bench/results.md
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/lib.sh

secs=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-1}
threads=${BENCH_THREADS:-2}
conns=${BENCH_CONNECTIONS:-16}
scale=${BENCH_SCALE:-100}
engines=${BENCH_ENGINES:-sqlite postgresql}
out=${BENCH_OUT:-bench/results.md}
email=admin@exempelkommun.se
password=demo-password-1
[[ $secs =~ ^[0-9]+$ ]] && [ "$secs" -ge 1 ] && [ "$secs" -le 300 ] || die "BENCH_SECONDS must be 1 to 300"
[[ $warmup =~ ^[0-9]+$ ]] && [ "$warmup" -le 60 ] || die "BENCH_WARMUP must be 0 to 60"
[[ $threads =~ ^[0-9]+$ ]] && [[ $conns =~ ^[0-9]+$ ]] && [ "$conns" -ge "$threads" ] ||
  die "BENCH_CONNECTIONS must be at least BENCH_THREADS"

deps=(nginx wrk curl jq)
[[ " $engines " == *" postgresql "* ]] && deps+=(postgresql)
bench_deps "${deps[@]}"
[ -x ./lis ] || die "./lis is missing: make bench builds it (make lis)"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
clk_tck=$(getconf CLK_TCK)

work=$(mktemp -d /tmp/lis-bench.XXXXXX)
chmod 755 "$work"
sampler_pid=
nginx_pid=
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
  lis_stop
  if [ -n "$nginx_pid" ]; then
    kill -QUIT "$nginx_pid" 2>/dev/null
    wait "$nginx_pid" 2>/dev/null
  fi
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
snapshot_lis
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src views i18n 2>/dev/null || rev="$rev (with uncommitted changes)"

started=$(now_us)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- nginx: one static file, a copy of a real list page ----
nginx_start() {
  local d="$work/nginx"
  mkdir -p "$d/html" "$d/tmp"
  nginx_port=$(free_port)
  cat >"$d/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $d/nginx.pid;
error_log $d/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $d/html;
    }
}
EOF
  "$nginx_bin" -e "$d/error.log" -p "$d" -c "$d/nginx.conf" &
  nginx_pid=$!
  local i
  for i in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && return 0
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.05
  done
  cat "$d/error.log" >&2
  die "nginx did not start"
}

# ---- measuring ----
rss_sampler() { # pid file: writes the peak VmRSS (kB) seen so far
  local max=0 v
  while kill -0 "$1" 2>/dev/null; do
    v=$(rss_kb "$1")
    if [ "${v:-0}" -gt "$max" ]; then
      max=$v
      echo "$max" >"$2"
    fi
    sleep 0.2
  done
}

to_ms() { # a wrk duration (850.00us, 1.20ms, 2.00s, 1.00m) -> ms
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000;
    else if (v ~ /h$/) n *= 3600000; else if (v ~ /s$/) n *= 1000;
    printf "%.2f", n }'
}

fmt_ms() { awk -v v="$1" 'BEGIN { if (v == "") print "–"; else if (v < 1) printf "%.3f", v; else if (v < 100) printf "%.2f", v; else printf "%.0f", v }'; }

check_200() { # url [curl options]
  local url=$1 code
  shift
  code=$(curl -s -o "$work/check.body" -w '%{http_code}' "$@" "$url")
  if [ "$code" != 200 ]; then
    echo "bench: GET $url answered $code (want 200):" >&2
    head -c 600 "$work/check.body" >&2
    echo >&2
    exit 1
  fi
}

# One measured run. Sets R_RPS R_P50 R_P99 R_ERR R_SP50 R_SP99 R_N.
run_wrk() { # url route-path log [wrk -H options]
  local url=$1 path=$2 log=$3
  shift 3
  if [ "$warmup" -gt 0 ]; then
    wrk -t"$threads" -c"$conns" -d"${warmup}s" "$@" "$url" >/dev/null 2>&1
  fi
  local before=0 after=0 cpu0=0 cpu1=0 pg0=0 pg1=0
  if [ -n "$log" ]; then
    before=$(stat -c %s "$log")
    cpu0=$(cpu_ticks "$LIS_PID")
    pg0=$(pg_cpu_ticks)
  fi
  wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency "$@" "$url" >"$work/wrk.out" 2>&1 ||
    { cat "$work/wrk.out" >&2; die "wrk failed on $url"; }
  if [ -n "$log" ]; then
    after=$(stat -c %s "$log")
    cpu1=$(cpu_ticks "$LIS_PID")
    pg1=$(pg_cpu_ticks)
  fi
  R_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$work/wrk.out")
  R_P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.out")")
  R_P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")")
  R_N=$(awk '/requests in/ { print $1 }' "$work/wrk.out")
  R_ERR=$(awk '/Non-2xx or 3xx responses:/ { e += $NF }
               /Socket errors:/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 }
               END { print e + 0 }' "$work/wrk.out")
  [ -n "$R_RPS" ] || { cat "$work/wrk.out" >&2; die "no result from wrk on $url"; }
  # CPU milliseconds per request: lis itself, and PostgreSQL's server processes
  R_CPU=$(awk -v t=$((cpu1 - cpu0)) -v n="$R_N" -v hz="$clk_tck" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n }')
  R_PGCPU=$(awk -v t=$((pg1 - pg0)) -v n="$R_N" -v hz="$clk_tck" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n }')
  R_SP50=
  R_SP99=
  if [ -n "$log" ]; then
    # the timing log names the path without the query string: this run's slice only
    read -r R_SP50 R_SP99 < <(tail -c +$((before + 1)) "$log" | head -c $((after - before)) |
      awk -v p="$path" '$1 == "timing" && $2 == "GET" && $3 == p { print $5 }' | sort -n |
      awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "", ""; exit }
        i = int((NR + 1) / 2); j = int(NR * 0.99); if (j < NR * 0.99) j++; if (j < 1) j = 1
        printf "%.3f %.3f\n", v[i] / 1000, v[j] / 1000 }')
  fi
}

# ---- one engine ----
total_errors=0
bench_engine() { # sqlite|postgresql
  local engine=$1 db gen_start gen_s port log
  echo "== $engine ==" >&2
  if [ "$engine" = sqlite ]; then
    db="$work/bench.sqlite"
  else
    [ -n "${PG_STARTED:-}" ] || pg_start
    db=$(pg_new_db bench)
    export LIS_AUDIT_KEY_FILE="$work/bench-pg-audit.key" # PostgreSQL: the key has no file to sit beside
  fi
  gen_start=$(now_us)
  "$LIS_BIN" demo --db "$db" --password "$password" --scale "$scale" >"$work/demo-$engine.log" 2>&1 ||
    { tail -20 "$work/demo-$engine.log" >&2; die "lis demo failed on $engine"; }
  gen_s=$(awk -v d=$(($(now_us) - gen_start)) 'BEGIN { printf "%.0f", d / 1e6 }')
  echo "data set generated in ${gen_s} s" >&2
  # a body (SKR) whose national viewer reads the national view over the 290 kommuner
  "$LIS_BIN" init --db "$db" --tenant SKR --tenant-name "Sveriges Kommuner och Regioner" \
    --email admin@skr.example --name "SKR Admin" --password "$password" >>"$work/demo-$engine.log" 2>&1 &&
    "$LIS_BIN" user add --db "$db" --tenant SKR --email nationell@skr.example --name "Nora Nationell" \
      --role national_viewer --password "$password" >>"$work/demo-$engine.log" 2>&1 ||
    { tail -20 "$work/demo-$engine.log" >&2; die "the national viewer could not be made on $engine"; }

  port=$(free_port)
  log="$work/lis-$engine.log"
  : >"$log"
  # cold start: exec until /health answers, the median of three starts (the last one stays)
  local colds=() i
  for i in 1 2 3; do
    lis_start "$db" "$port" "$log" --timing-log
    colds+=("$COLD_MS")
    [ $i -lt 3 ] && lis_stop
  done
  local cold
  cold=$(printf '%s\n' "${colds[@]}" | sort -n | sed -n 2p)
  local rss_idle
  rss_idle=$(rss_kb "$LIS_PID")
  local base="http://127.0.0.1:$port"
  lis_login "$base" "$email" "$password"
  lis_token "$base" "bench-$engine"
  local cookie="Cookie: lis_session=$SESSION" bearer="Authorization: Bearer $TOKEN"
  # incidents are need-to-know: their pages are measured as the CISO, who handles them
  lis_login "$base" "ciso@exempelkommun.se" "$password"
  local ciso_cookie="Cookie: lis_session=$SESSION"
  # the start page is each person's own ("Att göra", the figures of their scope): measured
  # for each demo role, by the part of their e-mail address
  local -A role_cookie=([ciso]="$ciso_cookie")
  local who
  for who in medarbetare agare samordnare ledning; do
    lis_login "$base" "$who@exempelkommun.se" "$password"
    role_cookie[$who]="Cookie: lis_session=$SESSION"
  done
  lis_login "$base" "nationell@skr.example" "$password"
  role_cookie[nationell]="Cookie: lis_session=$SESSION"

  # the static file: this engine's /people page, as the browser gets it
  [ -n "$nginx_pid" ] || nginx_start
  curl -s -H "$cookie" -o "$work/nginx/html/people.html" "$base/people"
  chmod 644 "$work/nginx/html/people.html"
  local static_kb
  static_kb=$(awk -v b="$(stat -c %s "$work/nginx/html/people.html")" 'BEGIN { printf "%.1f", b / 1024 }')

  # a cursor from the middle of the people sorted by name, and the data set's size
  local after="" json next people=0 cursors=() units=0
  while :; do
    json=$(curl -s -H "$bearer" "$base/api/v1/people?sort=name&limit=500${after:+&after=$(jq -rn --arg s "$after" '$s|@uri')}")
    people=$((people + $(jq '.items | length' <<<"$json")))
    next=$(jq -r '.next // empty' <<<"$json")
    [ -n "$next" ] || break
    cursors+=("$next")
    after=$next
  done
  [ ${#cursors[@]} -gt 0 ] || die "too few people for a deep page (the data set is too small)"
  local mid=${cursors[$(((${#cursors[@]} - 1) / 2))]}
  local mid_uri
  mid_uri=$(jq -rn --arg s "$mid" '$s|@uri')
  after=""
  while :; do
    json=$(curl -s -H "$bearer" "$base/api/v1/units?limit=500${after:+&after=$(jq -rn --arg s "$after" '$s|@uri')}")
    units=$((units + $(jq '.items | length' <<<"$json")))
    after=$(jq -r '.next // empty' <<<"$json")
    [ -n "$after" ] || break
  done

  # label | auth | path (route path for the timing log is the path before '?')
  local eps=(
    "nginx: static copy of /people (${static_kb} kB)|nginx|/people.html"
    "/health|public|/health"
    "/login (public page)|public|/login"
    "/home|cookie|/home"
    "/home (teacher: report, own items)|medarbetare|/home"
    "/home (information owner: drafts to decide)|agare|/home"
    "/home (samordnare: her förvaltning)|samordnare|/home"
    "/home (kommundirektör: the whole kommun)|ledning|/home"
    "/home (CISO: clocks, late, forum)|ciso|/home"
    "/people (first page)|cookie|/people"
    "/people deep keyset page (sort=name, after=middle)|cookie|/people?sort=name&after=$mid_uri"
    "/people?q=ander (search)|cookie|/people?q=ander"
    "/pick/people?q=and (picker among every person)|cookie|/pick/people?q=and"
    "/pick/systems?q=s (picker, one letter)|cookie|/pick/systems?q=s"
    "API /api/v1/pick/people?q=ol|bearer|/api/v1/pick/people?q=ol"
    "/units|cookie|/units"
    "/roles|cookie|/roles"
    "/audit|cookie|/audit"
    "/coverage|cookie|/coverage"
    "/org|cookie|/org"
    "/systems|cookie|/systems"
    "/classifications|cookie|/classifications"
    "/classification (overview, due list)|cookie|/classification"
    "/inventory/coverage (per förvaltning)|cookie|/inventory/coverage"
    "/objects/1/requirements (self-assessment)|cookie|/objects/1/requirements"
    "/requirements|cookie|/requirements"
    "API /api/v1/answers|bearer|/api/v1/answers"
    "/risks (register, first page)|cookie|/risks"
    "/risks?level=high (register, filtered)|cookie|/risks?level=high"
    "/risks/heatmap|cookie|/risks/heatmap"
    "/lagesbild (dashboard)|cookie|/lagesbild"
    "/actions (first page)|cookie|/actions"
    "/plan/2026 (handlingsplan)|cookie|/plan/2026"
    "API /api/v1/actions|bearer|/api/v1/actions"
    "/continuity|cookie|/continuity"
    "API /api/v1/people|bearer|/api/v1/people"
    "API /api/v1/people?limit=100|bearer|/api/v1/people?limit=100"
    "API /api/v1/units|bearer|/api/v1/units"
    "API /api/v1/audit|bearer|/api/v1/audit"
    "API /api/v1/risks|bearer|/api/v1/risks"
    "/incidents (CISO, first page)|ciso|/incidents"
    "/incidents?category=phishing&personal_data=yes (CISO)|ciso|/incidents?category=phishing&personal_data=yes"
    "/incidents/open (CISO: open ones, nearest clock)|ciso|/incidents/open"
    "/incidents/stats (CISO)|ciso|/incidents/stats"
    "/meetings (forum meetings)|cookie|/meetings"
    "/national (SKR: the 290 kommuner, per county and size class)|nationell|/national"
    "API /api/v1/national (SKR)|nationell|/api/v1/national"
    "/meetings/2 (CISO: planned meeting, agenda in priority order)|ciso|/meetings/2"
  )
  local e label kind path url hdr=()
  for e in "${eps[@]}"; do
    IFS='|' read -r label kind path <<<"$e"
    case $kind in
      nginx) check_200 "http://127.0.0.1:$nginx_port$path" ;;
      public) check_200 "$base$path" ;;
      cookie) check_200 "$base$path" -H "$cookie" ;;
      bearer) check_200 "$base$path" -H "$bearer" ;;
      *) check_200 "$base$path" -H "${role_cookie[$kind]}" ;;
    esac
  done

  local peak_file="$work/rss-peak-$engine"
  echo "$rss_idle" >"$peak_file"
  rss_sampler "$LIS_PID" "$peak_file" &
  sampler_pid=$!
  local rows=() nginx_rps=0 ratio err_note=""
  for e in "${eps[@]}"; do
    IFS='|' read -r label kind path <<<"$e"
    hdr=()
    case $kind in
      nginx) url="http://127.0.0.1:$nginx_port$path" ;;
      *) url="$base$path" ;;
    esac
    [ "$kind" = cookie ] && hdr=(-H "$cookie")
    [ "$kind" = bearer ] && hdr=(-H "$bearer")
    [ -n "${role_cookie[$kind]:-}" ] && hdr=(-H "${role_cookie[$kind]}")
    printf '  %-52s' "$label" >&2
    if [ "$kind" = nginx ]; then
      run_wrk "$url" "" "" "${hdr[@]}"
      nginx_rps=$R_RPS
    else
      run_wrk "$url" "${path%%\?*}" "$log" "${hdr[@]}"
    fi
    ratio=$(awk -v a="$R_RPS" -v b="$nginx_rps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "–" }')
    printf '%8s req/s  p50 %8s ms  p99 %8s ms  server p50 %8s ms  cpu/req %6s ms  errors %s\n' "$R_RPS" \
      "$R_P50" "$R_P99" "${R_SP50:-–}" "$R_CPU" "$R_ERR" >&2
    [ "$R_ERR" -gt 0 ] && total_errors=$((total_errors + R_ERR))
    local cpu="–"
    if [ "$kind" != nginx ]; then
      cpu=$(fmt_ms "$R_CPU")
      [ "$engine" = postgresql ] && cpu="$cpu + $(fmt_ms "$R_PGCPU")"
    fi
    rows+=("| $label | $R_RPS | $(fmt_ms "$R_P50") | $(fmt_ms "$R_P99") | $ratio | $(fmt_ms "$R_SP50") | $(fmt_ms "$R_SP99") | $cpu | $R_ERR |")
  done
  kill "$sampler_pid" 2>/dev/null
  wait "$sampler_pid" 2>/dev/null
  sampler_pid=
  local rss_peak rss_after
  rss_peak=$(cat "$peak_file")
  rss_after=$(rss_kb "$LIS_PID")
  lis_stop

  local mb='BEGIN { printf "%.1f", v / 1024 }'
  {
    echo "## $( [ "$engine" = sqlite ] && echo SQLite || echo "PostgreSQL $(basename "$(dirname "$PG_BIN")")" )"
    echo
    echo "Data set: \`lis demo --scale $scale\` generated in ${gen_s} s; logged in as $email:" \
      "Exempelkommun with $people people and $units units."
    echo "lis: cold start $cold ms (exec until /health answers; median of ${colds[*]} ms)," \
      "RSS idle $(awk -v v="$rss_idle" "$mb") MB, peak under load $(awk -v v="$rss_peak" "$mb") MB," \
      "after the load $(awk -v v="$rss_after" "$mb") MB."
    echo
    if [ "$engine" = postgresql ]; then
      echo "| Endpoint | req/s | p50 ms | p99 ms | req/s vs nginx | server p50 ms | server p99 ms | CPU ms/req lis + PostgreSQL | errors |"
    else
      echo "| Endpoint | req/s | p50 ms | p99 ms | req/s vs nginx | server p50 ms | server p99 ms | CPU ms/req | errors |"
    fi
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
  } >"$work/table-$engine.md"
}

for engine in $engines; do
  case $engine in
    sqlite | postgresql) bench_engine "$engine" ;;
    *) die "unknown engine $engine (sqlite, postgresql)" ;;
  esac
done
pg_stop

# ---- the report ----
size=$(stat -c %s "$LIS_BIN")
strip -o "$work/lis.stripped" "$LIS_BIN" 2>/dev/null && stripped=$(stat -c %s "$work/lis.stripped") || stripped=
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
elapsed=$(awk -v d=$(($(now_us) - started)) 'BEGIN { printf "%.0f", d / 1e6 }')
{
  echo "\`make bench\` on $(date '+%Y-%m-%d %H:%M %Z'): $(nproc) cores (${cpu:-unknown CPU})," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r); load average before the run $load_before."
  echo "lis $rev, built with -O2: binary $((size / 1024)) kB${stripped:+ ($((stripped / 1024)) kB stripped)};" \
    "\`lis serve --timing-log\` with its default $(nproc) worker threads."
  echo "Load: wrk -t$threads -c$conns -d${secs}s over loopback (after ${warmup} s of warm-up), on the same" \
    "machine as the server; nginx $("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///') ($(nproc) workers, access_log off)" \
    "serves a saved copy of the /people page. p50/p99 are wrk's latencies; *server* times are" \
    "lis's own (from the timing log: request parsed until response queued) for the same run;" \
    "*CPU ms/req* is the CPU time lis (and on PostgreSQL the server's processes) used during the run" \
    "divided by the requests served, which does not depend on what else the machine was doing."
  echo "Whole run: ${elapsed} s."
  echo
  for engine in $engines; do cat "$work/table-$engine.md"; done
} >"$work/results.md"
python3 bench/results_section.py bench.sh "$out" <"$work/results.md" || die "could not write $out"
cat "$work/results.md"
if [ "$total_errors" -gt 0 ]; then
  echo "bench: $total_errors requests failed during the runs (see the errors column)" >&2
  exit 1
fi
