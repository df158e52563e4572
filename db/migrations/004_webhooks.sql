-- Webhook subscriptions of agencies' systems, and the outbox widened to
-- carry their deliveries beside the citizens' SMS and e-mail.

CREATE TABLE webhooks (
  id          INTEGER PRIMARY KEY,
  url         TEXT NOT NULL,
  events      TEXT NOT NULL,                      -- JSON array of event types
  secret      TEXT NOT NULL,                      -- HMAC key (needed in clear to sign)
  agency_id   INTEGER REFERENCES offices(id),     -- only this agency's shipments; NULL: all
  created_at  INTEGER NOT NULL,
  deleted_at  INTEGER
);

-- SQLite cannot change a CHECK constraint: the outbox is rebuilt with the
-- webhook channel and its webhook_id.
CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
  shipment_id      INTEGER NOT NULL REFERENCES shipments(id),
  event_seq        INTEGER NOT NULL REFERENCES events(seq),
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
  CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL))
);
INSERT INTO outbox_new (id, shipment_id, event_seq, channel, recipient, trigger, delivery_id, state,
                        attempts, next_attempt_at, last_error, created_at)
  SELECT id, shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, attempts,
         next_attempt_at, last_error, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE UNIQUE INDEX outbox_once ON outbox(event_seq, channel, COALESCE(webhook_id, 0));
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state IN ('pending', 'failed');
CREATE INDEX outbox_by_shipment ON outbox(shipment_id);
CREATE INDEX outbox_by_state ON outbox(state, id);
