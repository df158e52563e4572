-- Shipments recorded before 002 kept failed_attempts at 0: count their
-- failed deliveries so "returned" after failed attempts is not an anomaly.
UPDATE shipments
   SET failed_attempts = (SELECT count(*) FROM events e
                           WHERE e.shipment_id = shipments.id AND e.type = 'delivery_failed')
 WHERE status NOT IN ('created', 'cancelled');
