-- Handover lists (biên bản giao nhận): what a postal worker hands to an
-- agency's clerk (dossiers) or a clerk to a postal worker (results). Lists
-- are never deleted: a wrong one is voided with a reason and stays visible.

CREATE TABLE handovers (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,                   -- "BB-<from office>-<yymmdd>-<n>"
  from_office_id INTEGER NOT NULL REFERENCES offices(id),
  to_office_id   INTEGER NOT NULL REFERENCES offices(id),
  direction      TEXT NOT NULL CHECK (direction IN ('dossiers_to_agency', 'results_from_agency')),
  status         TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'voided')),
  created_at     INTEGER NOT NULL,
  created_by     INTEGER REFERENCES users(id),
  confirmed_at   INTEGER,                                -- when the receiver signed
  confirmed_by   INTEGER REFERENCES users(id),
  received_by    TEXT,                                   -- the person who signed, as written
  voided_at      INTEGER,
  voided_by      INTEGER REFERENCES users(id),
  void_reason    TEXT,
  CHECK (from_office_id <> to_office_id)
);
CREATE INDEX handovers_by_from ON handovers(from_office_id, id);
CREATE INDEX handovers_by_to ON handovers(to_office_id, id);

CREATE TABLE handover_items (
  handover_id  INTEGER NOT NULL REFERENCES handovers(id),
  shipment_id  INTEGER NOT NULL REFERENCES shipments(id),
  position     INTEGER NOT NULL,          -- order on the list
  listed       INTEGER NOT NULL,          -- 1: on the list; 0: arrived without being listed
  received     INTEGER,                   -- NULL until confirmed
  PRIMARY KEY (handover_id, shipment_id)
) WITHOUT ROWID;
CREATE INDEX handover_items_by_shipment ON handover_items(shipment_id);
