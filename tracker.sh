#!/usr/bin/env bash
# The README's two commands:
#   ./tracker.sh start   install what is missing, build, start on http://127.0.0.1:8080 with demo data
#   ./tracker.sh test    install what is missing, build, run the whole test suite (CTest)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-program-options1.81-dev
  libssl-dev libsqlitecpp-dev libsqlite3-dev libsodium-dev libtomlplusplus-dev
  libhowardhinnant-date-dev catch2 fonts-dejavu-core
  libzxing-dev libcairo2-dev libpango1.0-dev libpng-dev libturbojpeg0-dev libcurl4-openssl-dev)
TEST_PACKAGES=(sqlite3 curl ca-certificates zbar-tools poppler-utils python3-aiosmtpd chromium)
BUILD_DIR=${BUILD_DIR:-build}

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

build() {
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

# tests/browser/node_modules (playwright-core) from the lock file, unless npm
# already installed it from this lock file.
browser_test_deps() {
  local dir=tests/browser
  local installed="$dir/node_modules/.package-lock.json"
  [ -f "$installed" ] && [ ! "$dir/package-lock.json" -nt "$installed" ] && return 0
  (cd "$dir" && npm ci --no-audit --no-fund)
}

case "${1:-}" in
  start)
    install_missing "${PACKAGES[@]}"
    build
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
    cd "$BUILD_DIR"
    ctest --output-on-failure --timeout 600 -j2
    ;;
  *)
    echo "usage: $0 start | test" >&2
    exit 2
    ;;
esac
