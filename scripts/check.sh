#!/usr/bin/env bash
# make check: every suite, on SQLite and on a real PostgreSQL started here, ending
# with one line "N passed, N failed". Suites: unit (cmocka, ASan+UBSan), API over real
# HTTP (node:test) on both engines, the Debian package, browser (Chromium + axe-core),
# fuzz smoke runs.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/lis-check.XXXXXX)
chmod 755 "$work"
passed=0
failed=0
failures=()

cleanup() {
  [ -n "${pg_dir:-}" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# Each suite's line ends with the seconds it took (since the line before), to see where a
# run's time goes.
last_count=$SECONDS
count() { # suite name, passed, failed
  passed=$((passed + $2)); failed=$((failed + $3))
  [ "$3" -gt 0 ] && failures+=("$1")
  printf '%-34s %4d passed, %d failed  (%d s)\n' "$1" "$2" "$3" $((SECONDS - last_count))
  last_count=$SECONDS
}

# TAP: counts "ok" and "not ok" lines (a crash with no summary counts as one failure);
# "not ok N # SKIP" is a skip, as TAP defines it (cmocka prints skips that way)
tap_count() { # suite, logfile, exit code
  local ok notok
  ok=$(grep -cE '^\s*ok [0-9]+' "$2" || true)
  notok=$(grep -E '^\s*not ok [0-9]+' "$2" | grep -vcE '# SKIP' || true)
  if [ "$3" -ne 0 ] && [ "$notok" -eq 0 ]; then notok=1; fi
  count "$1" "$ok" "$notok"
  if [ "$notok" -gt 0 ]; then
    # each failure with its diagnostics (what was expected, what came), then the end of the log
    echo "---- $1: failures ----"
    awk '/^\s*not ok [0-9]+/ && !/# SKIP/ {n = 30} n > 0 {print; n--}' "$2" | head -150
    echo "---- $1 output (tail) ----"; tail -15 "$2"; echo "----"
  fi
}

# ---- PostgreSQL on a spare port, as the postgres user (initdb refuses root) ----
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
# A root directory that other users cannot enter (as in a chroot made by mktemp -d)
# stops every service user, postgres included: make it what a Debian install has.
[ $(( $(stat -c %a /) % 10 )) -ge 5 ] || chmod o+rx /
pg_url=""
if [ -n "$pg_bin" ]; then
  pg_dir="$work/pg"
  mkdir -p "$pg_dir" && chown postgres "$pg_dir"
  pg_port=$((55000 + RANDOM % 5000))
  if runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 &&
     runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
       -o "-p $pg_port -k $pg_dir -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null 2>&1; then
    pg_url="postgresql:///DBNAME?host=$pg_dir&port=$pg_port&user=postgres"
  else
    echo "PostgreSQL did not start:"; tail -20 "$work/initdb.log" "$pg_dir/log" 2>/dev/null
    count "postgresql start" 0 1
  fi
fi
pg_new_db() { # name -> prints URL
  (cd / && runuser -u postgres -- "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -q -c "SET client_min_messages = warning" \
     -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" postgres >/dev/null)
  echo "${pg_url//DBNAME/$1}"
}
export LIS_PG_URL_TEMPLATE="$pg_url"

# ---- the include graph: a room of the house includes only rooms below it ----
if scripts/include-graph.sh >"$work/include-graph.log" 2>&1; then
  count "include graph" 1 0
else
  count "include graph" 0 1
  echo "---- include graph ----"; cat "$work/include-graph.log"; echo "----"
fi

# ---- unit tests (cmocka, under ASan and UBSan) ----
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
for t in build/tests/test_*; do
  name=$(basename "$t")
  LIS_TEST_DB="$work/$name.sqlite" "$t" >"$work/$name.sqlite.log" 2>&1
  tap_count "unit $name (sqlite)" "$work/$name.sqlite.log" $?
  if [ -n "$pg_url" ] && grep -q LIS_TEST_DB "tests/unit/$name.c"; then
    LIS_TEST_DB=$(pg_new_db "u_$name") "$t" >"$work/$name.pg.log" 2>&1
    tap_count "unit $name (postgresql)" "$work/$name.pg.log" $?
  fi
done

# ---- node_modules from package-lock.json (the API tests run an OpenID provider, the
# browser tests Playwright and axe), again whenever the lock file has changed ----
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
   [ ! -d node_modules/oidc-provider ] || [ ! -f node_modules/playwright-core/package.json ]; then
  if npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1; then
    touch node_modules/.package-lock.json
  else
    echo "npm ci failed:"; tail -20 "$work/npm.log"; count "npm ci" 0 1
  fi
fi

# ---- the Debian package: in a fresh Debian 12 booted in a container, started, stopped,
# upgraded, purged (as root). It runs beside the API tests: on a machine's first run most
# of its time is debootstrap waiting on Debian's mirror (the base is cached after that) ----
package_pid=""
if [ -x scripts/package-check.sh ]; then
  scripts/package-check.sh "$work/package" >"$work/package.log" 2>&1 &
  package_pid=$!
fi

# ---- API tests over real HTTP, on both engines ----
if [ -d tests/api ] && ls tests/api/*.test.mjs >/dev/null 2>&1; then
  for engine in sqlite postgresql; do
    if [ $engine = sqlite ]; then db="$work/api.sqlite"; else
      [ -n "$pg_url" ] || continue
      db=$(pg_new_db api)
    fi
    # PostgreSQL has no file to keep the audit key beside: lis wants it named
    key_env=""; [ $engine = postgresql ] && key_env="$work/api-pg-audit.key"
    LIS_AUDIT_KEY_FILE="$key_env" LIS_BIN="$root/build/lis-debug" LIS_TEST_DB="$db" LIS_WORK="$work" LIS_ENGINE=$engine \
      node --test --test-reporter=tap --test-concurrency=1 tests/api/ >"$work/api-$engine.log" 2>&1
    tap_count "api ($engine)" "$work/api-$engine.log" $?
  done
fi

# ---- the Debian package: its result, from the run started before the API tests ----
if [ -n "$package_pid" ]; then
  wait "$package_pid"
  tap_count "package (deb)" "$work/package.log" $?
fi

# ---- browser tests ----
if [ -f tests/e2e/run.sh ]; then
  tests/e2e/run.sh "$work" >"$work/e2e.log" 2>&1
  tap_count "browser (chromium + axe)" "$work/e2e.log" $?
fi

# ---- fuzz smoke runs ----
if [ -f tests/fuzz/run.sh ]; then
  tests/fuzz/run.sh smoke "$work" >"$work/fuzz.log" 2>&1
  tap_count "fuzz smoke" "$work/fuzz.log" $?
fi

echo
[ ${#failures[@]} -gt 0 ] && echo "failing suites: ${failures[*]}"
echo "$passed passed, $failed failed in $SECONDS s"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
