-- The calendar an office works by, chosen per office by an admin; NULL is
-- its kind's default (agencies civil_service, post offices and service
-- centres postal).
ALTER TABLE offices ADD COLUMN calendar TEXT CHECK (calendar IS NULL OR calendar IN ('civil_service', 'postal'));
