#!/usr/bin/env bash
# ./tracker.sh test-package: the Debian package, checked by others' tools and
# installed as an operator would, into a minimal Debian 12 root:
#   lintian (no errors), systemd-analyze verify (no complaint) of its units,
#   dpkg -i + apt-get -f install (its Depends: pull in the libraries),
#   the system user and the config's permissions, --version, migrate and
#   serve as that user (/readyz answers 200 from the host), the backup
#   script with its rotation and audit verify, restore, SIGTERM → exit 0,
#   and removal keeping the data.
# Usage: tests/fresh/test-package.sh DEB
set -euo pipefail
deb=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/fresh/minimal_root.sh
root=$PWD/build-fresh/package-root
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "lintian"
lint_status=0
lint=$(lintian --tag-display-limit 0 "$deb" 2>&1) || lint_status=$?
lint=$(grep -v 'running with root privileges' <<<"$lint" || true)
echo "${lint:-(nothing)}"
# Exit 1 with E: lines is "errors found"; any other failure is lintian's own.
if grep -q '^E:' <<<"$lint"; then fail "lintian reports errors"; fi
[ "$lint_status" = 0 ] || fail "lintian failed (exit $lint_status)"

step "systemd-analyze verify"
units=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; leave_root "$root"; rm -rf "$units"' EXIT
dpkg-deb -x "$deb" "$units"
# The units' dependencies (sysinit.target, …) come from the host's systemd.
cp -an /lib/systemd/system/. "$units/lib/systemd/system/"
verified=$(systemd-analyze verify --root="$units" --man=no "$units"/lib/systemd/system/dossier-tracker*.service \
  "$units"/lib/systemd/system/dossier-tracker-backup.timer 2>&1) || fail "systemd-analyze verify: $verified"
[ -z "$verified" ] || fail "systemd-analyze verify complains: $verified"
systemd-analyze security --offline=true --root="$units" "$units/lib/systemd/system/dossier-tracker.service" 2>&1 | tail -1

step "install into a minimal Debian 12 root"
fresh_root "$root"
enter_root "$root"
cp "$deb" "$root/tmp/"
started=$(date +%s)
in_root "$root" dpkg -i "/tmp/$(basename "$deb")" >/dev/null 2>&1 || true  # Depends missing: expected
in_root "$root" apt-get update -qq
in_root "$root" apt-get -f install -y -qq --no-install-recommends >"$root.install.log" 2>&1 ||
  { tail -30 "$root.install.log"; fail "apt-get -f install"; }
in_root "$root" dpkg-query -W -f='${Status}\n' dossier-tracker | grep -q "install ok installed" ||
  fail "dossier-tracker is not installed"
echo "installed with its dependencies in $(($(date +%s) - started)) s"

step "what the package made"
version=$(in_root "$root" dossier-tracker --version)
[ "$version" = "dossier-tracker $(dpkg-deb -f "$deb" Version)" ] || fail "--version says '$version'"
echo "$version"
in_root "$root" getent passwd dossier-tracker >/dev/null || fail "no system user dossier-tracker"
perms=$(in_root "$root" stat -c '%a %U:%G' /etc/dossier-tracker/config.toml)
[ "$perms" = "640 root:dossier-tracker" ] || fail "config.toml is $perms"
in_root "$root" dpkg-query --showformat='${Conffiles}\n' --show dossier-tracker | grep -q /etc/dossier-tracker/config.toml ||
  fail "config.toml is not a conffile"
in_root "$root" man -w dossier-tracker >/dev/null 2>&1 || [ -f "$root/usr/share/man/man1/dossier-tracker.1.gz" ] ||
  fail "no man page"
as_service() {
  in_root "$root" setpriv --reuid=dossier-tracker --regid=dossier-tracker --init-groups \
    sh -c "cd /var/lib/dossier-tracker && $1"
}

step "migrate, serve, /readyz"
as_service "dossier-tracker migrate --config /etc/dossier-tracker/config.toml" | grep -q "schema version" ||
  fail "migrate"
log=$root/tmp/serve.log
# (exec all the way down: $! is the server's own pid.)
(exec chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 setpriv --reuid=dossier-tracker \
  --regid=dossier-tracker --init-groups sh -c "cd /var/lib/dossier-tracker && exec dossier-tracker serve \
  --config /etc/dossier-tracker/config.toml --listen 127.0.0.1:0") >"$log" 2>&1 &
server=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$log"; fail "serve did not listen"; }
ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")
[ "$ready" = 200 ] || fail "/readyz answered $ready"
echo "serve listens on port $port, /readyz 200"

step "the daily backup script: verified, rotated"
for _ in 1 2 3; do
  as_service "BACKUP_KEEP=2 /usr/libexec/dossier-tracker/backup" >/dev/null || fail "backup script"
  sleep 1.1  # one backup per second at most: the names are timestamps
done
kept=$(ls "$root/var/backups/dossier-tracker" | grep -c '^tracker-.*\.db$')
[ "$kept" = 2 ] || fail "$kept backups kept, not 2"
newest=$(ls "$root/var/backups/dossier-tracker" | sort -r | head -1)
as_service "dossier-tracker restore --from /var/backups/dossier-tracker/$newest --db /tmp/restored.db" | grep -q "audit trail intact" ||
  fail "restore of $newest"
echo "2 backups kept of 3, the newest restores"

kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
[ "$status" = 0 ] || fail "serve exited $status after SIGTERM"

step "removal keeps the data"
in_root "$root" apt-get remove -y -qq dossier-tracker >/dev/null 2>&1 || fail "apt-get remove"
[ -f "$root/var/lib/dossier-tracker/tracker.db" ] || fail "the database went with the package"
echo "PASS: package $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
