-- Core schema: offices, users, tokens, shipments, events, outbox, holidays.
-- Times are INTEGER milliseconds since the Unix epoch (UTC).
-- Recorded events are never updated or deleted; status is derived from them.

CREATE TABLE offices (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('post_office', 'agency')),
  name         TEXT NOT NULL,
  province     TEXT NOT NULL DEFAULT '',
  commune      TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  agency_code  TEXT,
  created_at   INTEGER NOT NULL,
  CHECK (kind = 'agency' OR agency_code IS NULL)
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('postal_worker', 'clerk', 'supervisor', 'admin')),
  office_id     INTEGER REFERENCES offices(id),
  password_hash TEXT,
  created_at    INTEGER NOT NULL,
  CHECK (role = 'admin' OR office_id IS NOT NULL)
);

-- Bearer tokens and session cookies, stored as SHA-256 of the secret.
CREATE TABLE tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL CHECK (kind IN ('bearer', 'session')),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,
  revoked_at  INTEGER
);

-- Next S10 serial per service indicator: only ever increases, so a number
-- is never reused.
CREATE TABLE serials (
  service_indicator TEXT PRIMARY KEY,
  next_serial       INTEGER NOT NULL CHECK (next_serial BETWEEN 1 AND 100000000)
) WITHOUT ROWID;

CREATE TABLE shipments (
  id                 INTEGER PRIMARY KEY,
  tracking_number    TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL CHECK (kind IN ('dossier', 'result')),
  status             TEXT NOT NULL,
  route              TEXT NOT NULL CHECK (route IN ('local', 'intra_province', 'inter_city', 'inter_province')),
  office_id          INTEGER NOT NULL REFERENCES offices(id),   -- where it was created
  agency_id          INTEGER NOT NULL REFERENCES offices(id),   -- the agency it goes to / comes from
  dossier_code       TEXT,
  linked_id          INTEGER REFERENCES shipments(id),          -- result -> its dossier shipment
  procedure_code     TEXT NOT NULL DEFAULT '',
  procedure_name     TEXT NOT NULL DEFAULT '',
  citizen_name       TEXT NOT NULL,
  citizen_phone      TEXT,                                      -- E.164
  citizen_email      TEXT,
  citizen_address    TEXT NOT NULL DEFAULT '{}',                -- JSON object
  documents          TEXT NOT NULL DEFAULT '[]',                -- JSON array
  notify_sms         INTEGER NOT NULL DEFAULT 0,
  notify_email       INTEGER NOT NULL DEFAULT 0,
  fee_vnd            INTEGER NOT NULL DEFAULT 0 CHECK (fee_vnd >= 0),
  created_at         INTEGER NOT NULL,
  created_by         INTEGER REFERENCES users(id),
  due_at             INTEGER NOT NULL,
  cancelled_at       INTEGER,
  last_event_at      INTEGER
);
CREATE INDEX shipments_by_dossier_code ON shipments(dossier_code) WHERE dossier_code IS NOT NULL;
CREATE INDEX shipments_by_agency ON shipments(agency_id, id);
CREATE INDEX shipments_by_office ON shipments(office_id, id);
CREATE INDEX shipments_by_status ON shipments(status, id);

-- Offices that handled a shipment (created or scanned it): a postal
-- worker's scope.
CREATE TABLE shipment_offices (
  office_id    INTEGER NOT NULL REFERENCES offices(id),
  shipment_id  INTEGER NOT NULL REFERENCES shipments(id),
  PRIMARY KEY (office_id, shipment_id)
) WITHOUT ROWID;

-- Scan events. Idempotency is unique per shipment (shipment ids are
-- sequential, so inserts touch the index's right edge) rather than one global
-- index on random UUIDs.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,
  shipment_id   INTEGER NOT NULL REFERENCES shipments(id),
  event_id      TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('accepted', 'dispatched', 'arrived', 'out_for_delivery',
                                              'delivery_failed', 'held', 'delivered', 'returned')),
  office_id     INTEGER NOT NULL REFERENCES offices(id),
  occurred_at   INTEGER NOT NULL,
  recorded_at   INTEGER NOT NULL,
  recorded_by   INTEGER REFERENCES users(id),
  reason        TEXT,
  recipient     TEXT,                                            -- JSON object or NULL
  dossier_code  TEXT,
  note          TEXT,
  body_hash     BLOB NOT NULL,                                   -- SHA-256 of the canonical request
  CHECK (type <> 'delivery_failed' OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX events_by_shipment ON events(shipment_id, event_id);

-- Messages to send, written in the same transaction as the event causing
-- them. Sending comes with the notifications work.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  shipment_id      INTEGER NOT NULL REFERENCES shipments(id),
  event_seq        INTEGER NOT NULL REFERENCES events(seq),
  channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient        TEXT NOT NULL,
  trigger          TEXT NOT NULL,
  delivery_id      TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed', 'sent', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  UNIQUE (event_seq, channel)
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at) WHERE state IN ('pending', 'failed');
CREATE INDEX outbox_by_shipment ON outbox(shipment_id);

-- Idempotency-Key replays for creating POSTs, per user.
CREATE TABLE idempotency_keys (
  user_id       INTEGER NOT NULL,
  key           TEXT NOT NULL,
  request_hash  BLOB NOT NULL,
  status        INTEGER NOT NULL,
  content_type  TEXT NOT NULL,
  body          TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- Public holidays (working-day deadlines skip them). Tết moves every year,
-- so this is data an admin can change, not code.
CREATE TABLE holidays (
  day   TEXT PRIMARY KEY,          -- YYYY-MM-DD
  name  TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO holidays (day, name) VALUES
  ('2026-01-01', 'Tết Dương lịch'),
  ('2026-02-14', 'Tết Nguyên đán'), ('2026-02-15', 'Tết Nguyên đán'),
  ('2026-02-16', 'Tết Nguyên đán'), ('2026-02-17', 'Tết Nguyên đán'),
  ('2026-02-18', 'Tết Nguyên đán'), ('2026-02-19', 'Tết Nguyên đán'),
  ('2026-02-20', 'Tết Nguyên đán'), ('2026-02-21', 'Tết Nguyên đán'),
  ('2026-02-22', 'Tết Nguyên đán'),
  ('2026-04-26', 'Giỗ Tổ Hùng Vương'), ('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương'),
  ('2026-04-30', 'Ngày Giải phóng miền Nam'), ('2026-05-01', 'Ngày Quốc tế Lao động'),
  ('2026-09-01', 'Quốc khánh'), ('2026-09-02', 'Quốc khánh'),
  ('2027-01-01', 'Tết Dương lịch'),
  ('2027-02-05', 'Tết Nguyên đán'), ('2027-02-06', 'Tết Nguyên đán'),
  ('2027-02-07', 'Tết Nguyên đán'), ('2027-02-08', 'Tết Nguyên đán'),
  ('2027-02-09', 'Tết Nguyên đán'), ('2027-02-10', 'Tết Nguyên đán'),
  ('2027-02-11', 'Tết Nguyên đán'),
  ('2027-04-16', 'Giỗ Tổ Hùng Vương'),
  ('2027-04-30', 'Ngày Giải phóng miền Nam'), ('2027-05-01', 'Ngày Quốc tế Lao động'),
  ('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động'),
  ('2027-09-02', 'Quốc khánh'), ('2027-09-03', 'Quốc khánh');
