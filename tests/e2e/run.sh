#!/usr/bin/env bash
# tests/e2e/run.sh WORKDIR - the browser tests: headless Chromium driven by playwright-core,
# every page checked with axe-core. Creates a fresh demo database in WORKDIR, serves it
# with build/lis-debug (ASan+UBSan) on a free port and runs tests/e2e/*.test.mjs against it.
# Standard output is TAP only (scripts/check.sh counts its "ok"/"not ok" lines); everything
# else goes to standard error or is a "#" comment. Exits with the test runner's status.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=${1:?usage: tests/e2e/run.sh WORKDIR}
mkdir -p "$work" && work=$(cd "$work" && pwd)
password=demo-password-1
server_pid=""

fail() { # a setup failure, as one failed TAP test so that it is counted and shown
  echo "TAP version 13"
  echo "not ok 1 - browser tests could not start: $1"
  echo "1..1"
  [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/# /' "$2" | tail -30
  exit 1
}

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null
  fi
  [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null
  server_pid=""
}
trap stop_server EXIT

command -v node >/dev/null || fail "node is not installed"
chromium=${LIS_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "no Chromium at $chromium (scripts/deps.sh test installs it)"
export LIS_CHROMIUM="$chromium"

# node_modules from package-lock.json, again whenever the lock file has changed
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
   [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  echo "# npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >"$work/e2e-npm.log" 2>&1 || fail "npm ci failed" "$work/e2e-npm.log"
fi

[ -x build/lis-debug ] || make --no-print-directory build/lis-debug >&2 || fail "could not build build/lis-debug"

# a fresh demo database
db="$work/e2e.sqlite"
rm -f "$db" "$db"-*
build/lis-debug demo --db "$db" --password "$password" >"$work/e2e-demo.log" 2>&1 ||
  fail "lis demo failed" "$work/e2e-demo.log"
# the national view's data set (290 kommuner that opted in) and a body (SKR) whose viewer
# holds only the national role (tests/e2e/national.test.mjs)
{ build/lis-debug generate-national --db "$db" &&
  build/lis-debug init --db "$db" --tenant SKR --tenant-name "Sveriges Kommuner och Regioner" \
    --email admin@skr.example --name "Sara Admin" --password "$password" &&
  build/lis-debug user add --db "$db" --tenant SKR --email nora@skr.example --name "Nora Nationell" \
    --role national_viewer --password "$password"; } >>"$work/e2e-demo.log" 2>&1 ||
  fail "the national data set failed" "$work/e2e-demo.log"

# GET /health answered "ok"? (bash only: no curl needed)
healthy() {
  local reply
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" &&
            printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && timeout 2 cat <&3) 2>/dev/null)
  [[ $reply == "HTTP/1.1 200"* ]]
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# a random high port; should another program take it first, try another
log="$work/e2e-server.log"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
port=""
for _ in 1 2 3 4 5; do
  p=$((20000 + RANDOM % 30000))
  port_in_use "$p" && continue
  build/lis-debug serve --db "$db" --listen "127.0.0.1:$p" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 150); do
    if healthy "$p"; then port=$p; break 2; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  stop_server
done
[ -n "$port" ] || fail "build/lis-debug serve did not answer /health" "$log"
echo "# lis-debug serving $db on 127.0.0.1:$port" >&2

LIS_URL="http://127.0.0.1:$port" LIS_DEMO_PASSWORD="$password" \
  node --test --test-reporter=tap tests/e2e/
status=$?

stop_server
# the server ran under AddressSanitizer and UndefinedBehaviorSanitizer: a report fails
if grep -qE 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:' "$log"; then
  echo "# lis-debug reported sanitizer errors:"
  grep -E -A12 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log" | head -60 | sed 's/^/# /'
  [ $status -eq 0 ] && status=1
fi
exit $status
