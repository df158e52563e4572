-- The state of the status fold kept beside the status, so a scan that
-- arrives in order is applied without reading the shipment's history.
ALTER TABLE shipments ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
