-- One dossier shipment (not cancelled) per dossier code: the service checks
-- before it sets a code, and with several writers two checks may pass at
-- once; this key makes the second insert or update fail (23505), and the
-- writer runs that job again, which now sees the first and answers 409
-- dossier_code_taken. The province leads the key, as PostgreSQL requires
-- of a partitioned table: a code is unique within the province of its
-- agency (the agency's code, which the default forms carry, names its
-- province).
CREATE UNIQUE INDEX shipments_one_dossier_per_code ON shipments (province, dossier_code)
  WHERE kind = 'dossier' AND cancelled_at IS NULL;
