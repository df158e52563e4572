-- What the service's statements need beyond the layout of 001:
--
-- * Ids that carry their partition. A shipment's, outbox message's and
--   handover list's id is its sequence number × 100 + its province's code
--   (shipment 4217 of Thái Nguyên is 421719), so a statement given only an
--   id — the store interface speaks in ids — still names the one partition
--   to read: WHERE province = province_of($1) AND id = $1 (pruned at
--   execution). Events and agency statuses keep plain sequence numbers (the
--   feed's cursor); their lookups by number probe each partition's index.
-- * Partition '00' of every big table: shipments of an agency without a
--   commune code (an office written before 2025 in free text), as audit_log_00
--   holds the national settings.

-- (A string body, so that the planner inlines it into each statement.)
CREATE FUNCTION province_of(id bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lpad((id % 100)::text, 2, '0') $$;

-- An audit row's subject may be a handover list's code.
CREATE INDEX handovers_by_code ON handovers(code);
CREATE INDEX events_by_seq ON events(seq);
CREATE INDEX dossier_statuses_by_seq ON dossier_statuses(seq);
CREATE INDEX events_by_shipment ON events(province, shipment_id, occurred_at, seq);
CREATE INDEX shipment_offices_by_shipment ON shipment_offices(province, shipment_id, office_id);
CREATE INDEX handover_items_by_position ON handover_items(province, handover_id, position);
CREATE INDEX shipments_linked ON shipments(province, linked_id) WHERE linked_id IS NOT NULL;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['shipments', 'shipment_offices', 'events', 'dossier_statuses', 'outbox', 'handovers',
                           'handover_items'] LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (''00'')', t || '_00', t);
  END LOOP;
END $$;
