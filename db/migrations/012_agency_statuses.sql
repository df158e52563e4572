-- What the province's TTHC information system (Hệ thống thông tin giải
-- quyết thủ tục hành chính cấp tỉnh) says happens to a dossier at its agency
-- between the two legs, posted by a user of the new role agency_system (one
-- agency, bearer token only). Append-only like the events.

-- SQLite cannot change a CHECK constraint: users are rebuilt with the role
-- (apply_migrations turns foreign keys off and checks every key is kept).
-- rebuilds referenced table: users
CREATE TABLE users_new (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('postal_worker', 'clerk', 'supervisor', 'admin', 'agency_system')),
  office_id     INTEGER REFERENCES offices(id),
  password_hash TEXT,
  created_at    INTEGER NOT NULL,
  CHECK (role = 'admin' OR office_id IS NOT NULL),
  CHECK (role <> 'agency_system' OR password_hash IS NULL)
);
INSERT INTO users_new (id, username, display_name, role, office_id, password_hash, created_at)
  SELECT id, username, display_name, role, office_id, password_hash, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

CREATE TABLE dossier_statuses (
  seq          INTEGER PRIMARY KEY,
  shipment_id  INTEGER NOT NULL REFERENCES shipments(id),   -- the dossier shipment
  event_id     TEXT NOT NULL,                               -- the system's own id (UUID)
  status       TEXT NOT NULL CHECK (status IN ('received', 'supplement_requested', 'refused', 'paused',
                                                'withdrawn', 'result_ready')),
  occurred_at  INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  recorded_by  INTEGER REFERENCES users(id),
  note         TEXT,
  body_hash    BLOB NOT NULL,                               -- SHA-256 of the canonical request
  UNIQUE (shipment_id, event_id)
);
CREATE TRIGGER dossier_statuses_no_update BEFORE UPDATE ON dossier_statuses
BEGIN SELECT RAISE(ABORT, 'recorded dossier statuses are never changed'); END;
CREATE TRIGGER dossier_statuses_no_delete BEFORE DELETE ON dossier_statuses
BEGIN SELECT RAISE(ABORT, 'recorded dossier statuses are never deleted'); END;
