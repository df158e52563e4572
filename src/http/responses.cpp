#include "responses.hpp"

#include <chrono>
#include "tracker/auth/auth_service.hpp"

#include <boost/json/serialize.hpp>

namespace tracker::http {
using namespace tracker::domain;

namespace {

struct Title {
  const char* vi;
  const char* en;
};

Title title_of(int status) {
  switch (status) {
    case 400: return {"Yêu cầu không hợp lệ", "Malformed request"};
    case 401: return {"Chưa xác thực", "Unauthenticated"};
    case 403: return {"Không có quyền", "Forbidden"};
    case 404: return {"Không tìm thấy", "Not found"};
    case 405: return {"Phương thức không được hỗ trợ", "Method not allowed"};
    case 409: return {"Xung đột dữ liệu", "Conflict"};
    case 413: return {"Nội dung quá lớn", "Payload too large"};
    case 415: return {"Kiểu nội dung không được hỗ trợ", "Unsupported media type"};
    case 422: return {"Dữ liệu không hợp lệ", "Unprocessable content"};
    case 429: return {"Quá nhiều yêu cầu", "Too many requests"};
    case 431: return {"Phần đầu yêu cầu quá lớn", "Request header fields too large"};
    case 503: return {"Dịch vụ tạm thời không sẵn sàng", "Service unavailable"};
    default: return {"Lỗi hệ thống", "Internal error"};
  }
}

// Vietnamese details for the codes a citizen or clerk meets most; other
// details stay in English.
const char* vietnamese_detail(const std::string& code) {
  static const std::map<std::string, const char*> kDetails = {
      {"invalid_tracking_number", "Số hiệu bưu gửi không đúng (kiểm tra lại chữ số kiểm tra)."},
      {"shipment_not_found", "Không tìm thấy bưu gửi có số hiệu này."},
      {"dossier_not_found", "Không tìm thấy bưu gửi nào mang mã hồ sơ này."},
      {"invalid_code", "Không phải số hiệu bưu gửi hay mã hồ sơ hợp lệ."},
      {"unauthenticated", "Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn."},
      {"bad_credentials", "Sai tên đăng nhập hoặc mật khẩu."},
      {"forbidden", "Bạn không có quyền thực hiện thao tác này."},
      {"rate_limited", "Bạn tra cứu quá nhiều lần; vui lòng thử lại sau ít phút."},
      {"malformed_json", "Nội dung gửi lên không phải JSON hợp lệ."},
      {"unsupported_media_type", "Hãy gửi nội dung dạng application/json."},
      {"payload_too_large", "Nội dung gửi lên quá lớn."},
      {"header_too_large", "Phần đầu yêu cầu (các header) quá lớn."},
      {"malformed_request", "Yêu cầu HTTP không đúng định dạng."},
      {"malformed_target", "Địa chỉ yêu cầu không đúng định dạng."},
      {"method_not_allowed", "Địa chỉ này không nhận phương thức đã dùng."},
      {"no_such_path", "Không có địa chỉ này."},
      {"validation_failed", "Một số trường dữ liệu không hợp lệ."},
      {"event_id_conflict", "Mã sự kiện này đã được ghi với nội dung khác."},
      {"not_cancellable", "Chỉ hủy được bưu gửi chưa được quét lần nào."},
      {"storage_unavailable", "Không ghi được dữ liệu; chưa có gì được lưu. Vui lòng thử lại."},
  };
  auto it = kDetails.find(code);
  return it == kDetails.end() ? nullptr : it->second;
}

}  // namespace

int status_of(Errc e) {
  switch (e) {
    case Errc::invalid: return 422;
    case Errc::malformed: return 400;
    case Errc::not_found: return 404;
    case Errc::conflict: return 409;
    case Errc::forbidden: return 403;
    case Errc::unauthenticated: return 401;
    case Errc::too_many: return 429;
    case Errc::unavailable: return 503;
    case Errc::too_large: return 413;
    case Errc::method_not_allowed: return 405;
    case Errc::headers_too_large: return 431;
    case Errc::unsupported_media: return 415;
    case Errc::internal: return 500;
  }
  return 500;
}

Response json_response(int status, const boost::json::value& body) {
  return Response{status, "application/json", boost::json::serialize(body), {}};
}

Response list_response(boost::json::array items, std::optional<std::int64_t> next_before_id) {
  boost::json::value next = next_before_id ? boost::json::value(std::to_string(*next_before_id)) : nullptr;
  return json_response(200, boost::json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

boost::json::object problem_body(const Error& e, Language lang) {
  int status = status_of(e.errc);
  auto title = title_of(status);
  boost::json::object o;
  o["type"] = "https://tracuu.example.vn/problems/" + (e.code.empty() ? std::string("error") : e.code);
  o["title"] = lang == Language::en ? title.en : title.vi;
  o["status"] = status;
  o["code"] = e.code.empty() ? "error" : e.code;
  if (status == 500) {
    o["detail"] = lang == Language::en ? "Internal error." : "Lỗi hệ thống.";  // never internals
  } else {
    const char* vi = lang == Language::vi ? vietnamese_detail(e.code) : nullptr;
    o["detail"] = vi ? vi : e.detail;
  }
  if (!e.fields.empty()) {
    boost::json::array errors;
    for (const auto& f : e.fields) {
      errors.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
    }
    o["errors"] = std::move(errors);
  }
  return o;
}

Response problem(const Error& e, Language lang) {
  Response r = json_response(status_of(e.errc), problem_body(e, lang));
  r.content_type = "application/problem+json";
  if (e.errc == Errc::too_many) r.headers.emplace_back("Retry-After", "60");
  return r;
}

Response too_many(const domain::Error& e, domain::Language lang, std::chrono::seconds retry_after) {
  auto r = problem(e, lang);
  for (auto& [name, value] : r.headers) {
    if (name == "Retry-After") value = std::to_string(retry_after.count());
  }
  return r;
}

std::string session_cookie(const std::string& token) {
  auto max_age = std::chrono::duration_cast<std::chrono::seconds>(auth::AuthService::kSessionLifetime);
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age.count());
}

std::string expired_session_cookie() {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
}

}  // namespace tracker::http
