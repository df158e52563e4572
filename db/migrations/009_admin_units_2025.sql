-- Vietnam since 1 July 2025: two tiers of local government (province,
-- commune), 34 provinces and 3,321 communes with their official codes, and
-- what each of the 10,047 earlier communes became. The rows come from the
-- seed files db/seed/admin-units-2025/*.csv (their headers say where the data
-- comes from), loaded by this migration's data step (src/store/unit_seed.cpp)
-- in the same transaction. Offices gain the commune they sit in and a third
-- kind, the Public Administration Service Centre (Decree 118/2025/NĐ-CP).

CREATE TABLE provinces (
  code         TEXT PRIMARY KEY CHECK (length(code) = 2),
  name         TEXT NOT NULL,                 -- "Tỉnh Thái Nguyên"
  search_name  TEXT NOT NULL                  -- domain::search_key(name): "tinh thai nguyen"
) WITHOUT ROWID;

CREATE TABLE communes (
  code           TEXT PRIMARY KEY CHECK (length(code) = 5),
  province_code  TEXT NOT NULL REFERENCES provinces(code),
  name           TEXT NOT NULL,               -- "Phường Đức Xuân"
  kind           TEXT NOT NULL CHECK (kind IN ('xã', 'phường', 'đặc khu')),
  search_name    TEXT NOT NULL                -- "phuong duc xuan"
) WITHOUT ROWID;
CREATE INDEX communes_by_province ON communes(province_code, code);

-- Codes of old units are not unique across time (a new unit often keeps one
-- predecessor's code), so an old unit is its old province and code; one split
-- between several new units has a row for each.
CREATE TABLE old_communes (
  province_code  TEXT NOT NULL,               -- the old province: "06"
  province_name  TEXT NOT NULL,               -- "Tỉnh Bắc Kạn"
  code           TEXT NOT NULL,
  name           TEXT NOT NULL,               -- "Phường Nguyễn Thị Minh Khai"
  new_code       TEXT NOT NULL REFERENCES communes(code),
  name_key       TEXT NOT NULL,               -- domain::unit_name_key(name): "nguyen thi minh khai"
  province_key   TEXT NOT NULL,               -- domain::unit_name_key(province_name): "bac kan"
  PRIMARY KEY (province_code, code, new_code)
) WITHOUT ROWID;
CREATE INDEX old_communes_by_name ON old_communes(name_key);

-- rebuilds referenced table: offices
-- SQLite cannot change a CHECK constraint: offices are rebuilt with the
-- service_centre kind and their commune (apply_migrations turns foreign keys
-- off around a migration and checks them before it commits).
CREATE TABLE offices_new (
  id                    INTEGER PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  kind                  TEXT NOT NULL CHECK (kind IN ('post_office', 'service_centre', 'agency')),
  name                  TEXT NOT NULL,
  province              TEXT NOT NULL DEFAULT '',   -- as written when created (free text)
  commune               TEXT NOT NULL DEFAULT '',
  address               TEXT NOT NULL DEFAULT '',
  agency_code           TEXT,
  commune_code          TEXT REFERENCES communes(code),
  dossier_code_pattern  TEXT,                       -- a regular expression (ECMAScript)
  created_at            INTEGER NOT NULL,
  CHECK (kind = 'agency' OR (agency_code IS NULL AND dossier_code_pattern IS NULL))
);
INSERT INTO offices_new (id, code, kind, name, province, commune, address, agency_code, created_at)
  SELECT id, code, kind, name, province, commune, address, agency_code, created_at FROM offices;
DROP TABLE offices;
ALTER TABLE offices_new RENAME TO offices;
