#!/usr/bin/env bash
# ./tracker.sh test-fresh: CI as on a newcomer's machine. A minimal Debian 12
# root (debootstrap --variant=minbase bookworm, nothing added), a clone of
# this repository's committed HEAD in /work/main, ../shared copied beside it
# as /work/shared, and .ci/run in a chroot: everything the tests need must
# come from tracker.sh's own installs. Prints the time each part took; the
# whole log is in build-fresh/ci-root.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/fresh/minimal_root.sh
root=$PWD/build-fresh/ci-root
log=$PWD/build-fresh/ci-root.log
[ -d ../shared ] || { echo "no ../shared beside the repository (CI has it)" >&2; exit 1; }

trap 'leave_root "$root"' EXIT
started=$(date +%s)
fresh_root "$root"
enter_root "$root"
mkdir -p "$root/work"
git clone --quiet --no-hardlinks "$PWD" "$root/work/main"
cp -a ../shared "$root/work/shared"
echo "minimal root ready in $(($(date +%s) - started)) s; HEAD $(git -C "$root/work/main" log -1 --format='%h %s' | cut -c1-72)"

ci_started=$(date +%s)
status=0
in_root "$root" /bin/bash -c 'cd /work/main && .ci/run' >"$log" 2>&1 || status=$?
echo ".ci/run in the minimal root: exit $status after $(($(date +%s) - ci_started)) s (log: $log)"
grep -E "tests passed|tests failed|^PASS|^FAIL|No sanitizer reports|Sanitizer reports" "$log" || true
[ "$status" = 0 ] || tail -60 "$log"
exit "$status"
