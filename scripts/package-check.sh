#!/usr/bin/env bash
# scripts/package-check.sh [WORKDIR] - the Debian package, installed on this machine (as
# root; make check's CI machine is a fresh Debian 12): the user, files and unit are in
# place, the unit passes systemd-analyze verify, the service's command line as the lis
# user with lis.conf's settings answers /health; purge leaves nothing; an upgrade from an
# older package backs the database up and applies its migrations. Prints TAP ("ok N -",
# "not ok N -"), which check.sh counts. Refuses to run where a lis package or user exists.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-$(mktemp -d /tmp/lis-package.XXXXXX)}
mkdir -p "$work"
port=8827
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; [ -z "${2:-}" ] || echo "  # $2"; }
check() { # description, command...
  local what=$1; shift
  if "$@" >"$work/step.log" 2>&1; then ok "$what"; else notok "$what" "$(tail -5 "$work/step.log" | tr '\n' ' ')"; fi
}
finish() { echo "1..$n"; [ "$fails" -eq 0 ]; exit $?; }

if [ "$(id -u)" != 0 ] || ! command -v dpkg >/dev/null; then
  echo "# package check: needs root on Debian (dpkg); skipped"
  notok "package check runs as root on Debian"
  finish
fi
if dpkg-query -W -f='${Status}' lis 2>/dev/null | grep -q installed || getent passwd lis >/dev/null; then
  notok "package check: this machine has a lis package or user already; it installs and purges lis, so it will not run here"
  finish
fi
export DEBIAN_FRONTEND=noninteractive
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null
  dpkg --purge lis >/dev/null 2>&1
}
trap cleanup EXIT

install_deb() { # file: dpkg -i, then apt-get -f install for missing dependencies
  dpkg -i --force-confdef --force-confold "$1" >"$work/dpkg.log" 2>&1 && return 0
  apt-get install -f -y -qq --no-install-recommends >>"$work/dpkg.log" 2>&1 &&
    dpkg-query -W -f='${Status}' lis | grep -q 'install ok installed'
}
sql() { runuser -u lis -- sqlite3 /var/lib/lis/lis.sqlite "$@"; }
purged() { # nothing of lis left
  ! getent passwd lis && ! getent group lis && [ ! -e /usr/bin/lis ] && [ ! -e /usr/sbin/lis-admin ] &&
    [ ! -e /etc/lis ] && [ ! -e /var/lib/lis ] && [ ! -e /lib/systemd/system/lis.service ] &&
    [ ! -e /lib/systemd/system/lis-backup.timer ] && [ ! -e /etc/systemd/system/timers.target.wants/lis-backup.timer ] &&
    ! dpkg-query -W lis >/dev/null 2>&1
}

# ---- two packages of the same program: 1.0 ("old") and 1.1 ----
old=$(packaging/build-deb.sh 1.0 "$work/deb" 2>"$work/build.log") && new=$(packaging/build-deb.sh 1.1 "$work/deb" 2>>"$work/build.log")
if [ -z "${new:-}" ]; then notok "make deb builds the package" "$(tail -5 "$work/build.log")"; finish; fi
ok "make deb builds the package ($(basename "$new"))"

# ---- a fresh install ----
check "dpkg -i installs it (with its dependencies)" install_deb "$new"
check "a lis system user with no login shell" sh -c 'getent passwd lis | grep -q ":/var/lib/lis:/usr/sbin/nologin$" && [ "$(id -u lis)" -lt 1000 ]'
check "files in place: binary, lis-admin, lis.conf, unit, nginx example" \
  test -x /usr/bin/lis -a -x /usr/sbin/lis-admin -a -f /etc/lis/lis.conf -a -f /lib/systemd/system/lis.service \
  -a -f /usr/share/doc/lis/examples/nginx-lis.conf
check "the audit key: 64 hex digits, readable by lis alone" \
  sh -c '[ "$(stat -c %U:%a /etc/lis/audit.key)" = lis:600 ] && grep -qxE "[0-9a-f]{64}" /etc/lis/audit.key'
check "the data directory belongs to lis" sh -c '[ "$(stat -c %U:%a /var/lib/lis)" = lis:750 ]'
check "lis.conf is a conffile" sh -c 'dpkg-query -W -f="\${Conffiles}" lis | grep -q /etc/lis/lis.conf'
check "the unit is sandboxed and restarts on failure" sh -c 'u=/lib/systemd/system/lis.service;
  for w in ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes ReadWritePaths=/var/lib/lis \
    SystemCallFilter=@system-service Restart=on-failure User=lis EnvironmentFile=/etc/lis/lis.conf; do
    grep -qx "$w" $u || { echo "missing $w"; exit 1; }; done'
# systemd-analyze verify needs no systemd as PID 1, only the package
command -v systemd-analyze >/dev/null || apt-get install -y -qq --no-install-recommends systemd >/dev/null 2>&1
check "systemd-analyze verify lis.service lis-backup.service lis-backup.timer" sh -c 'cd /lib/systemd/system &&
  out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify lis.service lis-backup.service lis-backup.timer 2>&1 | grep -v -e "Failed to connect" -e "^$");
  echo "$out"; [ -z "$out" ]'
check "the backup timer is enabled" sh -c '[ -e /etc/systemd/system/timers.target.wants/lis-backup.timer ] &&
  [ -e /etc/systemd/system/multi-user.target.wants/lis.service ]'

# the service's command line (ExecStart), as lis, with lis.conf's settings and the test's port
sed -i "s/^LIS_LISTEN=.*/LIS_LISTEN=127.0.0.1:$port/" /etc/lis/lis.conf
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/lis.service)
( set -a; . /etc/lis/lis.conf; set +a; cd /var/lib/lis; eval "exec runuser -u lis -- $exec_start" ) >"$work/serve.log" 2>&1 &
server_pid=$!
health=000
for _ in $(seq 1 100); do
  health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
  [ "$health" = 200 ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if [ "$health" = 200 ]; then ok "ExecStart as lis answers GET /health with 200"; else
  notok "ExecStart as lis answers GET /health with 200" "got $health: $(tail -3 "$work/serve.log" | tr '\n' ' ')"; fi
check "it serves on the database named in lis.conf, owned by lis" sh -c '[ "$(stat -c %U /var/lib/lis/lis.sqlite)" = lis ]'
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""
check "lis-admin init creates the organisation as lis" \
  lis-admin init --tenant PKG --tenant-name Paketkommun --email admin@paket.se --name Admin --password package-check-1
check "lis-admin audit verify" lis-admin audit verify
# the backup service's command line, as lis with lis.conf's settings, twice: keep 1
backup_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/lis-backup.service)
sed -i "s/^LIS_BACKUP_KEEP=.*/LIS_BACKUP_KEEP=1/" /etc/lis/lis.conf
run_backup() { ( set -a; . /etc/lis/lis.conf; set +a; cd /var/lib/lis; eval "exec runuser -u lis -- $backup_start" ); }
if run_backup >"$work/backup.log" 2>&1 && sleep 1.1 && run_backup >>"$work/backup.log" 2>&1 &&
   [ "$(ls /var/lib/lis/backups/lis-*Z.sqlite | wc -l)" = 1 ] && ls /var/lib/lis/backups/lis-*Z.sqlite.key >/dev/null; then
  ok "lis-backup.service's ExecStart writes a backup with its key; LIS_BACKUP_KEEP=1 keeps one"
else
  notok "lis-backup.service's ExecStart writes a backup with its key; LIS_BACKUP_KEEP=1 keeps one" "$(tail -3 "$work/backup.log" | tr '\n' ' ')"
fi

check "dpkg --purge lis" dpkg --purge lis
check "purge leaves nothing: user, group, binary, configuration, data, unit" purged

# ---- an upgrade: 1.0 with data and a schema from before migration 0039, then 1.1 ----
check "the older package installs" install_deb "$old"
check "data written with the older package" \
  lis-admin init --tenant GAMMAL --tenant-name Gamlakommun --email admin@gammal.se --name Admin --password package-check-1
# migration texts never change once applied (migrate.c checks them), so 0039 stays a table
# of its own: dropping it (and forgetting 0046, which added a column to it) makes this
# database one the older program made
check "the database made as before migration 0039" \
  sql "DROP TABLE directory_setting; DELETE FROM schema_migrations WHERE version IN (39, 46)"
check "dpkg -i of the newer package upgrades" install_deb "$new"
backup=$(ls /var/lib/lis/backups/pre-upgrade-1.0-*.sqlite 2>/dev/null | head -1)
check "a backup was made before migrating, with the key beside it" test -n "$backup" -a -f "$backup.key"
check "the backup is the database as it was (no 0039, the organisation there)" sh -c \
  "[ \"\$(sqlite3 '$backup' 'SELECT COUNT(*) FROM schema_migrations WHERE version = 39')\" = 0 ] &&
   [ \"\$(sqlite3 '$backup' \"SELECT name FROM tenant WHERE code = 'GAMMAL'\")\" = Gamlakommun ]"
check "migration 0039 applied on upgrade" sh -c \
  "[ \"\$(sqlite3 /var/lib/lis/lis.sqlite 'SELECT COUNT(*) FROM schema_migrations WHERE version = 39')\" = 1 ] &&
   sqlite3 /var/lib/lis/lis.sqlite 'SELECT COUNT(*) FROM directory_setting' >/dev/null"
check "the data is still there and its audit log verifies" sh -c \
  "[ \"\$(sqlite3 /var/lib/lis/lis.sqlite \"SELECT name FROM tenant WHERE code = 'GAMMAL'\")\" = Gamlakommun ] && lis-admin audit verify"
check "the audit key was kept across the upgrade" sh -c 'cmp -s /etc/lis/audit.key "$0.key"' "$backup"
check "dpkg --purge lis after the upgrade" dpkg --purge lis
check "purge leaves nothing after the upgrade" purged
finish
