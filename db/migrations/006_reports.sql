-- Deadlines and reports: when each shipment's leg ended, kept beside its
-- status so the overdue flag, the overdue list and the summary never read
-- the event history; and the indexes the reports walk.

-- The dossier leg ends when the dossier is handed to its agency (the legal
-- submission time); the result leg at the first delivery attempt, failed or
-- not (DOMAIN.md). That is the earliest delivered event (of a result: the
-- earliest delivered or delivery_failed). The earliest such event is never
-- an anomaly of the status fold (status.hpp: only a terminal status or a
-- returned without failures makes one, and neither can come before it), so
-- this equals domain::leg_ended_at(). NULL while the leg is open.
ALTER TABLE shipments ADD COLUMN leg_ended_at INTEGER;

UPDATE shipments
   SET leg_ended_at = (SELECT min(e.occurred_at) FROM events e
                        WHERE e.shipment_id = shipments.id
                          AND (e.type = 'delivered'
                               OR (shipments.kind = 'result' AND e.type = 'delivery_failed')));

-- Kept by the database itself: every path that records an event (scans,
-- batches, handover confirmations) ends the leg the same way. Events are
-- append-only, so an insert trigger is enough; a late scan with an earlier
-- occurred_at moves the end back.
CREATE TRIGGER events_end_leg AFTER INSERT ON events
WHEN NEW.type IN ('delivered', 'delivery_failed')
BEGIN
  UPDATE shipments SET leg_ended_at = NEW.occurred_at
   WHERE id = NEW.shipment_id
     AND (NEW.type = 'delivered' OR kind = 'result')
     AND (leg_ended_at IS NULL OR leg_ended_at > NEW.occurred_at);
END;

-- The summary: an office's shipments created in a period, with every column
-- it counts, read from the index alone.
CREATE INDEX shipments_report ON shipments(office_id, created_at, kind, status, due_at, leg_ended_at);

-- The overdue list: open legs by deadline, oldest first (keyset on
-- (due_at, id)); only open legs are in these indexes, so they stay small.
CREATE INDEX shipments_open_by_due ON shipments(due_at, id)
  WHERE leg_ended_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX shipments_open_by_office_due ON shipments(office_id, due_at, id)
  WHERE leg_ended_at IS NULL AND cancelled_at IS NULL;
