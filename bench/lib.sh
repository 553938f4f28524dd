# bench/lib.sh - shared by bench/bench.sh and bench/soak.sh (sourced, not run).
# Expects: $root (the repository), $work (a temporary directory, mode 755).

die() {
  echo "bench: $*" >&2
  exit 1
}

# Installs the Debian packages for the given commands when a command is missing, quietly,
# like scripts/deps.sh. Arguments: command names among nginx wrk curl jq postgresql perf.
bench_deps() {
  local missing=() c
  for c in "$@"; do
    case $c in
      postgresql) ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql) ;;
      nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx) ;;
      *) command -v "$c" >/dev/null 2>&1 || missing+=("$c") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "bench needs: ${missing[*]}; install them as root (apt-get install ...)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  local pkgs=() p
  for p in "${missing[@]}"; do
    # nginx-light is enough (a static file); newer Debian releases only have nginx
    if [ "$p" = nginx ] && apt-cache show nginx-light >/dev/null 2>&1; then p=nginx-light; fi
    pkgs+=("$p")
  done
  echo "installing: ${pkgs[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

# ---- PostgreSQL: a temporary cluster as the postgres user (initdb refuses root) ----
pg_start() { # -> PG_BIN PG_DIR PG_PORT
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$PG_BIN" ] || die "no PostgreSQL server found under /usr/lib/postgresql"
  PG_DIR="$work/pg"
  mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
  PG_PORT=$((55000 + RANDOM % 5000))
  if ! runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -E UTF8 --locale=C.UTF-8 \
        >"$work/initdb.log" 2>&1; then
    tail -20 "$work/initdb.log" >&2
    die "initdb failed"
  fi
  # fsync and synchronous_commit off: this cluster only holds a throw-away data set
  if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 2>&1; then
    tail -20 "$PG_DIR/log" >&2
    die "PostgreSQL did not start"
  fi
  PG_STARTED=1
}

pg_stop() {
  if [ -n "${PG_STARTED:-}" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
    PG_STARTED=
  fi
}

pg_new_db() { # name -> prints the URL
  PGOPTIONS='-c client_min_messages=warning' runuser -u postgres -- "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -q -c "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" postgres >/dev/null || die "cannot create database $1"
  echo "postgresql:///$1?host=$PG_DIR&port=$PG_PORT&user=postgres"
}

# ---- lis ----
# The binary the runs use: a copy taken at the start (snapshot_lis), so that a `make lis`
# elsewhere during a long run cannot swap the program between measurements.
LIS_BIN=${LIS_BIN:-$root/lis}
snapshot_lis() {
  cp "$root/lis" "$work/lis" || die "cannot copy ./lis"
  LIS_BIN="$work/lis"
}

now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }

# GET /health over bash's /dev/tcp (no fork per attempt, so the start-up time is exact)
health_ok() { # port
  local line=
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 2>/dev/null
  IFS= read -r -t 5 line <&3
  exec 3>&- 3<&-
  [[ $line == HTTP/1.?" 200"* ]]
}

# Starts lis and waits for /health: sets LIS_PID and COLD_MS (exec until /health answers).
lis_start() { # db port stderr-file [extra serve options]
  local db=$1 port=$2 log=$3
  shift 3
  local t0 t1
  t0=$(now_us)
  "$LIS_BIN" serve --db "$db" --listen "127.0.0.1:$port" "$@" 2>>"$log" &
  LIS_PID=$!
  until health_ok "$port"; do
    if ! kill -0 "$LIS_PID" 2>/dev/null; then
      tail -20 "$log" >&2
      LIS_PID=
      die "lis serve exited before answering /health"
    fi
    if [ $(($(now_us) - t0)) -gt 30000000 ]; then die "lis did not answer /health within 30 s"; fi
  done
  t1=$(now_us)
  COLD_MS=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1000 }')
}

lis_stop() {
  if [ -n "${LIS_PID:-}" ]; then
    kill -TERM "$LIS_PID" 2>/dev/null
    wait "$LIS_PID" 2>/dev/null
    LIS_PID=
  fi
}

# CPU time (utime + stime, clock ticks) of one process, and of every PostgreSQL server
# process of the temporary cluster (children of its postmaster).
cpu_ticks() { # pid
  local stat
  read -r stat <"/proc/$1/stat" || { echo 0; return; }
  stat=${stat##*) }
  set -- $stat
  echo $((${12} + ${13}))
}

pg_cpu_ticks() {
  [ -n "${PG_STARTED:-}" ] || { echo 0; return; }
  local master sum=0 f stat
  read -r master <"$PG_DIR/data/postmaster.pid"
  for f in /proc/[0-9]*/stat; do
    read -r stat 2>/dev/null <"$f" || continue
    stat=${stat##*) }
    set -- $stat
    [ "$2" = "$master" ] && sum=$((sum + ${12} + ${13}))
  done
  echo "$sum"
}

rss_kb() { # pid [field] -> VmRSS (or the field, e.g. RssAnon) in kB (no fork)
  local k v _ want="${2:-VmRSS}:"
  while read -r k v _; do
    if [ "$k" = "$want" ]; then echo "$v"; return; fi
  done <"/proc/$1/status"
  echo 0
}

# Logs in through the form: GET /login gives the lis_pre cookie, POST /login must carry the
# same value in _pre. Sets SESSION (the lis_session cookie value) and CSRF.
lis_login() { # base-url email password
  local base=$1 jar="$work/cookies.$RANDOM" pre code
  curl -s -c "$jar" -b "$jar" -o "$work/login.html" "$base/login" || die "GET /login failed"
  pre=$(sed -n 's/.*name="_pre" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
  [ -n "$pre" ] || die "no _pre field on /login"
  code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "_pre=$pre" \
    --data-urlencode "email=$2" --data-urlencode "password=$3" "$base/login")
  [ "$code" = 303 ] || die "POST /login as $2 answered $code (want 303)"
  SESSION=$(awk '$6 == "lis_session" { print $7 }' "$jar")
  [ -n "$SESSION" ] || die "no lis_session cookie after logging in"
  curl -s -H "Cookie: lis_session=$SESSION" -o "$work/home.html" "$base/home"
  CSRF=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$work/home.html" | head -1)
  [ -n "$CSRF" ] || die "no _csrf field on /home"
}

# Creates an API token through the UI (POST /tokens): sets TOKEN.
lis_token() { # base-url name
  curl -s -H "Cookie: lis_session=$SESSION" --data-urlencode "_csrf=$CSRF" \
    --data-urlencode "name=$2" -o "$work/token.html" "$1/tokens"
  TOKEN=$(sed -n 's/.*<code class="token" id="new-token">\([^<]*\)<.*/\1/p' "$work/token.html" | head -1)
  [ -n "$TOKEN" ] || die "POST /tokens showed no new token"
}

free_port() { # prints a port nobody listens on
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    { exec 4<>"/dev/tcp/127.0.0.1/$p"; } 2>/dev/null || { echo "$p"; return; }
    exec 4>&- 4<&-
  done
}
