#!/usr/bin/env bash
# Measures the migrations since schema 8 on a large database written as
# schema 8 was: SHIPMENTS shipments (default 5,000,000) with EVENTS_PER
# events each (default 2: accepted, dispatched), an SMS sent for each
# accepted one (the outbox is rebuilt by migration 013), 4 offices with the free-text
# communes of before 2025, citizens' addresses in the three-level form.
# Prints the time to build it, its size, the time of `migrate` and the size
# after. Needs sqlite3 and a built binary:
#   tests/bench/migrate_5m.sh build/src/cli/dossier-tracker [dir]
set -euo pipefail
bin=$(realpath "$1")
dir=${2:-$(mktemp -d)}
shipments=${SHIPMENTS:-5000000}
per=${EVENTS_PER:-2}
src=$(cd "$(dirname "$0")/../.." && pwd)
db=$dir/v8.db
rm -f "$db" "$db"-wal "$db"-shm
started=$(date +%s.%N)
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
  for n in 001 002 003 004 005 006 007 008; do cat "$src"/db/migrations/${n}_*.sql; done
  echo "PRAGMA user_version=8;"
  cat <<SQL
INSERT INTO offices (id, code, kind, name, province, commune, agency_code, created_at) VALUES
 (1, 'BK-TP', 'post_office', 'Bưu điện thành phố Bắc Kạn', 'Bắc Kạn', 'Phường Nguyễn Thị Minh Khai', NULL, 0),
 (2, 'BK-CM', 'post_office', 'Bưu điện huyện Chợ Mới', 'Bắc Kạn', 'Thị trấn Đồng Tâm', NULL, 0),
 (3, 'UBND-DX', 'agency', 'UBND phường Đức Xuân', 'Bắc Kạn', 'Phường Đức Xuân', '000.00.19.H12', 0),
 (4, 'UBND-SC', 'agency', 'UBND phường Sông Cầu', 'Bắc Kạn', 'Phường Sông Cầu', '000.00.20.H12', 0);
INSERT INTO users (id, username, display_name, role, office_id, created_at) VALUES
 (1, 'buudien.tp', 'Hoàng Thị Lan', 'postal_worker', 1, 0), (2, 'canbo.dx', 'Lý Thị Hoa', 'clerk', 3, 0);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $shipments)
INSERT INTO shipments (id, tracking_number, kind, status, route, office_id, agency_id, citizen_name, citizen_phone,
                       citizen_address, created_at, created_by, due_at, last_event_at, failed_attempts)
SELECT i, printf('EC%08dVN', i), CASE WHEN i % 6 = 0 THEN 'result' ELSE 'dossier' END, 'in_transit',
       CASE WHEN i % 5 = 0 THEN 'intra_province' ELSE 'local' END, 1 + i % 2, 3 + i % 2,
       'Nguyễn Văn An', '+8491234' || printf('%04d', i % 10000),
       '{"line":"Tổ ' || (1 + i % 12) || '","commune":"Phường Đức Xuân","district":"Thành phố Bắc Kạn","province":"Bắc Kạn"}',
       1700000000000 + i * 1000, 1, 1700000000000 + i * 1000 + 86400000, 1700000000000 + i * 1000 + 60000, 0
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $shipments * $per)
INSERT INTO events (seq, shipment_id, event_id, type, office_id, occurred_at, recorded_at, recorded_by, body_hash)
SELECT i, 1 + (i - 1) / $per, lower(hex(randomblob(16))), CASE WHEN i % $per = 1 THEN 'accepted' ELSE 'dispatched' END,
       1 + i % 2, 1700000000000 + i * 500, 1700000000000 + i * 500, 1, randomblob(32)
FROM n;
INSERT INTO shipment_offices (office_id, shipment_id) SELECT office_id, id FROM shipments;
INSERT INTO outbox (shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, attempts,
                    next_attempt_at, created_at, sent_at)
SELECT shipment_id, seq, 'sms', '+84912340000', type, lower(hex(randomblob(16))), 'sent', 1, recorded_at, recorded_at,
       recorded_at + 2000
FROM events WHERE type = 'accepted';
COMMIT;
SQL
} | sqlite3 "$db" >/dev/null
built=$(date +%s.%N)
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
size_before=$(stat -c %s "$db")
"$bin" migrate --db "$db" >"$dir/migrate.out" 2>&1
migrated=$(date +%s.%N)
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
size_after=$(stat -c %s "$db")
echo "database: $shipments shipments, $((shipments * per)) events, built in $(awk "BEGIN{printf \"%.1f\", $built - $started}") s"
echo "size before: $((size_before / 1048576)) MiB, after: $((size_after / 1048576)) MiB"
echo "migrate 8 -> $(sqlite3 "$db" 'PRAGMA user_version'): $(awk "BEGIN{printf \"%.2f\", $migrated - $built}") s ($(tail -1 "$dir/migrate.out"))"
echo "offices with a commune code: $(sqlite3 "$db" "SELECT group_concat(code || '=' || coalesce(commune_code, '-'), ' ') FROM offices")"
sqlite3 "$db" "PRAGMA integrity_check" | head -1
