// Human texts for the tracking vocabulary, Vietnamese (with diacritics, in
// the spelling of DOMAIN.md, e.g. "hủy", "ủy quyền") and English.
#include <array>

#include "tracker/domain/event.hpp"

namespace tracker::domain {
namespace {

struct Text {
  std::string_view vi;
  std::string_view en;

  std::string_view in(Language lang) const { return lang == Language::en ? en : vi; }
};

// Indexed by ShipmentStatus.
constexpr std::array<Text, 10> kStatusTexts{{
    {"Đã tạo, chờ nhận gửi", "Created, awaiting acceptance"},
    {"Đã nhận gửi", "Accepted"},
    {"Đang vận chuyển", "In transit"},
    {"Đang phát", "Out for delivery"},
    {"Phát không thành công", "Delivery attempt failed"},
    {"Đang lưu giữ chờ nhận", "Held for collection"},
    {"Phát thành công", "Delivered"},
    {"Chuyển hoàn", "Returned to sender"},
    {"Đã hủy", "Cancelled"},
    {"Phát không thành công, chờ chuyển hoàn", "Delivery failed twice, to be returned"},
}};

struct LegTexts {
  Text dossier;
  Text result;
};

// Indexed by EventType.
constexpr std::array<LegTexts, 8> kEventTexts{{
    {{"Bưu điện đã nhận hồ sơ từ người gửi", "Dossier collected from the sender"},
     {"Bưu điện đã nhận kết quả từ cơ quan giải quyết", "Result collected from the agency"}},
    {{"Hồ sơ đã rời bưu cục", "Dossier left the post office"},
     {"Kết quả đã rời bưu cục", "Result left the post office"}},
    {{"Hồ sơ đã đến bưu cục", "Dossier arrived at a post office"},
     {"Kết quả đã đến bưu cục", "Result arrived at a post office"}},
    {{"Nhân viên bưu chính đang chuyển hồ sơ đến cơ quan tiếp nhận",
      "On the way to the receiving agency"},
     {"Nhân viên bưu chính đang phát kết quả", "Out for delivery"}},
    {{"Chưa giao được hồ sơ cho cơ quan tiếp nhận", "Could not be handed to the receiving agency"},
     {"Phát kết quả không thành công", "Delivery attempt failed"}},
    {{"Hồ sơ đang được lưu giữ tại bưu cục", "Held at the post office"},
     {"Kết quả đang được lưu giữ tại bưu cục, chờ người nhận đến nhận",
      "Held at the post office for collection"}},
    {{"Đã giao hồ sơ cho cơ quan tiếp nhận", "Handed to the receiving agency"},
     {"Đã phát kết quả cho người nhận", "Delivered to the recipient"}},
    {{"Hồ sơ đã được chuyển hoàn cho người gửi", "Returned to the sender"},
     {"Kết quả đã được chuyển hoàn về cơ quan giải quyết", "Returned to the agency"}},
}};

// Indexed by FailureReason.
constexpr std::array<Text, 11> kReasonTexts{{
    {"Người nhận vắng nhà", "Addressee not at home"},
    {"Địa chỉ không đầy đủ", "Incomplete address"},
    {"Không tìm thấy địa chỉ", "Address not found"},
    {"Người nhận đã chuyển đi nơi khác", "Addressee has moved"},
    {"Người nhận từ chối nhận", "Refused by the addressee"},
    {"Không có người nhận này tại địa chỉ", "No such person at the address"},
    {"Người nhận đã qua đời", "Addressee deceased"},
    {"Người nhận không xuất trình giấy tờ tùy thân", "No identity document presented"},
    {"Người nhận thay không có giấy ủy quyền hợp lệ", "Proxy had no valid written authorisation"},
    {"Nơi nhận đóng cửa", "Premises closed"},
    {"Lý do khác", "Other reason"},
}};

template <class T, std::size_t N, class E>
const T* at(const std::array<T, N>& table, E value) {
  auto i = static_cast<std::size_t>(value);
  return i < N ? &table[i] : nullptr;
}

// Indexed by AgencyStatus: what happened, and what to do.
constexpr std::array<std::array<Text, 2>, 6> kAgencyStatusTexts{{
    {{{"Cơ quan đã tiếp nhận hồ sơ", "The agency has received the dossier"},
      {"Hồ sơ đang được giải quyết; kết quả sẽ được gửi qua bưu điện theo địa chỉ đã đăng ký.",
       "The dossier is being processed; the result will come by post to the address given."}}},
    {{{"Cơ quan yêu cầu bổ sung hồ sơ", "The agency asks for more documents"},
      {"Vui lòng xem thông báo của cơ quan và nộp giấy tờ còn thiếu tại Trung tâm Phục vụ hành chính công "
       "hoặc bưu điện gần nhất; thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ.",
       "Please read the agency's notice and hand in the missing documents at a Public Administration Service "
       "Centre or the nearest post office; the time limit starts again once the dossier is complete."}}},
    {{{"Cơ quan từ chối giải quyết hồ sơ", "The agency has refused the dossier"},
      {"Cơ quan gửi văn bản nêu rõ lý do; bạn có thể liên hệ cơ quan hoặc khiếu nại theo quy định.",
       "The agency sends a letter giving its reasons; you may contact it or lodge a complaint as the law allows."}}},
    {{{"Cơ quan tạm dừng giải quyết hồ sơ", "The agency has paused the dossier"},
      {"Cơ quan sẽ thông báo lý do và thời điểm tiếp tục giải quyết.",
       "The agency will tell you why, and when it goes on."}}},
    {{{"Hồ sơ đã được rút theo yêu cầu", "The dossier was withdrawn as requested"}, {"", ""}}},
    {{{"Đã có kết quả giải quyết hồ sơ", "The result is ready"},
      {"Kết quả sẽ được gửi đến bạn qua bưu điện.", "The result will be sent to you by post."}}},
}};

}  // namespace

std::string_view agency_status_text(AgencyStatus status, Language lang) {
  auto i = static_cast<std::size_t>(status);
  return i < kAgencyStatusTexts.size() ? kAgencyStatusTexts[i][0].in(lang) : std::string_view{};
}

std::string_view agency_status_advice(AgencyStatus status, Language lang) {
  auto i = static_cast<std::size_t>(status);
  return i < kAgencyStatusTexts.size() ? kAgencyStatusTexts[i][1].in(lang) : std::string_view{};
}

std::string_view status_text(ShipmentStatus status, Language lang) {
  const Text* t = at(kStatusTexts, status);
  return t ? t->in(lang) : std::string_view{};
}

std::string_view event_text(EventType type, ShipmentKind kind, Language lang) {
  const LegTexts* t = at(kEventTexts, type);
  if (!t) return {};
  return (kind == ShipmentKind::result ? t->result : t->dossier).in(lang);
}

std::string_view reason_text(FailureReason reason, Language lang) {
  const Text* t = at(kReasonTexts, reason);
  return t ? t->in(lang) : std::string_view{};
}

}  // namespace tracker::domain
