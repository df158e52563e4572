#include "demo.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <map>
#include <random>
#include <stdexcept>

#include "tracker/auth/secrets.hpp"

namespace tracker::cli {
namespace asio = boost::asio;
using namespace tracker::domain;

namespace {

struct DemoUser {
  const char* username;
  const char* name;
  auth::Role role;
  const char* office;
  const char* password;
};

const DemoUser kUsers[] = {
    {"admin", "Quản trị hệ thống", auth::Role::admin, nullptr, "admin-demo-2026"},
    {"buudien.tp", "Hoàng Thị Lan", auth::Role::postal_worker, "BK-TP", "buudien-demo"},
    {"buudien.cm", "Nông Văn Bình", auth::Role::postal_worker, "BK-CM", "buudien-demo"},
    {"buudien.tt", "Ma Văn Tiến", auth::Role::postal_worker, "TTPVHCC-TN", "buudien-demo"},
    {"canbo.dx", "Lý Thị Hoa", auth::Role::clerk, "UBND-DX", "canbo-demo"},
    {"canbo.sc", "Triệu Văn Nam", auth::Role::clerk, "UBND-SC", "canbo-demo"},
    {"canbo.stp", "Lục Thị Thu", auth::Role::clerk, "SO-TP", "canbo-demo"},
    {"giamsat.tp", "Đặng Quốc Huy", auth::Role::supervisor, "BK-TP", "giamsat-demo"},
};

const char* kNames[] = {"Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Châu", "Phạm Đức Dũng",
                        "Hoàng Thu Hà", "Vũ Quang Khải", "Đỗ Thị Mai", "Bùi Văn Nghĩa",
                        "Ma Thị Phượng", "Hà Văn Quyết"};
const char* kProcedures[][2] = {{"1.001193", "Đăng ký khai sinh"},
                                {"1.000656", "Đăng ký kết hôn"},
                                {"1.001022", "Cấp bản sao trích lục hộ tịch"},
                                {"2.000908", "Chứng thực bản sao từ bản chính"}};

Timestamp minutes_ago(int m) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) -
         std::chrono::minutes(m);
}

template <class T>
T must(Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().code + " " + r.error().detail);
  return std::move(*r);
}

asio::awaitable<void> fill(http::Services& s, const DemoProgress& progress) {
  auth::Principal admin{UserId{0}, "admin", auth::Role::admin, std::nullopt, "", false};
  // Thái Nguyên after the 2025 merger (Bắc Kạn province and city are part of
  // it): post offices, a commune postal point, a commune and the provincial
  // Public Administration Service Centre, two wards' People's Committees and a
  // provincial department as competent agencies. The codes are the offices'
  // own; the units are named by their official codes.
  struct O {
    const char* code;
    OfficeKind kind;
    const char* name;
    const char* commune_code;
    const char* agency;
  };
  const O offices[] = {
      {"BK-TP", OfficeKind::post_office, "Bưu điện phường Đức Xuân", "01840", nullptr},
      {"BK-CM", OfficeKind::post_office, "Điểm Bưu điện - Văn hóa xã Phong Quang", "01849", nullptr},
      {"TTPVHCC-DX", OfficeKind::service_centre, "Trung tâm Phục vụ hành chính công phường Đức Xuân", "01840", nullptr},
      {"TTPVHCC-TN", OfficeKind::service_centre, "Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên", "05443", nullptr},
      {"UBND-DX", OfficeKind::agency, "UBND phường Đức Xuân", "01840", "000.00.19.H12"},
      {"UBND-SC", OfficeKind::agency, "UBND phường Bắc Kạn", "01843", "000.00.20.H12"},
      // An identifier of Decision 20/2020/QĐ-TTg's kind, for the form of today (illustrative).
      {"SO-TP", OfficeKind::agency, "Sở Tư pháp tỉnh Thái Nguyên", "05443", "H19.242"},
  };
  for (const auto& o : offices) {
    tracking::NewOffice n{o.code, o.kind, o.name, "", "", "", std::nullopt, o.commune_code, std::nullopt};
    if (o.agency) n.agency_code = o.agency;
    must(co_await s.offices.create(admin, n), "office");
  }
  std::map<std::string, auth::Principal> staff;
  for (const auto& u : kUsers) {
    auth::NewUser n{u.username, u.name, u.role, std::nullopt, u.password};
    if (u.office) n.office_code = u.office;
    auto created = co_await s.auth.create_user(n);
    if (!created) continue;  // admin may exist already
    staff[u.username] = must(s.auth.authenticate(created->token), "principal");
  }
  std::mt19937 rng(20261127);
  const EventType flow[] = {EventType::accepted, EventType::dispatched, EventType::arrived,
                            EventType::delivered};
  const EventType result_flow[] = {EventType::accepted, EventType::dispatched, EventType::arrived,
                                   EventType::out_for_delivery, EventType::delivered};
  int day_seq = 0;
  constexpr int kDossiers = 240;
  for (int i = 0; i < kDossiers; ++i) {
    if (progress) progress(i, kDossiers);
    // Taken at the ward's post office, the commune postal point, or (every
    // fifth) the provincial centre for the Department of Justice.
    bool city = i % 2 == 0;
    bool centre = i % 5 == 1;
    std::string intake = centre ? "TTPVHCC-TN" : city ? "BK-TP" : "BK-CM";
    auto& worker = staff[centre ? "buudien.tt" : city ? "buudien.tp" : "buudien.cm"];
    std::string agency = centre ? "SO-TP" : i % 3 == 0 ? "UBND-SC" : "UBND-DX";
    std::string agency_code = centre ? "H19.242" : agency == "UBND-SC" ? "000.00.20.H12" : "000.00.19.H12";
    auto& clerk = staff[centre ? "canbo.stp" : agency == "UBND-SC" ? "canbo.sc" : "canbo.dx"];
    tracking::NewShipment n;
    n.kind = ShipmentKind::dossier;
    n.agency = agency;
    n.route = centre || !city ? Route::intra_province : Route::same_commune;
    n.procedure_code = kProcedures[i % 4][0];
    n.procedure_name = kProcedures[i % 4][1];
    n.citizen_name = kNames[rng() % 10];
    n.citizen_phone = *PhoneNumber::parse("09" + std::to_string(10000000 + rng() % 89999999));
    // Two-tier since 2025: phường Đức Xuân (01840), tỉnh Thái Nguyên (19); the
    // names come from the codes. Every seventh citizen's slip still carries the
    // old three-level address.
    n.citizen_address = i % 7 == 3 ? Address{"Tổ " + std::to_string(1 + i % 12), "Phường Nguyễn Thị Minh Khai",
                                             "Thành phố Bắc Kạn", "Tỉnh Bắc Kạn", std::nullopt, std::nullopt}
                                   : Address{"Tổ " + std::to_string(1 + i % 12), std::nullopt, std::nullopt,
                                             std::nullopt, "01840", "19"};
    n.documents_json = R"([{"name":"Tờ khai","original":true,"copies":1}])";
    n.notify_sms = i % 4 != 0;
    n.fee_vnd = 25000;
    auto dossier = must(co_await s.shipments.create(worker, n), "dossier");
    auto tn = *TrackingNumber::parse(dossier.shipment.tracking_number);
    int steps = i % 6;  // 0 = created ... 4 = delivered to the agency, 5 = and a result
    if (i % 29 == 7) {
      must(co_await s.shipments.cancel(worker, tn), "cancel");
      continue;
    }
    std::string code = agency_code + "-261126-" + std::to_string(1000 + ++day_seq).substr(0, 4);
    for (int k = 0; k < std::min(steps, 4); ++k) {
      tracking::ScanRequest scan{auth::new_uuid(), tn, flow[k], k == 3 ? agency : intake,
                                 minutes_ago(3000 - i - k * 60), std::nullopt, std::nullopt,
                                 std::nullopt, std::nullopt, ""};
      if (k == 3) scan.dossier_code = *DossierCode::parse(code);
      scan.body_hash = auth::sha256(tracking::canonical_form(scan));
      must(co_await s.scans.record(k == 3 ? clerk : worker, scan), "scan");
    }
    if (steps < 5) continue;
    tracking::NewShipment r = n;
    r.kind = ShipmentKind::result;
    r.dossier_code = *DossierCode::parse(code);
    auto result = must(co_await s.shipments.create(clerk, r), "result");
    auto rtn = *TrackingNumber::parse(result.shipment.tracking_number);
    int rsteps = 1 + (i / 6) % 7;  // accepted ... delivered, or failure paths
    for (int k = 0; k < std::min(rsteps, 5); ++k) {
      auto type = result_flow[k];
      tracking::ScanRequest scan{auth::new_uuid(), rtn, type, k == 0 ? agency : intake,
                                 minutes_ago(1500 - i - k * 30), std::nullopt, std::nullopt,
                                 std::nullopt, std::nullopt, ""};
      if (type == EventType::delivered) {
        if (rsteps == 6) {
          scan.type = EventType::delivery_failed;
          scan.reason = FailureReason::addressee_absent;
        } else if (rsteps == 7) {
          scan.type = EventType::held;
        } else {
          scan.recipient = tracking::Recipient{n.citizen_name, RecipientRelation::self, IdType::cccd};
        }
      }
      scan.body_hash = auth::sha256(tracking::canonical_form(scan));
      must(co_await s.scans.record(worker, scan), "result scan");
    }
    if (rsteps == 6 && i % 4 == 1) {  // failed attempts, then back to the agency
      tracking::ScanRequest back{auth::new_uuid(), rtn, EventType::returned, agency, minutes_ago(60 - i % 50),
                                 std::nullopt, std::nullopt, std::nullopt, std::nullopt, ""};
      back.body_hash = auth::sha256(tracking::canonical_form(back));
      must(co_await s.scans.record(worker, back), "returned scan");
    }
  }
  if (progress) progress(kDossiers, kDossiers);
}

}  // namespace

std::string fill_demo(http::Services& services, const DemoProgress& progress) {
  asio::io_context ioc;
  auto done = asio::co_spawn(ioc, fill(services, progress), asio::use_future);
  ioc.run();
  done.get();
  std::string out = "Demo data: 7 offices of Thái Nguyên (phường Đức Xuân, phường Bắc Kạn, xã Phong Quang; two "
                    "service centres, two ward People's Committees, the Department of Justice), users and "
                    "shipments in every state.\n"
                    "Demo users (username / password):\n";
  for (const auto& u : kUsers) {
    out += std::string("  ") + u.username + " / " + u.password + "  (" +
           std::string(domain::to_string(u.role)) + (u.office ? std::string(", ") + u.office : "") + ")\n";
  }
  return out;
}

}  // namespace tracker::cli
