#!/usr/bin/env bash
# Scan ingest with and without notification dispatch, in one run (issue 4):
# the same durable POST /api/v1/scans load, first with no subscriber, then
# with a webhook subscribed to every scan's event and answering after 200 ms.
# Usage: tests/bench/run_notify_bench.sh [BUILD_DIR]  (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
bin=$build/src/cli/dossier-tracker
loadgen=${LOADGEN:-$build/tests/bench/bench_loadgen}
duration=${DURATION:-10}
work=$(mktemp -d /tmp/notify-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# A webhook receiver that takes 200 ms to answer, many at a time.
cat > "$work/slow_peer.py" <<'PY'
import http.server, socketserver, sys, time
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        time.sleep(0.2)
        self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(('127.0.0.1', 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
/usr/bin/python3 "$work/slow_peer.py" > "$work/peer.port" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/peer.port" ] && break; sleep 0.1; done
peer=$(cat "$work/peer.port")

measure() {  # $1 = label, $2 = subscribe (yes/no)
  local db=$work/$1.db
  local token; token=$("$bin" admin-token --db "$db")
  "$bin" serve --db "$db" --listen 127.0.0.1:0 > "$work/$1.out" 2> "$work/$1.err" &
  local pid=$!; pids+=($pid)
  for _ in $(seq 100); do grep -q listening "$work/$1.out" 2>/dev/null && break; sleep 0.1; done
  local port; port=$(grep -o '[0-9]*$' "$work/$1.out")
  local auth="Authorization: Bearer $token" json='Content-Type: application/json'
  curl -sf -H "$auth" -H "$json" -d '{"code":"PO","kind":"post_office","name":"Bưu cục"}' "localhost:$port/api/v1/offices" > /dev/null
  curl -sf -H "$auth" -H "$json" -d '{"code":"AG","kind":"agency","name":"UBND","agency_code":"000.00.19.H12"}' "localhost:$port/api/v1/offices" > /dev/null
  if [ "$2" = yes ]; then
    curl -sf -H "$auth" -H "$json" -d "{\"url\":\"http://127.0.0.1:$peer/hook\",\"events\":[\"arrived\"],\"secret\":\"bench-secret-0123456\"}" "localhost:$port/api/v1/webhooks" > /dev/null
  fi
  local tns=""
  for _ in $(seq 200); do
    tns="$tns,$(curl -sf -H "$auth" -H "$json" -d '{"kind":"dossier","agency":"AG","office":"PO","citizen":{"name":"Nguyễn Văn An","phone":"0912345678"}}' "localhost:$port/api/v1/shipments" | /usr/bin/python3 -c 'import json,sys;print(json.load(sys.stdin)["tracking_number"])')"
  done
  local result
  result=$("$loadgen" --host 127.0.0.1 --port "$port" --connections 64 --duration "$duration" --threads 1 \
             --path /api/v1/scans --header "$auth" --scan-body "${tns#,},PO")
  local outbox
  outbox=$(curl -sf "localhost:$port/metrics" | grep '^tracker_notifications' | tr '\n' ' ' || true)
  echo "$1 $result"
  echo "$1 outbox: ${outbox:-none}"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure without_notifications no
measure with_slow_webhook yes
