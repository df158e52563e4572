-- One row the readiness check rewrites after a failed commit: when the
-- write reaches the disk again (space freed, file writable, lock gone), the
-- service reports ready again without waiting for a client's write.
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
);
INSERT INTO health_probe (id, at) VALUES (1, 0);
