-- Handover lists are numbered per office and day ("BB-<office>-<yymmdd>-<n>")
-- from a counter row taken in the transaction that makes the list, not by
-- counting the lists already there (which two writers could do at once).
-- Seeded with what the count gave: the lists each office made each day
-- (Vietnam's day, UTC+7).
CREATE TABLE handover_counters (
  office_id  INTEGER NOT NULL REFERENCES offices(id),
  day        TEXT NOT NULL,            -- yymmdd, as in the code
  last       INTEGER NOT NULL CHECK (last >= 1),
  PRIMARY KEY (office_id, day)
) WITHOUT ROWID;
INSERT INTO handover_counters (office_id, day, last)
  SELECT from_office_id, substr(strftime('%Y%m%d', created_at / 1000 + 7 * 3600, 'unixepoch'), 3), count(*)
  FROM handovers GROUP BY 1, 2;
