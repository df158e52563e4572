-- The audit trail: every state-changing action, appended, hash-chained.
-- Each row stores the previous row's hash and its own:
--   hash = SHA-256(prev_hash || canonical JSON [seq, at, actor, action, subject, detail])
-- (the first row's prev_hash is 32 zero bytes), so changing, removing or
-- reordering any row breaks every link after it; `dossier-tracker audit
-- verify --db PATH` names the first broken one. Rows name people by
-- username and shipments by tracking number; no citizen data.
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,  -- 1, 2, 3, … without gaps
  at        INTEGER NOT NULL,     -- ms since the epoch (UTC)
  actor     TEXT NOT NULL,        -- username, or "system"
  action    TEXT NOT NULL,        -- "scan.recorded", "shipment.created", …
  subject   TEXT NOT NULL,        -- tracking number, handover code, username, office code, …
  detail    TEXT NOT NULL,        -- JSON object
  prev_hash BLOB NOT NULL,
  hash      BLOB NOT NULL
);

-- Append-only, for the audit trail and for recorded events: the service
-- never changes either, and the database refuses it to anyone else who
-- goes through SQLite without dropping these triggers first (which the
-- chain then shows).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'recorded events are never changed'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'recorded events are never deleted'); END;
