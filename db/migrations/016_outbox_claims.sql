-- A dispatcher claims the due messages it will send (claimed_until: a lease
-- of a few minutes) in a write transaction, so that two service instances
-- never send one message at once; a sender that dies leaves its claim to
-- expire, and the message is sent by whoever claims it next (at least once).
-- An attempt recorded, or an admin's retry, ends the claim.
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
