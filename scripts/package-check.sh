#!/usr/bin/env bash
# scripts/package-check.sh [WORKDIR] - the Debian package on a bare Debian 12 (README
# "Installing as a package"): a fresh bookworm made by debootstrap, booted with systemd as
# its PID 1 in a container (systemd-nspawn --boot, a network of its own: loopback only),
# where the package is installed with apt (its dependencies from Debian's mirror), the unit
# is checked, `systemctl start lis` runs it under its own sandbox and /health answers,
# `systemctl stop` stops it, purge leaves nothing, and an upgrade from an older package
# backs the database up before applying its migrations and starts the service again.
# Prints TAP ("ok N -", "not ok N -"), which check.sh counts.
#
# Where systemd-nspawn cannot run (inside a chroot, whose / is no mount point: "Failed to
# mount n/a on /"), the same Debian 12 is entered with chroot instead: the package is
# installed, configured, run as its unit's ExecStart as the lis user, backed up, upgraded
# and purged just the same; what needs systemd as PID 1 (the service started by systemctl,
# its sandbox seen in /proc) is reported as skipped, with that reason (LIS_PACKAGE_MODE=
# chroot forces this mode, to try it).
#
# The machine is left as it was: nothing is installed on it. Needs root, debootstrap and
# systemd-nspawn (scripts/deps.sh test installs both). The base system is made once and
# kept as a tarball (about 230 MB, with the package lists) in LIS_PACKAGE_CACHE
# (/var/cache/lis-package-check), with the .deb files apt fetched, so a later run reads
# nothing from the network unless Debian has published newer packages; each run unpacks
# a clean copy. The first run on a machine takes as long as debootstrap (2–12 min, the
# mirror's speed), later ones 1–4 min (3.5 min at load 15).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-$(mktemp -d /tmp/lis-package.XXXXXX)}
mkdir -p "$work" && work=$(cd "$work" && pwd)
cache=${LIS_PACKAGE_CACHE:-/var/cache/lis-package-check}
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; [ -z "${2:-}" ] || echo "  # $2"; }
check() { # description, command...
  local what=$1; shift
  if "$@" >"$work/step.log" 2>&1; then ok "$what"; else notok "$what" "$(tail -5 "$work/step.log" | tr '\n' ' ')"; fi
}
finish() { echo "1..$n"; [ "$fails" -eq 0 ]; exit $?; }

if [ "$(id -u)" != 0 ] || ! command -v debootstrap >/dev/null || ! command -v systemd-nspawn >/dev/null; then
  echo "# package check: needs root, debootstrap and systemd-nspawn (scripts/deps.sh test); skipped"
  notok "package check runs as root with debootstrap and systemd-nspawn"
  finish
fi

# ---- two packages of the same program: 1.0 ("old") and 1.1 ----
old=$(packaging/build-deb.sh 1.0 "$work/deb" 2>"$work/build.log") && new=$(packaging/build-deb.sh 1.1 "$work/deb" 2>>"$work/build.log")
if [ -z "${new:-}" ]; then notok "make deb builds the package" "$(tail -5 "$work/build.log")"; finish; fi
ok "make deb builds the package ($(basename "$new"))"

# ---- the bare Debian 12: made once, then a clean copy each run ----
mkdir -p "$cache/archives/partial"
exec 9>"$cache/lock"
flock -w 1800 9 || { notok "the cache $cache is free (another package check holds it)"; finish; }
base=$cache/bookworm-base.tar
sysroot=$work/root
leader=""
nspawn_pid=""
mode=${LIS_PACKAGE_MODE:-}
mounted=""
nspawn() { # a command in the unbooted system, with the network and the shared .deb cache
  if [ "$mode" = chroot ]; then
    chroot_mounts && chroot "$sysroot" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
    return
  fi
  systemd-nspawn -q --register=no --keep-unit --bind="$cache/archives:/var/cache/apt/archives" \
    -D "$sysroot" env DEBIAN_FRONTEND=noninteractive "$@"
}
chroot_mounts() { # /proc and the .deb cache, once; the host's resolver for apt
  [ -z "$mounted" ] || return 0
  mount -t proc proc "$sysroot/proc" && mount --bind "$cache/archives" "$sysroot/var/cache/apt/archives" || return 1
  cp /etc/resolv.conf "$sysroot/etc/resolv.conf" 2>/dev/null
  mounted=yes
}
chroot_unmount() {
  [ -n "$mounted" ] || return 0
  umount -l "$sysroot/var/cache/apt/archives" "$sysroot/proc" 2>/dev/null
  mounted=""
}
nspawn_works() { # systemd-nspawn can run a command in the system at $sysroot
  [ "${LIS_PACKAGE_MODE:-}" != chroot ] &&
    systemd-nspawn -q --register=no --keep-unit -D "$sysroot" /bin/true >"$work/nspawn-try.log" 2>&1
}
cleanup() {
  if [ -n "$nspawn_pid" ]; then
    kill -TERM "$nspawn_pid" 2>/dev/null # nspawn asks its systemd to power off
    for _ in $(seq 1 100); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$nspawn_pid" 2>/dev/null
    wait "$nspawn_pid" 2>/dev/null
  fi
  stop_direct
  chroot_unmount
  [ -z "${1:-}" ] || return 0
  rm -rf --one-file-system "$sysroot"
}
trap cleanup EXIT
if [ ! -s "$base" ]; then
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
  [ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  rm -rf "$sysroot"
  if debootstrap --variant=minbase --include=systemd,systemd-sysv,ca-certificates bookworm "$sysroot" \
       "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1; then
    # the machine's own sources (updates and security too), their lists kept in the tarball
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      cp /etc/apt/sources.list.d/debian.sources "$sysroot/etc/apt/sources.list.d/" && rm -f "$sysroot/etc/apt/sources.list"
    fi
    rm -f "$sysroot"/var/cache/apt/archives/*.deb
    : >"$sysroot/etc/machine-id" # made at first boot, each copy its own
    nspawn_works || mode=chroot
    nspawn apt-get update -qq >>"$work/debootstrap.log" 2>&1 && chroot_unmount &&
      tar -C "$sysroot" -cf "$base.new" . && mv "$base.new" "$base"
  fi
  if [ ! -s "$base" ]; then notok "debootstrap makes a Debian 12" "$(tail -3 "$work/debootstrap.log" | tr '\n' ' ')"; finish; fi
  ok "debootstrap made a Debian 12 (minbase with systemd), kept in $base"
  rm -rf --one-file-system "$sysroot"
fi
mkdir -p "$sysroot" && tar -C "$sysroot" -xf "$base" ||
  { notok "a clean copy of the Debian 12 from $base"; finish; }
[ -n "$mode" ] || { nspawn_works && mode=boot || mode=chroot; }
if [ "$mode" = chroot ]; then
  echo "# systemd-nspawn cannot run here ($(tail -1 "$work/nspawn-try.log" 2>/dev/null)): the package is tried in a chroot"
fi
cp "$old" "$new" "$sysroot/root/"
old=/root/$(basename "$old")
new=/root/$(basename "$new")

# the packages lis needs, fetched now (the booted system has no network), with new lists
# only when the kept ones name packages the mirror no longer has
fetch_deps() { nspawn apt-get install -y -qq --no-install-recommends --download-only "$new"; }
fetch_deps >"$work/fetch.log" 2>&1 || { nspawn apt-get update -qq && fetch_deps; } >>"$work/fetch.log" 2>&1
check "lis's dependencies fetched from Debian's mirror into $cache/archives" \
  sh -c "! grep -q '^E:' '$work/fetch.log'"

# ---- boot it: systemd as PID 1, loopback only (or, in a chroot, no systemd at all) ----
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP no systemd as PID 1 in a chroot"; }
if [ "$mode" = chroot ]; then
  inside() { nspawn "$@"; } # nspawn() enters it with chroot in this mode
  skip "the Debian 12 boots with systemd as PID 1 (systemd-nspawn --boot)"
else
  systemd-nspawn --boot --register=no --keep-unit --private-network --console=passive \
    --bind="$cache/archives:/var/cache/apt/archives" --machine="lis-package-$$" -D "$sysroot" >"$work/boot.log" 2>&1 &
  nspawn_pid=$!
  inside() { nsenter -t "$leader" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
  state=""
  for _ in $(seq 1 150); do
    [ -n "$leader" ] || leader=$(pgrep -P "$nspawn_pid" -x systemd | head -1)
    [ -n "$leader" ] && state=$(inside systemctl is-system-running 2>/dev/null)
    case $state in running | degraded) break ;; esac
    kill -0 "$nspawn_pid" 2>/dev/null || break
    sleep 0.2
  done
  case $state in
    running | degraded) ok "the Debian 12 boots with systemd as PID 1 (systemd-nspawn --boot): $state" ;;
    *) notok "the Debian 12 boots with systemd as PID 1 (systemd-nspawn --boot)" "state '$state': $(tail -3 "$work/boot.log" | tr '\n' ' ')"; finish ;;
  esac
fi

# In a chroot the units' commands are run as systemd would: as lis, with lis.conf as the
# environment, in /var/lib/lis, the ExecStart line as the unit file has it, and lis on a
# free port of the host's loopback (the machine may serve on 8080 itself).
direct_pid=""
port=8080
unit_as_lis() { # unit file name: its ExecStart, as lis with the service's settings
  inside runuser -u lis -- sh -c 'set -a; . /etc/lis/lis.conf; set +a; cd /var/lib/lis &&
    eval "exec $(sed -n "s/^ExecStart=//p" "/lib/systemd/system/$0")"' "$1"
}
start_direct() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  inside sed -i "s/^LIS_LISTEN=.*/LIS_LISTEN=127.0.0.1:$port/" /etc/lis/lis.conf
  unit_as_lis lis.service >"$work/direct.log" 2>&1 &
  direct_pid=$!
}
stop_direct() { # SIGTERM to lis, found by its root directory (runuser and sh stand between)
  [ -n "$direct_pid" ] || return 0
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$sysroot" ] && [ "$(cat "$p/comm" 2>/dev/null)" = lis ] &&
      kill -TERM "${p#/proc/}" 2>/dev/null
  done
  wait "$direct_pid" 2>/dev/null
  direct_pid=""
  ! curl -s -o /dev/null "http://127.0.0.1:$port/health"
}
install_deb() { # file: apt installs it with its dependencies (fetched above)
  inside apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold "$1" >"$work/apt.log" 2>&1 &&
    inside dpkg-query -W -f='${Status}' lis | grep -q 'install ok installed'
}
health() { # 200 when lis answers /health on the container's loopback within 20 s
  local code=000
  for _ in $(seq 1 100); do
    if [ "$mode" = chroot ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
    else
      code=$(nsenter -t "$leader" -n curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/health || true)
    fi
    [ "$code" = 200 ] && return 0
    sleep 0.2
  done
  echo "GET /health answered $code"
  if [ "$mode" = chroot ]; then tail -5 "$work/direct.log"; else inside journalctl -u lis --no-pager -n 5; fi
  return 1
}
purged() { # nothing of lis left
  inside sh -c '! getent passwd lis && ! getent group lis && [ ! -e /usr/bin/lis ] && [ ! -e /usr/sbin/lis-admin ] &&
    [ ! -e /etc/lis ] && [ ! -e /var/lib/lis ] && [ ! -e /lib/systemd/system/lis.service ] &&
    [ ! -e /lib/systemd/system/lis-backup.timer ] && [ ! -e /etc/systemd/system/timers.target.wants/lis-backup.timer ] &&
    ! dpkg-query -W lis >/dev/null 2>&1 && ! systemctl is-active -q lis'
}

# ---- a fresh install ----
check "apt-get install ./lis.deb installs it with its dependencies" install_deb "$new"
check "a lis system user with no login shell" inside sh -c 'getent passwd lis | grep -q ":/var/lib/lis:/usr/sbin/nologin$" && [ "$(id -u lis)" -lt 1000 ]'
check "files in place: binary, lis-admin, lis.conf, unit, nginx example" \
  inside test -x /usr/bin/lis -a -x /usr/sbin/lis-admin -a -f /etc/lis/lis.conf -a -f /lib/systemd/system/lis.service \
  -a -f /usr/share/doc/lis/examples/nginx-lis.conf
check "the audit key: 64 hex digits, readable by lis alone" \
  inside sh -c '[ "$(stat -c %U:%a /etc/lis/audit.key)" = lis:600 ] && grep -qxE "[0-9a-f]{64}" /etc/lis/audit.key'
check "the data directory belongs to lis" inside sh -c '[ "$(stat -c %U:%a /var/lib/lis)" = lis:750 ]'
check "lis.conf is a conffile" inside sh -c 'dpkg-query -W -f="\${Conffiles}" lis | grep -q /etc/lis/lis.conf'
check "the unit is sandboxed and restarts on failure" inside sh -c 'u=/lib/systemd/system/lis.service;
  for w in ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes ReadWritePaths=/var/lib/lis \
    SystemCallFilter=@system-service Restart=on-failure User=lis EnvironmentFile=/etc/lis/lis.conf; do
    grep -qx "$w" $u || { echo "missing $w"; exit 1; }; done'
check "systemd-analyze verify lis.service lis-backup.service lis-backup.timer" inside sh -c 'cd /lib/systemd/system &&
  out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify lis.service lis-backup.service lis-backup.timer 2>&1 | grep -v "^$");
  echo "$out"; [ -z "$out" ]'
check "the service and the backup timer are enabled" inside systemctl is-enabled -q lis.service lis-backup.timer
if [ "$mode" = chroot ]; then
  skip "installing started the service, which answers /health"
  skip "systemctl stop lis"
  start_direct
  check "its ExecStart, run as lis with lis.conf as systemd would, answers GET /health with 200" health
  skip "it runs as lis with no new privileges and a system call filter"
  skip "its file system is read-only but for /var/lib/lis (ProtectSystem=strict)"
else
  check "installing started the service, which answers /health" health
  check "systemctl stop lis" inside sh -c 'systemctl stop lis && ! systemctl is-active -q lis'
  check "systemctl start lis" inside systemctl start lis
  check "the started service answers GET /health with 200" health
  pid=$(inside systemctl show -P MainPID lis)
  check "it runs as lis with no new privileges and a system call filter" inside sh -c \
    "grep -qE '^Uid:\s+'\$(id -u lis)'\s' /proc/$pid/status && grep -qE '^NoNewPrivs:\s+1' /proc/$pid/status &&
     grep -qE '^Seccomp:\s+2' /proc/$pid/status"
  check "its file system is read-only but for /var/lib/lis (ProtectSystem=strict)" inside sh -c \
    "nsenter -t $pid -m sh -c 'touch /etc/lis/x 2>/dev/null; [ ! -e /etc/lis/x ]' && grep -q ' /var/lib/lis .*rw' /proc/$pid/mountinfo"
fi
check "it serves on the database named in lis.conf, owned by lis" inside sh -c '[ "$(stat -c %U /var/lib/lis/lis.sqlite)" = lis ]'
check "lis-admin init creates the organisation as lis" \
  inside lis-admin init --tenant PKG --tenant-name Paketkommun --email admin@paket.se --name Admin --password package-check-1
check "lis-admin audit verify" inside lis-admin audit verify
# the backup service, twice with LIS_BACKUP_KEEP=1: one backup is kept, with its key
inside sed -i "s/^LIS_BACKUP_KEEP=.*/LIS_BACKUP_KEEP=1/" /etc/lis/lis.conf
if [ "$mode" = chroot ]; then
  backup_twice() {
    unit_as_lis lis-backup.service && sleep 1.1 && unit_as_lis lis-backup.service &&
      [ "$(ls "$sysroot"/var/lib/lis/backups/lis-*Z.sqlite | wc -l)" = 1 ] && ls "$sysroot"/var/lib/lis/backups/lis-*Z.sqlite.key
  }
  check "lis-backup.service's ExecStart as lis (twice, LIS_BACKUP_KEEP=1) keeps one backup with its key" backup_twice
  check "the service stops (SIGTERM, as systemctl stop sends)" stop_direct
else
  check "systemctl start lis-backup (twice, LIS_BACKUP_KEEP=1) keeps one backup with its key" inside sh -c \
    'systemctl start lis-backup.service && sleep 1.1 && systemctl start lis-backup.service &&
     [ "$(ls /var/lib/lis/backups/lis-*Z.sqlite | wc -l)" = 1 ] && ls /var/lib/lis/backups/lis-*Z.sqlite.key'
  check "systemctl stop lis: the service stops" inside sh -c 'systemctl stop lis && ! systemctl is-active -q lis'
fi
check "apt-get purge lis" inside apt-get purge -y -qq lis
check "purge leaves nothing: user, group, binary, configuration, data, unit" purged

# ---- an upgrade: 1.0 with data and a schema from before migration 0039, then 1.1 ----
check "the older package installs" install_deb "$old"
check "data written with the older package" \
  inside lis-admin init --tenant GAMMAL --tenant-name Gamlakommun --email admin@gammal.se --name Admin --password package-check-1
# migration texts never change once applied (migrate.c checks them), so 0039 stays a table
# of its own: dropping it (and forgetting 0046, which added a column to it) makes this
# database one the older program made
# (the service stays stopped: started, lis serve would apply the migrations itself; the
# upgrade's postinst starts it again)
as_before_0039() {
  { [ "$mode" = chroot ] || inside systemctl stop lis; } &&
    sqlite3 "$sysroot/var/lib/lis/lis.sqlite" 'DROP TABLE directory_setting; DELETE FROM schema_migrations WHERE version IN (39, 46)'
}
check "the database made as before migration 0039 (the service stopped)" as_before_0039
check "apt-get install of the newer package upgrades" install_deb "$new"
backup=$(inside sh -c 'ls /var/lib/lis/backups/pre-upgrade-1.0-*.sqlite 2>/dev/null | head -1')
check "a backup was made before migrating, with the key beside it" test -n "$backup" -a -f "$sysroot$backup.key"
check "the backup is the database as it was (no 0039, the organisation there)" sh -c \
  "[ \"\$(sqlite3 '$sysroot$backup' 'SELECT COUNT(*) FROM schema_migrations WHERE version = 39')\" = 0 ] &&
   [ \"\$(sqlite3 '$sysroot$backup' \"SELECT name FROM tenant WHERE code = 'GAMMAL'\")\" = Gamlakommun ]"
check "migration 0039 applied on upgrade" sh -c \
  "[ \"\$(sqlite3 '$sysroot/var/lib/lis/lis.sqlite' 'SELECT COUNT(*) FROM schema_migrations WHERE version = 39')\" = 1 ] &&
   sqlite3 '$sysroot/var/lib/lis/lis.sqlite' 'SELECT COUNT(*) FROM directory_setting' >/dev/null"
check "the data is still there" sh -c \
  "[ \"\$(sqlite3 '$sysroot/var/lib/lis/lis.sqlite' \"SELECT name FROM tenant WHERE code = 'GAMMAL'\")\" = Gamlakommun ]"
check "its audit log verifies after the upgrade" inside lis-admin audit verify
check "the audit key was kept across the upgrade" cmp -s "$sysroot/etc/lis/audit.key" "$sysroot$backup.key"
if [ "$mode" = chroot ]; then
  skip "the upgraded service runs again"
  start_direct
  check "the upgraded program's ExecStart answers /health" health
  check "and stops" stop_direct
else
  check "the upgraded service runs again" inside systemctl is-active -q lis
  check "and answers /health" health
fi
check "apt-get purge lis after the upgrade" inside apt-get purge -y -qq lis
check "purge leaves nothing after the upgrade" purged
finish
