-- Agency statuses notify citizens and webhooks like scans do: an outbox row
-- is caused by an event (event_seq) or by a dossier status (status_seq),
-- exactly one of them; its trigger is the event type or the status word.

-- SQLite cannot make a column nullable: the outbox is rebuilt. No table
-- refers to it, so foreign keys stay on and every copied row is checked.
CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
  shipment_id      INTEGER NOT NULL REFERENCES shipments(id),
  event_seq        INTEGER REFERENCES events(seq),
  status_seq       INTEGER REFERENCES dossier_statuses(seq),
  channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'webhook')),
  webhook_id       INTEGER REFERENCES webhooks(id),
  recipient        TEXT NOT NULL,
  trigger          TEXT NOT NULL,
  delivery_id      TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed', 'sent', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER,
  CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL)),
  CHECK ((event_seq IS NULL) <> (status_seq IS NULL))
);
INSERT INTO outbox_new (id, shipment_id, event_seq, channel, webhook_id, recipient, trigger, delivery_id, state,
                        attempts, next_attempt_at, last_error, created_at, sent_at)
  SELECT id, shipment_id, event_seq, channel, webhook_id, recipient, trigger, delivery_id, state, attempts,
         next_attempt_at, last_error, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE UNIQUE INDEX outbox_once ON outbox(event_seq, channel, COALESCE(webhook_id, 0)) WHERE event_seq IS NOT NULL;
CREATE UNIQUE INDEX outbox_once_status ON outbox(status_seq, channel, COALESCE(webhook_id, 0))
  WHERE status_seq IS NOT NULL;
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state IN ('pending', 'failed');
CREATE INDEX outbox_by_shipment ON outbox(shipment_id);
CREATE INDEX outbox_by_state ON outbox(state, id);
