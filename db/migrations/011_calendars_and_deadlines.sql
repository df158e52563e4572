-- Working days and time limits as data, as they are decided since 2025.
--
-- Calendars keyed by date: holidays, days off in compensation and the
-- weekend days worked to make up for them, each with its name and source.
-- Two calendars: civil_service (agencies and service centres) and postal
-- (transit: due_at and delivery attempts; enterprises such as VNPost may
-- follow their own schedule, so it is kept apart, shipped with the same days).
-- A year whose schedule is not decided yet is provisional: only its base
-- dates are in, and the service warns while it is in use.
CREATE TABLE calendar_days (
  calendar  TEXT NOT NULL CHECK (calendar IN ('civil_service', 'postal')),
  day       TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  kind      TEXT NOT NULL CHECK (kind IN ('holiday', 'compensatory_off', 'makeup_workday')),
  name      TEXT NOT NULL,
  source    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (calendar, day)
) WITHOUT ROWID;

CREATE TABLE calendar_provisional_years (
  calendar  TEXT NOT NULL CHECK (calendar IN ('civil_service', 'postal')),
  year      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  PRIMARY KEY (calendar, year)
) WITHOUT ROWID;

-- Holidays an admin entered for other years are kept, in both calendars.
INSERT INTO calendar_days (calendar, day, kind, name, source)
  SELECT c.calendar, h.day, 'holiday', h.name, 'nhập trước năm 2026 (bảng holidays)'
  FROM holidays h CROSS JOIN (SELECT 'civil_service' AS calendar UNION ALL SELECT 'postal') c
  WHERE substr(h.day, 1, 4) NOT IN ('2026', '2027');
DROP TABLE holidays;

INSERT INTO calendar_days (calendar, day, kind, name, source)
  SELECT c.calendar, d.day, d.kind, d.name, d.source
  FROM (SELECT 'civil_service' AS calendar UNION ALL SELECT 'postal') c CROSS JOIN (
    SELECT '2026-01-01' AS day, 'holiday' AS kind, 'Tết Dương lịch' AS name,
           'Bộ luật Lao động 2019, Điều 112; lịch nghỉ Tết Dương lịch 2026' AS source
    UNION ALL SELECT '2026-01-02', 'compensatory_off', 'Nghỉ Tết Dương lịch (đổi ngày làm thứ Bảy 10/01/2026)', 'lịch nghỉ Tết Dương lịch 2026'
    UNION ALL SELECT '2026-01-10', 'makeup_workday', 'Làm bù cho ngày nghỉ 02/01/2026', 'lịch nghỉ Tết Dương lịch 2026'
    UNION ALL SELECT '2026-02-14', 'holiday', 'Tết Nguyên đán', 'Bộ luật Lao động 2019, Điều 112; lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-15', 'holiday', 'Tết Nguyên đán', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-16', 'holiday', 'Tết Nguyên đán', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-17', 'holiday', 'Tết Nguyên đán (mùng 1)', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-18', 'holiday', 'Tết Nguyên đán', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-19', 'holiday', 'Tết Nguyên đán', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-20', 'holiday', 'Tết Nguyên đán', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-21', 'holiday', 'Tết Nguyên đán', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-02-22', 'holiday', 'Tết Nguyên đán', 'lịch nghỉ Tết Bính Ngọ 2026'
    UNION ALL SELECT '2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Bộ luật Lao động 2019, Điều 112'
    UNION ALL SELECT '2026-04-27', 'compensatory_off', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)', 'Bộ luật Lao động 2019, Điều 111'
    UNION ALL SELECT '2026-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Bộ luật Lao động 2019, Điều 112'
    UNION ALL SELECT '2026-05-01', 'holiday', 'Ngày Quốc tế Lao động', 'Bộ luật Lao động 2019, Điều 112'
    UNION ALL SELECT '2026-08-22', 'makeup_workday', 'Làm bù cho ngày nghỉ 31/08/2026', 'lịch nghỉ Quốc khánh 2026'
    UNION ALL SELECT '2026-08-31', 'compensatory_off', 'Nghỉ Quốc khánh (đổi ngày làm thứ Bảy 22/08/2026)', 'lịch nghỉ Quốc khánh 2026'
    UNION ALL SELECT '2026-09-01', 'holiday', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112'
    UNION ALL SELECT '2026-09-02', 'holiday', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112'
    UNION ALL SELECT '2026-11-24', 'holiday', 'Ngày Văn hóa Việt Nam', 'Nghị quyết 28/2026/QH16 (từ 01/07/2026; độ tin cậy trung bình)'
    -- 2027: not decided yet; the base dates only (provisional below).
    UNION ALL SELECT '2027-01-01', 'holiday', 'Tết Dương lịch', 'Bộ luật Lao động 2019, Điều 112 (ngày gốc, lịch 2027 chưa quyết định)'
    UNION ALL SELECT '2027-02-06', 'holiday', 'Tết Nguyên đán (mùng 1)', 'Bộ luật Lao động 2019, Điều 112 (ngày gốc, lịch 2027 chưa quyết định)'
    UNION ALL SELECT '2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Bộ luật Lao động 2019, Điều 112 (ngày gốc)'
    UNION ALL SELECT '2027-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Bộ luật Lao động 2019, Điều 112 (ngày gốc)'
    UNION ALL SELECT '2027-05-01', 'holiday', 'Ngày Quốc tế Lao động', 'Bộ luật Lao động 2019, Điều 112 (ngày gốc)'
    UNION ALL SELECT '2027-09-02', 'holiday', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112 (ngày gốc)'
    UNION ALL SELECT '2027-11-24', 'holiday', 'Ngày Văn hóa Việt Nam', 'Nghị quyết 28/2026/QH16 (ngày gốc)'
  ) d;
INSERT INTO calendar_provisional_years (calendar, year) VALUES ('civil_service', 2027), ('postal', 2027);

-- The J+n table of Decision 45/2016/QĐ-TTg, by route. Its route classes
-- still name districts; their reading after the 2025 reform (one commune,
-- communes of one province) is not confirmed: marked so until it is.
CREATE TABLE deadline_rules (
  route                  TEXT NOT NULL CHECK (route IN ('local', 'intra_province', 'inter_city', 'inter_province')),
  valid_from             TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  days                   INTEGER NOT NULL CHECK (days BETWEEN 0 AND 60),
  days_with_appointment  INTEGER NOT NULL CHECK (days_with_appointment BETWEEN 0 AND 60),
  source                 TEXT NOT NULL,
  pending_confirmation   INTEGER NOT NULL DEFAULT 0 CHECK (pending_confirmation IN (0, 1)),
  PRIMARY KEY (route, valid_from)
) WITHOUT ROWID;
INSERT INTO deadline_rules VALUES
  ('local', '2016-10-20', 1, 2, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (trong một huyện; từ 01/7/2025 đọc là trong một xã/phường)', 1),
  ('intra_province', '2016-10-20', 2, 4, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (giữa các huyện trong tỉnh; từ 01/7/2025 đọc là giữa các xã/phường trong tỉnh)', 1),
  ('inter_city', '2016-10-20', 3, 6, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (giữa các đô thị loại đặc biệt, loại I)', 0),
  ('inter_province', '2016-10-20', 4, 8, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (giữa các tỉnh khác)', 0);
