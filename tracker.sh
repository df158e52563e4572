#!/usr/bin/env bash
# The README's two commands:
#   ./tracker.sh start   install what is missing, build, start on http://127.0.0.1:8080 with demo data
#   ./tracker.sh test    install what is missing, build, run the whole test suite (CTest), then
#                        the fuzz smoke run (clang + libFuzzer + ASan/UBSan in build-fuzz)
# and the second test configuration:
#   ./tracker.sh test-sanitizers   the whole test suite built with clang, ASan and UBSan (build-asan)
# and for operators:
#   ./tracker.sh package        the Debian package build-package/dossier-tracker_<version>_amd64.deb
#   ./tracker.sh test-package   package, then lintian, systemd-analyze and an install into a minimal root
#   ./tracker.sh test-fresh     .ci/run in a minimal Debian 12 root (debootstrap), as on a new machine
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-program-options1.81-dev
  libssl-dev libsqlitecpp-dev libsqlite3-dev libsodium-dev libtomlplusplus-dev
  libhowardhinnant-date-dev catch2 fonts-dejavu-core
  libzxing-dev libcairo2-dev libpango1.0-dev libpng-dev libturbojpeg0-dev libcurl4-openssl-dev libpq-dev)
# postgresql-15 (initdb, pg_ctl): the throwaway cluster of the PostgreSQL tests
# (tests/pg/cluster.sh); postgresql-client-15 and -common: psql, /usr/bin/psql.
TEST_PACKAGES=(sqlite3 curl ca-certificates zbar-tools poppler-utils python3-aiosmtpd chromium
  clang libclang-rt-14-dev faketime prometheus postgresql-15 postgresql-client-15 postgresql-client-common)
# Building and checking the Debian package, and the minimal roots.
PACKAGE_TOOLS=(dpkg-dev file lintian systemd debootstrap curl git)
BUILD_DIR=${BUILD_DIR:-build}
PACKAGE_BUILD_DIR=${PACKAGE_BUILD_DIR:-build-package}
FUZZ_BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# build [TARGET]: configure (tests included, so one build directory serves
# both commands) and build everything, or only TARGET.
build() {
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)" ${1:+--target "$1"}
}

# Run-time options of the sanitized builds. Reports go to files in
# $1/sanitizer-logs (a server started by a test has its stderr in a
# temporary log that is deleted), which check_sanitizer_logs prints.
# Suppressions: third-party leaks only, each justified in tests/lsan.supp.
sanitizer_env() {
  local logs="$1/sanitizer-logs"
  rm -rf "$logs"
  mkdir -p "$logs"
  export ASAN_OPTIONS="log_path=$logs/report:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
  export UBSAN_OPTIONS="log_path=$logs/report:print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
}

# Prints every sanitizer report of the run; fails when there is one.
check_sanitizer_logs() {
  local logs="$1/sanitizer-logs"
  [ -n "$(ls -A "$logs" 2>/dev/null)" ] || { echo "No sanitizer reports."; return 0; }
  echo "Sanitizer reports (in $logs):"
  for f in "$logs"/*; do
    echo "== $f"
    cat "$f"
  done
  return 1
}

# The fuzz smoke run: every target of tests/fuzz for a fixed number of runs
# over its seed corpus (ctest -L fuzz). Only the fuzz targets are built.
# (Called after `||`, where set -e does not apply: hence the && chain.)
fuzz_smoke() {
  CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBUILD_TESTING=ON -DTRACKER_FUZZ=ON -DTRACKER_SANITIZE=ON >/dev/null &&
    cmake --build "$FUZZ_BUILD_DIR" --target fuzz_targets -j"$(nproc)" &&
    (cd "$FUZZ_BUILD_DIR" && ctest -L fuzz --no-tests=error --output-on-failure -j"$(nproc)")
}

# tests/browser/node_modules (playwright-core) from the lock file, unless npm
# already installed it from this lock file.
browser_test_deps() {
  local dir=tests/browser
  local installed="$dir/node_modules/.package-lock.json"
  [ -f "$installed" ] && [ ! "$dir/package-lock.json" -nt "$installed" ] && return 0
  (cd "$dir" && npm ci --no-audit --no-fund)
}

# The .deb: a Release build of the service alone, hardened as Debian builds
# are (fortify, stack protector, full RELRO), stripped by CPack.
package() {
  install_missing "${PACKAGES[@]}" "${PACKAGE_TOOLS[@]}"
  cmake -S . -B "$PACKAGE_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    "-DCMAKE_CXX_FLAGS=-D_FORTIFY_SOURCE=2 -fstack-protector-strong" \
    "-DCMAKE_EXE_LINKER_FLAGS=-Wl,-z,relro -Wl,-z,now" >/dev/null
  cmake --build "$PACKAGE_BUILD_DIR" -j"$(nproc)"
  rm -f "$PACKAGE_BUILD_DIR"/dossier-tracker_*.deb
  (cd "$PACKAGE_BUILD_DIR" && cpack -G DEB >/dev/null)
  DEB=$(ls "$PACKAGE_BUILD_DIR"/dossier-tracker_*_amd64.deb)
  echo "package: $DEB"
}

case "${1:-}" in
  start)
    install_missing "${PACKAGES[@]}"
    build dossier-tracker  # only what it runs: the tests build under ./tracker.sh test
    mkdir -p demo
    db=demo/tracker.db
    bin="$BUILD_DIR/src/cli/dossier-tracker"
    if [ ! -f "$db" ]; then
      "$bin" demo --db "$db"
    else
      echo "Using the existing demo database $db (delete it for fresh demo data)."
    fi
    token=$("$bin" admin-token --db "$db")
    cat <<MSG

Dossier Post Tracker on http://127.0.0.1:8080
  Health:         http://127.0.0.1:8080/healthz
  API (OpenAPI):  http://127.0.0.1:8080/api/v1/openapi.json
  Public lookup:  http://127.0.0.1:8080/api/v1/track/<tracking number or dossier code>
  Admin token:    $token
    e.g. curl -H "Authorization: Bearer $token" http://127.0.0.1:8080/api/v1/shipments
  Demo users log in with POST /api/v1/auth/login (see the list above).
Stop with Ctrl-C.
MSG
    exec "$bin" serve --db "$db" --listen 127.0.0.1:8080 --public-url http://127.0.0.1:8080
    ;;
  test)
    install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    # The browser tests run on Node (Debian's nodejs 18 will do) with playwright-core.
    command -v node >/dev/null && command -v npm >/dev/null || install_missing nodejs npm
    browser_test_deps
    build
    status=0
    (cd "$BUILD_DIR" && ctest --output-on-failure --timeout 600 -j2) || status=$?
    fuzz_smoke || status=1
    exit "$status"
    ;;
  test-sanitizers)
    install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    command -v node >/dev/null && command -v npm >/dev/null || install_missing nodejs npm
    browser_test_deps
    # Set before building too: catch_discover_tests runs the test binaries.
    sanitizer_env "$ASAN_BUILD_DIR"
    CC=clang CXX=clang++ cmake -S . -B "$ASAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DBUILD_TESTING=ON -DTRACKER_SANITIZE=ON >/dev/null
    cmake --build "$ASAN_BUILD_DIR" -j"$(nproc)"
    status=0
    # The browser tests find the server through TRACKER_BIN (set by CTest).
    (cd "$ASAN_BUILD_DIR" && ctest --output-on-failure --timeout 1200 -j2) || status=$?
    check_sanitizer_logs "$ASAN_BUILD_DIR" || status=1
    exit "$status"
    ;;
  package)
    package
    ;;
  test-package)
    package
    exec tests/fresh/test-package.sh "$DEB"
    ;;
  test-fresh)
    install_missing "${PACKAGE_TOOLS[@]}"
    exec tests/fresh/test-fresh.sh
    ;;
  *)
    echo "usage: $0 start | test | test-sanitizers | package | test-package | test-fresh" >&2
    exit 2
    ;;
esac
