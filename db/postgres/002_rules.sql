-- The rules shipped as data, as the SQLite store's migrations 008 and 011
-- leave them: the calendars of 2026 as decided and 2027's base dates
-- (provisional), the J+n table of Decision 45/2016/QĐ-TTg with the reading
-- of its district routes pending confirmation, the health probe's row.

INSERT INTO calendar_days (calendar, day, kind, name, source)
  SELECT c.calendar, d.day::date, d.kind, d.name, d.source
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

INSERT INTO deadline_rules VALUES
  ('local', '2016-10-20', 1, 2, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (trong một huyện; từ 01/7/2025 đọc là trong một xã/phường)', true),
  ('intra_province', '2016-10-20', 2, 4, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (giữa các huyện trong tỉnh; từ 01/7/2025 đọc là giữa các xã/phường trong tỉnh)', true),
  ('inter_city', '2016-10-20', 3, 6, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (giữa các đô thị loại đặc biệt, loại I)', false),
  ('inter_province', '2016-10-20', 4, 8, 'Quyết định 45/2016/QĐ-TTg, Điều 7 (giữa các tỉnh khác)', false);

INSERT INTO health_probe (id, at) VALUES (1, 0);
