#!/usr/bin/env bash
# Runs the dossier-tracker benchmarks in one go on this machine and prints
# every measurement and the ratios to the ceilings measured in the same run.
#
#   tests/bench/run_bench.sh [BUILD_DIR]        (default: ../../build from here)
#
# Needs the targets bench_loadgen, bench_bare_server, bench_sqlite_ceiling and
# dossier-tracker built in BUILD_DIR, plus curl and python3.
# Environment (all optional):
#   PREFILL=1000000     rows in the large-table SQLite measurement (10000000 for the issue's figure;
#                       needs ~1.8 GB in BENCH_TMPDIR and about a minute to write)
#   DURATION=10         seconds per load run
#   SHIPMENTS=50        shipments that receive the scan load (each gets requests/SHIPMENTS events,
#                       hundreds per run: raise it to see a realistic ~10 events per shipment)
#   LOOKUP_SHIPMENTS=50 shipments (with 3 events each) that the lookups read
#   LOADGEN_THREADS=1   threads of bench_loadgen
#   BENCH_TMPDIR=/tmp   where the databases go (use the disk the service would use)
#   BENCH_RESULTS=FILE  also append every JSON result line to FILE
#   DISK_OK_MS=1.0      before each durable measurement, wait until one fsync costs this little...
#   DISK_WAIT=120       ...but no longer than this many seconds (0: never wait)
#   SERVICE=PATH        the dossier-tracker binary (default BUILD_DIR/src/cli/dossier-tracker)
#   DB=postgresql://…   run the service on this (empty) PostgreSQL database instead of a new
#                       SQLite file, and measure PostgreSQL's own ceilings first with pgbench
#                       (PGBENCH=/usr/lib/postgresql/15/bin/pgbench) in a scratch table there
# Steps: the SQLite ceiling on an empty table (batches of 100, then one row
# per transaction, DURATION s each); the HTTP ceiling (bench_bare_server, GET
# at 64 and 256 connections, plus a scan-shaped POST); the service on a fresh
# database: POST /api/v1/scans and GET /api/v1/track/{tn} at 64 and 256
# connections, with its RSS after each run, and GET /api/v1/units (commune
# search) at 64; last, the SQLite ceiling again on
# a table of PREFILL rows. The disk is shared with whatever else runs on the
# machine: an fsync costs ~0.2 ms when it is quiet and 4 ms or more while
# others write (builds, tests, our own prefill). So every durable measurement
# runs for DURATION s (a sustained rate, not a burst), starts once fsync is
# cheap again (see DISK_OK_MS), the fsync cost is printed around the service
# runs so a noisy disk shows, and the large table, whose prefill writes a lot,
# comes last. Exits 0 when every step ran (missed targets are reported, not
# failed), non-zero when a step could not run. Everything it starts is stopped
# on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
bench_dir=$build/tests/bench
service=${SERVICE:-$build/src/cli/dossier-tracker}
PREFILL=${PREFILL:-1000000}
DURATION=${DURATION:-10}
SHIPMENTS=${SHIPMENTS:-50}
LOOKUP_SHIPMENTS=${LOOKUP_SHIPMENTS:-50}
LOADGEN_THREADS=${LOADGEN_THREADS:-1}
DISK_OK_MS=${DISK_OK_MS:-1.0}
DISK_WAIT=${DISK_WAIT:-120}
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3

for program in bench_loadgen bench_bare_server bench_sqlite_ceiling; do
  [[ -x $bench_dir/$program ]] || { echo "run_bench: $bench_dir/$program is not built" >&2; exit 2; }
done

tmp=$(mktemp -d "${BENCH_TMPDIR:-/tmp}/dossier-bench.XXXXXX")
results=$tmp/results
mkdir -p "$results"
started=()

stop_process() {  # PID: SIGTERM, then SIGKILL after 10 s; forgets it
  local pid=$1 kept=() p
  for p in "${started[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  started=("${kept[@]}")
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${started[@]}"; do stop_process "$pid"; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server NAME COMMAND...: runs it in the background, waits for its
# "listening on http://HOST:PORT" line; sets server_pid and server_port.
start_server() {
  local name=$1; shift
  : >"$tmp/$name.out"  # exists before the child opens it, for the sed below
  "$@" >>"$tmp/$name.out" 2>"$tmp/$name.err" &
  server_pid=$!
  started+=("$server_pid")
  for _ in $(seq 200); do
    server_port=$(sed -n 's|^listening on http://[^:]*:\([0-9]*\).*|\1|p' "$tmp/$name.out")
    [[ -n $server_port ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run_bench: $name did not start; its output:" >&2
  tail -n 20 "$tmp/$name.out" "$tmp/$name.err" >&2
  exit 1
}

# record NAME JSON: keeps a result line for the summary and prints it.
record() {
  printf '%s\n' "$2" >"$results/$1.json"
  if [[ -n ${BENCH_RESULTS:-} ]]; then
    printf '{"name": "%s", "result": %s}\n' "$1" "$2" >>"$BENCH_RESULTS"
  fi
  printf '%-22s %s\n' "$1" "$2"
}

# load NAME PORT CONNECTIONS LOADGEN-ARGS...: one bench_loadgen run.
load() {
  local name=$1 port=$2 connections=$3; shift 3
  local line
  line=$("$bench_dir/bench_loadgen" --host 127.0.0.1 --port "$port" --connections "$connections" \
           --duration "$DURATION" --threads "$LOADGEN_THREADS" "$@")
  record "$name" "$line"
}

fsync_probe() {  # NAME: what one fdatasync costs now, in the databases' directory
  record "$1" "$("$bench_dir/bench_sqlite_ceiling" --dir "$tmp" --fsync-only)"
}

# wait_for_disk NAME: waits (up to DISK_WAIT s) until one fsync costs at
# most DISK_OK_MS, so that the durable measurements start from a quiet disk;
# records the cost and how long it took.
wait_for_disk() {
  local start=$SECONDS line ms
  while :; do
    line=$("$bench_dir/bench_sqlite_ceiling" --dir "$tmp" --fsync-only)
    ms=$(sed -n 's/.*"p50_ms": \([0-9.]*\).*/\1/p' <<<"$line")
    if awk -v ms="$ms" -v ok="$DISK_OK_MS" 'BEGIN { exit !(ms <= ok) }' \
       || (( SECONDS - start >= DISK_WAIT )); then
      break
    fi
    sleep 5
  done
  record "$1" "{\"fsync_p50_ms\": $ms, \"waited_s\": $((SECONDS - start))}"
}

rss_of() {  # PID NAME: VmRSS and VmHWM (peak) in MiB
  local kb hwm
  if ! kill -0 "$1" 2>/dev/null; then
    echo "run_bench: process $1 died during $2; its output:" >&2
    tail -n 20 "$tmp"/*.err >&2
    exit 1
  fi
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status")
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$1/status")
  record "$2" "{\"vm_rss_mib\": $((kb / 1024)), \"vm_hwm_mib\": $((hwm / 1024))}"
}

echo "== machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== storage ceiling: raw SQLite inserts (WAL, synchronous=FULL) in $tmp"
wait_for_disk disk_before_sqlite
while read -r line; do
  case $line in
    *'"table": "empty"'*'"rows_per_tx": 1,'*) record sqlite_single "$line" ;;
    *'"table": "empty"'*'"rows_per_tx": 100,'*) record sqlite_batched "$line" ;;
  esac
done < <("$bench_dir/bench_sqlite_ceiling" --dir "$tmp" --seconds "$DURATION" --repeat 1)

# PostgreSQL's ceilings, when the service runs on it: pgbench at 64
# connections on a scratch table of the same database (dropped afterwards):
# one durable commit per row, 100 single-row INSERTs per commit (the
# service's writer sends one statement per row too), and reads of one row
# by its primary key among PREFILL_PG rows.
PGBENCH=${PGBENCH:-/usr/lib/postgresql/15/bin/pgbench}
PREFILL_PG=${PREFILL_PG:-100000}
if [[ ${DB:-} == postgresql://* ]]; then
  echo "== storage ceiling: PostgreSQL (pgbench, 64 connections, synchronous_commit on)"
  [[ -x $PGBENCH ]] || { echo "run_bench: $PGBENCH is not there (postgresql-15)" >&2; exit 2; }
  psql "$DB" -XqAt -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS bench_ceiling" \
    -c "CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, tracking_number text NOT NULL, body text NOT NULL)" \
    -c "INSERT INTO bench_ceiling (tracking_number, body) SELECT 'EC136431858VN', repeat('x', 200) FROM generate_series(1, $PREFILL_PG)" \
    -c "VACUUM ANALYZE bench_ceiling" >/dev/null
  insert="INSERT INTO bench_ceiling (tracking_number, body) VALUES ('EC136431858VN', repeat('x', 200));"
  printf '%s\n' "$insert" >"$tmp/pg_single.sql"
  { echo "BEGIN;"; for _ in $(seq 100); do echo "$insert"; done; echo "COMMIT;"; } >"$tmp/pg_batched.sql"
  printf '\\set id random(1, %d)\nSELECT tracking_number, body FROM bench_ceiling WHERE id = :id;\n' "$PREFILL_PG" \
    >"$tmp/pg_read.sql"
  # pg_bench NAME SCRIPT ROWS-PER-TX: a result line from pgbench's report.
  pg_bench() {
    local out tps lat
    wait_for_disk "disk_before_$1"
    out=$("$PGBENCH" -n -M prepared -c 64 -j 2 -T "$DURATION" -f "$2" "$DB" 2>&1) ||
      { echo "run_bench: pgbench $1 failed: $out" >&2; exit 1; }
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
    record "$1" "{\"tps\": $tps, \"rows_per_s\": $(awk -v t="$tps" -v n="$3" 'BEGIN { printf "%.0f", t * n }'), \"latency_avg_ms\": $lat}"
  }
  pg_bench pg_single "$tmp/pg_single.sql" 1
  pg_bench pg_batched "$tmp/pg_batched.sql" 100
  pg_bench pg_reads "$tmp/pg_read.sql" 1
  psql "$DB" -XqAt -c "DROP TABLE bench_ceiling" >/dev/null
fi

echo "== HTTP ceiling: bench_bare_server (2 threads)"
start_server bare "$bench_dir/bench_bare_server" --listen 127.0.0.1:0 --threads 2
bare_pid=$server_pid
load bare_get_64 "$server_port" 64 --method GET --path /
load bare_get_256 "$server_port" 256 --method GET --path /
load bare_post_64 "$server_port" 64 --path /api/v1/scans --scan-body EC136431858VN,BENCH-PO
rss_of "$bare_pid" bare_rss
stop_process "$bare_pid"

echo "== service: $service"
[[ -x $service ]] || { echo "run_bench: $service is not built" >&2; exit 1; }
# DB=postgresql://… runs the service on that (empty, migrated) PostgreSQL database instead.
db=${DB:-$tmp/bench.db}
token=$("$service" admin-token --db "$db" | tr -d '[:space:]')
[[ -n $token ]] || { echo "run_bench: admin-token printed nothing" >&2; exit 1; }
start_server service env TRACKER_LIMITS_LOOKUPS_PER_MINUTE=0 "$service" serve --db "$db" --listen 127.0.0.1:0
service_pid=$server_pid
base=http://127.0.0.1:$server_port

# post PATH BODY OUT: POST as admin, body saved to OUT; prints the status.
post() {
  curl -sS -o "$3" -w '%{http_code}' -X POST "$base$1" -H "Authorization: Bearer $token" \
       -H 'Content-Type: application/json' --data-binary "$2"
}
expect() {  # STATUS WANTED WHAT BODY-FILE
  [[ $1 == "$2" ]] && return 0
  echo "run_bench: $3 answered $1, expected $2: $(head -c 600 "$4")" >&2
  exit 1
}
status=$(post /api/v1/offices '{"code":"BENCH-PO","kind":"post_office","name":"Bưu cục bench"}' "$tmp/office.json")
expect "$status" 201 "POST /api/v1/offices (BENCH-PO)" "$tmp/office.json"
status=$(post /api/v1/offices \
  '{"code":"BENCH-AG","kind":"agency","name":"UBND bench","agency_code":"000.00.19.H12"}' "$tmp/agency.json")
expect "$status" 201 "POST /api/v1/offices (BENCH-AG)" "$tmp/agency.json"

shipment_body='{"kind":"dossier","agency":"BENCH-AG","office":"BENCH-PO","route":"local",
  "citizen":{"name":"Nguyễn Văn An","phone":"0912345678"}}'
create_shipments() {  # COUNT PREFIX: prints the tracking numbers, comma separated
  for i in $(seq "$1"); do
    status=$(post /api/v1/shipments "$shipment_body" "$tmp/$2_$i.json")
    expect "$status" 201 "POST /api/v1/shipments" "$tmp/$2_$i.json"
  done
  "$PY" - "$tmp" "$2" "$1" <<'EOF'
import json, sys
tmp, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(",".join(json.load(open(f"{tmp}/{prefix}_{i}.json"))["tracking_number"] for i in range(1, count + 1)))
EOF
}
scan_tns=$(create_shipments "$SHIPMENTS" scan_shipment)
lookup_tns=$(create_shipments "$LOOKUP_SHIPMENTS" lookup_shipment)
echo "created $SHIPMENTS shipments for scans, $LOOKUP_SHIPMENTS for lookups"

# The lookup shipments get a realistic short timeline: accepted, dispatched,
# arrived, in one batch upload.
batch=$("$PY" - "$lookup_tns" <<'EOF'
import datetime, json, sys, uuid
tz = datetime.timezone(datetime.timedelta(hours=7))
now = datetime.datetime.now(tz).replace(microsecond=0)
scans = [{"event_id": str(uuid.uuid4()), "tracking_number": tn, "type": t, "office": "BENCH-PO",
          "occurred_at": (now - datetime.timedelta(hours=3 - h)).isoformat()}
         for tn in sys.argv[1].split(",") for h, t in enumerate(["accepted", "dispatched", "arrived"])]
print(json.dumps({"scans": scans}))
EOF
)
status=$(post /api/v1/scans/batch "$batch" "$tmp/batch.json")
expect "$status" 200 "POST /api/v1/scans/batch" "$tmp/batch.json"

echo "== service load: durable scans, then public lookups"
auth="Authorization: Bearer $token"
for c in 64 256; do
  wait_for_disk "disk_before_scans_$c"
  load "scans_$c" "$server_port" "$c" --path /api/v1/scans --header "$auth" --scan-body "$scan_tns,BENCH-PO"
  rss_of "$service_pid" "service_rss_scans_$c"
done
for c in 64 256; do
  load "lookups_$c" "$server_port" "$c" --method GET --path '/api/v1/track/{tn}' --tracking-numbers "$lookup_tns"
  rss_of "$service_pid" "service_rss_lookups_$c"
done
# The address picker's search: words of a commune name without accents
# ("duc xuan") in one province, over the 3,321 communes.
load "units_64" "$server_port" 64 --method GET --path '/api/v1/units?province=19&q=duc%20xuan'
stop_process "$service_pid"
fsync_probe fsync_after_service
if [[ $db == postgresql://* ]]; then
  db_bytes=$(psql "$db" -XAt -c "SELECT pg_database_size(current_database())")
else
  db_bytes=$(stat -c %s "$db")
fi
record service_db "{\"db_mib\": $(( db_bytes / 1048576 ))}"

if (( PREFILL > 0 )); then
  echo "== storage ceiling on a large table: $PREFILL rows (last: writing them keeps the disk busy for a while)"
  wait_for_disk disk_before_large
  while read -r line; do
    case $line in
      *'"table": "empty"'*'"rows_per_tx": 1,'*) record sqlite_recheck_single "$line" ;;
      *'"table": "empty"'*'"rows_per_tx": 100,'*) record sqlite_recheck_batched "$line" ;;
      *'"table": "large"'*'"rows_per_tx": 1,'*) record sqlite_large_single "$line" ;;
      *'"table": "large"'*'"rows_per_tx": 100,'*) record sqlite_large_batched "$line" ;;
      *sqlite_prefill*) record sqlite_prefill "$line" ;;
      *'"bench": "settle"'*) record sqlite_settle "$line" ;;
      *sqlite_ratio*) record sqlite_ratio "$line" ;;
    esac
  done < <("$bench_dir/bench_sqlite_ceiling" --dir "$tmp" --seconds "$DURATION" --repeat 1 --prefill "$PREFILL")
fi

echo "== summary"
SHIPMENTS=$SHIPMENTS "$PY" - "$results" <<'EOF'
import json, os, sys
d = sys.argv[1]
r = {f[:-5]: json.load(open(os.path.join(d, f))) for f in os.listdir(d)}
def rps(name): return r[name]["rps"]
single, batched = r["sqlite_single"]["rows_per_s"], r["sqlite_batched"]["rows_per_s"]
def disk(k): return f"{r[k]['fsync_p50_ms']:.2f} ms (waited {r[k]['waited_s']} s)" if k in r else "-"
print(f"one fdatasync (p50): before the SQLite ceiling {disk('disk_before_sqlite')}, before the scans "
      f"{disk('disk_before_scans_64')} and {disk('disk_before_scans_256')}, after the service "
      f"{r['fsync_after_service']['p50_ms']:.2f} ms, before the large table {disk('disk_before_large')}")
print(f"storage ceiling (empty table, sustained for {r['sqlite_batched']['seconds']:.0f} s each): "
      f"{batched:,.0f} rows/s in batches of 100, {single:,.0f} rows/s one tx per row")
if "sqlite_large_batched" in r:
    n = r["sqlite_prefill"]["rows"]
    ls, lb = r["sqlite_large_single"]["rows_per_s"], r["sqlite_large_batched"]["rows_per_s"]
    rs, rb = r["sqlite_recheck_single"]["rows_per_s"], r["sqlite_recheck_batched"]["rows_per_s"]
    print(f"storage at {n:,} rows: {ls:,.0f} rows/s one tx per row, {lb:,.0f} rows/s batched; "
          f"against the empty table measured just before: {ls / rs:.2f}x and {lb / rb:.2f}x "
          f"(waited {r['sqlite_settle']['seconds']} s for the disk after the prefill)")
print(f"HTTP ceiling: bare GET {rps('bare_get_64'):,.0f} req/s at 64, {rps('bare_get_256'):,.0f} at 256; "
      f"bare scan-shaped POST {rps('bare_post_64'):,.0f} at 64")
def mark(ok): return "ok  " if ok else "MISS"
pg = "pg_batched" in r
if pg:
    print(f"PostgreSQL ceiling (pgbench, 64 connections): {r['pg_batched']['rows_per_s']:,.0f} rows/s in commits "
          f"of 100, {r['pg_single']['rows_per_s']:,.0f} rows/s one commit per row, {r['pg_reads']['rows_per_s']:,.0f} "
          f"indexed reads/s")
    for c in (64, 256):
        s = r[f"scans_{c}"]
        ceiling = min(rps("bare_post_64"), r["pg_batched"]["rows_per_s"])
        ratio, errors = s["rps"] / ceiling, s["non_2xx"] + s["socket_errors"]
        checks = [ratio >= 0.5, errors == 0] + ([s["p99_ms"] <= 20] if c == 64 else [])
        print(f"{mark(all(checks))} PostgreSQL scans   @{c:<3}: {s['rps']:>8,.0f} req/s  p99 {s['p99_ms']:.2f} ms  "
              f"= {ratio:.0%} of min(bare POST {rps('bare_post_64'):,.0f}, PostgreSQL batched "
              f"{r['pg_batched']['rows_per_s']:,.0f})   (target >= 50 %, 0 errors" + (", p99 <= 20 ms)" if c == 64 else ")"))
    for c in (64, 256):
        s = r[f"lookups_{c}"]
        ceiling = min(rps(f"bare_get_{c}"), r["pg_reads"]["rows_per_s"])
        ratio, errors = s["rps"] / ceiling, s["non_2xx"] + s["socket_errors"]
        print(f"{mark(ratio >= 0.6 and errors == 0)} PostgreSQL lookups @{c:<3}: {s['rps']:>8,.0f} req/s  = {ratio:.0%} "
              f"of min(bare GET {rps(f'bare_get_{c}'):,.0f}, PostgreSQL reads {r['pg_reads']['rows_per_s']:,.0f})"
              "   (target >= 60 %)")
shipments, events, total = int(os.environ["SHIPMENTS"]), {}, 0
for c in (64, 256):
    total += r[f"scans_{c}"]["requests"]
    events[c] = total // shipments
for c in (64, 256):
    s = r[f"scans_{c}"]
    ceiling = min(rps(f"bare_get_{c}"), batched)
    ratio, errors = s["rps"] / ceiling, s["non_2xx"] + s["socket_errors"]
    checks = [ratio >= 0.5, errors == 0] + ([s["p99_ms"] <= 20] if c == 64 else [])
    print(f"{mark(all(checks))} scans   @{c:<3}: {s['rps']:>8,.0f} req/s  p50 {s['p50_ms']:.2f} ms  "
          f"p99 {s['p99_ms']:.2f} ms  errors {errors}  = {ratio:.0%} of min(HTTP {rps(f'bare_get_{c}'):,.0f}, "
          f"SQLite {batched:,.0f})  RSS {r[f'service_rss_scans_{c}']['vm_rss_mib']} MiB  "
          f"[{events[c]:,} events per shipment at the end]"
          "   (target >= 50 %, 0 errors" + (", p99 <= 20 ms)" if c == 64 else ")"))
for c in (64, 256):
    s = r[f"lookups_{c}"]
    ratio, errors = s["rps"] / rps(f"bare_get_{c}"), s["non_2xx"] + s["socket_errors"]
    print(f"{mark(ratio >= 0.6 and errors == 0)} lookups @{c:<3}: {s['rps']:>8,.0f} req/s  "
          f"p50 {s['p50_ms']:.2f} ms  p99 {s['p99_ms']:.2f} ms  errors {errors}  = {ratio:.0%} of bare GET "
          f"{rps(f'bare_get_{c}'):,.0f}  RSS {r[f'service_rss_lookups_{c}']['vm_rss_mib']} MiB   (target >= 60 %)")
u = r["units_64"]
print(f"units   @64 : {u['rps']:>8,.0f} req/s  p50 {u['p50_ms']:.2f} ms  p99 {u['p99_ms']:.2f} ms  errors "
      f"{u['non_2xx'] + u['socket_errors']}  = {u['rps'] / rps('bare_get_64'):.0%} of bare GET {rps('bare_get_64'):,.0f}"
      "   (commune search, no target)")
print(f"service peak RSS {r['service_rss_lookups_256']['vm_hwm_mib']} MiB, database {r['service_db']['db_mib']} MiB")
EOF
exit 0
