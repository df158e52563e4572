#!/usr/bin/env bash
# The supervisors' reports on a large database (issue 5): fills a database
# with SHIPMENTS shipments and 8 events each (5 million and 40 million by
# default) by direct SQL on the service's own schema, then times
# GET /api/v1/reports/summary and /api/v1/reports/overdue against the real
# service (target: under one second each), and scan ingest with and without
# reports running beside it.
#
#   tests/bench/bench_reports.sh [BUILD_DIR]     (default: ../../build-reports from here)
#
# Environment (all optional):
#   SHIPMENTS=5000000  shipments; 8 events each
#   DAYS=1640          the history they spread over, ending now (about 4.5 years:
#                      a large province's 5 years of results and dossiers)
#   DB=FILE            the database (default /tmp/bench-reports/reports.db); an
#                      existing one with SHIPMENTS shipments is reused, REBUILD=1 refills it
#   RUNS=5             timings per request (the first one reads from disk)
#   INGEST=1           also the scan ingest benchmark: alone, beside a 400-day summary and a
#                      200-row overdue page every second, and beside reports back to back
#   DURATION=10        seconds per ingest run
# The data: 80 offices (40 post offices, 40 agencies); one shipment in six a
# dossier (results outnumber dossiers 5 to 1); the leg ends 6 to 65 hours
# after creation, so about half the legs are late against a J+1 deadline;
# 0.5 % of legs never end (the overdue list: ~25,000 shipments) and the last
# two days' legs are still open. Needs ~9 GB of disk and ~5 minutes to fill.
# Exits non-zero when a step could not run; slow answers are reported, not failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../../build-reports}" && pwd)
bin=$build/src/cli/dossier-tracker
loadgen=$build/tests/bench/bench_loadgen
SHIPMENTS=${SHIPMENTS:-5000000}
DAYS=${DAYS:-1640}
DB=${DB:-/tmp/bench-reports/reports.db}
RUNS=${RUNS:-5}
DURATION=${DURATION:-10}
mkdir -p "$(dirname "$DB")"
work=$(mktemp -d /tmp/bench-reports-run.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

day_ms=86400000
now_ms=$(( $(date +%s) * 1000 ))
start_ms=$(( now_ms - DAYS * day_ms ))
step_ms=$(( DAYS * day_ms / SHIPMENTS ))

fill() {
  rm -f "$DB" "$DB-wal" "$DB-shm"
  "$bin" migrate --db "$DB" > /dev/null
  # Bulk load without a journal, then back to WAL as the service runs it.
  # The shipments carry leg_ended_at and status as the service's scans would
  # leave them; the events trigger of migration 006 checks each delivered
  # event against it (and keeps it, being no earlier).
  time sqlite3 "$DB" <<SQL
PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
PRAGMA cache_size=-2000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 80)
INSERT INTO offices (id, code, kind, name, agency_code, created_at)
SELECT i,
       CASE WHEN i <= 40 THEN printf('BC-%02d', i) ELSE printf('UB-%02d', i - 40) END,
       CASE WHEN i <= 40 THEN 'post_office' ELSE 'agency' END,
       CASE WHEN i <= 40 THEN printf('Bưu cục %02d', i) ELSE printf('UBND xã %02d', i - 40) END,
       CASE WHEN i <= 40 THEN NULL ELSE printf('000.00.%02d.H12', i - 40) END,
       $start_ms
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SHIPMENTS),
p AS (SELECT i, $start_ms + i * $step_ms AS c, (i * 2654435761) % 4294967296 / 4294968 AS h FROM n),  -- 0..999
q AS (SELECT i, c, h, c + (6 + h % 60) * 3600000 AS e,
             (h < 5 OR c > $now_ms - 2 * $day_ms) AS open FROM p)
INSERT INTO shipments (id, tracking_number, kind, status, route, office_id, agency_id, citizen_name,
                       created_at, due_at, last_event_at, leg_ended_at)
SELECT i, printf('RB%08dVN', i),
       CASE WHEN i % 6 = 0 THEN 'dossier' ELSE 'result' END,
       CASE WHEN open THEN 'in_transit' ELSE 'delivered' END,
       'local',
       CASE WHEN i % 6 = 0 THEN 1 + i % 40 ELSE 41 + i % 40 END,
       CASE WHEN i % 6 = 0 THEN 41 + (i / 6) % 40 ELSE 41 + i % 40 END,
       'Nguyễn Văn An', c,
       ((c + 25200000) / $day_ms + 2) * $day_ms - 25200000 - 1000,   -- 23:59:59 +07:00 of J+1
       e,
       CASE WHEN open THEN NULL ELSE e END
FROM q;
COMMIT;
BEGIN;
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 7)
INSERT INTO events (shipment_id, event_id, type, office_id, occurred_at, recorded_at, body_hash)
SELECT s.id, lower(hex(randomblob(16))),
       CASE k.j WHEN 0 THEN 'accepted' WHEN 7 THEN (CASE WHEN s.leg_ended_at IS NULL THEN 'arrived' ELSE 'delivered' END)
                ELSE (CASE WHEN k.j % 2 = 1 THEN 'dispatched' ELSE 'arrived' END) END,
       s.office_id,
       s.created_at + (s.last_event_at - s.created_at) * (k.j + 1) / 8,
       s.created_at + (s.last_event_at - s.created_at) * (k.j + 1) / 8,
       randomblob(32)
FROM shipments s CROSS JOIN k;
COMMIT;
PRAGMA journal_mode=WAL;
SQL
}

# The generated rows (RB… numbers); the ingest step adds a few of its own.
existing=$( [[ -f $DB ]] && sqlite3 "$DB" "SELECT count(*) FROM shipments WHERE tracking_number >= 'RB' AND tracking_number < 'RC'" 2>/dev/null || echo 0)
if [[ ${REBUILD:-0} == 1 || $existing != "$SHIPMENTS" ]]; then
  echo "== filling $DB: $SHIPMENTS shipments, $((SHIPMENTS * 8)) events"
  fill
fi
echo "== database: $(sqlite3 "$DB" 'SELECT count(*) FROM shipments') shipments," \
     "$(sqlite3 "$DB" 'SELECT max(seq) FROM events') events," \
     "$(sqlite3 "$DB" 'SELECT count(*) FROM shipments WHERE leg_ended_at IS NULL') open legs," \
     "$(du -h "$DB" | cut -f1)"

token=$("$bin" admin-token --db "$DB")
TRACKER_LIMITS_LOOKUPS_PER_MINUTE=0 "$bin" serve --db "$DB" --listen 127.0.0.1:0 > "$work/out" 2> "$work/err" &
pids+=($!)
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.2; done
port=$(grep -o '[0-9]*$' "$work/out")
auth="Authorization: Bearer $token"

# time_request LABEL TARGET [HEADER]: RUNS timings in seconds, then min and median.
time_request() {
  local label=$1 target=$2 header=${3:-X-None: 1} times=() code
  for _ in $(seq "$RUNS"); do
    read -r code t < <(curl -s -o "$work/body" -w '%{http_code} %{time_total}\n' -H "$auth" -H "$header" \
      "http://127.0.0.1:$port$target")
    [[ $code == 200 ]] || { echo "$label: HTTP $code: $(head -c 300 "$work/body")" >&2; exit 1; }
    times+=("$t")
  done
  printf '%-44s %s  (%s bytes)\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n |
    awk '{a[NR]=$1} END {printf "min %.3f s  median %.3f s  max %.3f s", a[1], a[int((NR+1)/2)], a[NR]}')" \
    "$(wc -c < "$work/body")"
}

today=$(TZ=Asia/Ho_Chi_Minh date +%F)
ago() { TZ=Asia/Ho_Chi_Minh date -d "$today - $1 days" +%F; }
echo "== reports ($RUNS runs each; the first reads from disk)"
time_request "summary, all offices, 30 days" "/api/v1/reports/summary?from=$(ago 29)&to=$today"
time_request "summary, all offices, 92 days (a quarter)" "/api/v1/reports/summary?from=$(ago 91)&to=$today"
time_request "summary, all offices, 400 days" "/api/v1/reports/summary?from=$(ago 399)&to=$today"
time_request "summary, all offices, 400 days, CSV" "/api/v1/reports/summary?from=$(ago 399)&to=$today" "Accept: text/csv"
time_request "summary, one agency, 400 days" "/api/v1/reports/summary?from=$(ago 399)&to=$today&office=UB-07"
time_request "summary, one post office, 400 days" "/api/v1/reports/summary?from=$(ago 399)&to=$today&office=BC-07"
time_request "overdue, all offices, first 50" "/api/v1/reports/overdue"
time_request "overdue, all offices, 200" "/api/v1/reports/overdue?limit=200"
time_request "overdue, one agency, 200" "/api/v1/reports/overdue?limit=200&office=UB-07"
time_request "overdue, CSV (5000 rows)" "/api/v1/reports/overdue" "Accept: text/csv"
next_cursor() { /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"] or "")'; }
cursor=$(curl -s -H "$auth" "http://127.0.0.1:$port/api/v1/reports/overdue?limit=200" | next_cursor)
for _ in $(seq 49); do
  [[ -n $cursor ]] || break
  cursor=$(curl -s -H "$auth" "http://127.0.0.1:$port/api/v1/reports/overdue?limit=200&cursor=$cursor" | next_cursor)
done
if [[ -n $cursor ]]; then time_request "overdue, page 51 of 200" "/api/v1/reports/overdue?limit=200&cursor=$cursor"; fi

if [[ ${INGEST:-1} == 1 ]]; then
  echo "== scan ingest (POST /api/v1/scans, 64 connections, ${DURATION} s), alone and beside reports"
  post() { curl -s -H "$auth" -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$port$1"; }
  post /api/v1/offices '{"code":"PO-BENCH","kind":"post_office","name":"Bưu cục bench"}' > /dev/null
  tns=""
  for _ in $(seq 200); do
    tn=$(post /api/v1/shipments '{"kind":"dossier","agency":"UB-01","office":"PO-BENCH","citizen":{"name":"Nguyễn Văn An","phone":"0912345678"}}' |
         /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["tracking_number"])')
    tns="$tns,$tn"
  done
  tns=${tns#,}
  "$loadgen" --port "$port" --connections 64 --duration "$DURATION" --path /api/v1/scans --header "$auth" \
    --scan-body "$tns,PO-BENCH" | sed 's/^/alone:          /'
  # REPORTS_PAUSE seconds between two reports (0: back to back, the worst case).
  for pause in 1 0; do
    ( end=$(( $(date +%s) + DURATION + 1 )); n=0
      while (( $(date +%s) < end )); do
        curl -s -o /dev/null -H "$auth" "http://127.0.0.1:$port/api/v1/reports/summary?from=$(ago 399)&to=$today"
        sleep "$pause"
        curl -s -o /dev/null -H "$auth" "http://127.0.0.1:$port/api/v1/reports/overdue?limit=200"
        sleep "$pause"
        n=$((n + 2))
      done; echo "reports answered beside the load (pause ${pause} s): $n" ) &
    reporter=$!
    "$loadgen" --port "$port" --connections 64 --duration "$DURATION" --path /api/v1/scans --header "$auth" \
      --scan-body "$tns,PO-BENCH" | sed "s/^/beside reports, pause ${pause} s: /"
    wait "$reporter"
  done
fi
