-- Decree 118/2025/NĐ-CP: a dossier is handed in at a receiving office (a
-- Public Administration Service Centre or a post office) for a competent
-- agency of the province; the receiving office's staff see it too.
ALTER TABLE shipments ADD COLUMN receiving_office_id INTEGER REFERENCES offices(id);

-- Names through time: renaming an office writes the name it had until then,
-- so events and records show the name as it was when they happened.
CREATE TABLE office_names (
  office_id    INTEGER NOT NULL REFERENCES offices(id),
  valid_until  INTEGER NOT NULL,     -- the rename's time (ms)
  name         TEXT NOT NULL,        -- the name before it
  PRIMARY KEY (office_id, valid_until)
) WITHOUT ROWID;
