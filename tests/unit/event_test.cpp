#include "tracker/domain/event.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace tracker::domain;

namespace {

// Every value's word parses back to the value, and the words are distinct.
template <class E, class Parse>
void check_round_trip(const std::vector<E>& all, Parse parse) {
  std::set<std::string_view> words;
  for (E v : all) {
    auto word = to_string(v);
    CAPTURE(word);
    CHECK_FALSE(word.empty());
    CHECK(parse(word) == v);
    words.insert(word);
  }
  CHECK(words.size() == all.size());
  CHECK_FALSE(parse("").has_value());
  CHECK_FALSE(parse("no_such_word").has_value());
}

}  // namespace

TEST_CASE("enum words round-trip through parse", "[domain][event]") {
  check_round_trip(all_shipment_kinds(), parse_shipment_kind);
  check_round_trip(all_event_types(), parse_event_type);
  check_round_trip(all_failure_reasons(), parse_failure_reason);
  check_round_trip(all_shipment_statuses(), parse_shipment_status);
  check_round_trip(all_recipient_relations(), parse_recipient_relation);
  check_round_trip(all_id_types(), parse_id_type);
  check_round_trip(all_languages(), parse_language);
  CHECK(all_event_types().size() == 8);
  CHECK(all_failure_reasons().size() == 11);
  CHECK(all_shipment_statuses().size() == 10);
}

TEST_CASE("a trigger's word names an event type or an agency status, never both", "[domain][event]") {
  for (EventType type : all_event_types()) {
    CAPTURE(to_string(type));
    CHECK_FALSE(parse_agency_status(to_string(type)));
    CHECK(parse_trigger(to_string(type)) == Trigger{type});
  }
  for (AgencyStatus status : all_agency_statuses()) {
    CAPTURE(to_string(status));
    CHECK_FALSE(parse_event_type(to_string(status)));
    CHECK(parse_trigger(to_string(status)) == Trigger{status});
    CHECK(to_string(Trigger{status}) == to_string(status));
  }
  CHECK_FALSE(parse_trigger("lost"));
}

TEST_CASE("enum words are the snake_case API words", "[domain][event]") {
  CHECK(to_string(ShipmentKind::result) == "result");
  CHECK(to_string(EventType::out_for_delivery) == "out_for_delivery");
  CHECK(to_string(FailureReason::proxy_not_authorised) == "proxy_not_authorised");
  CHECK(to_string(ShipmentStatus::in_transit) == "in_transit");
  CHECK(to_string(RecipientRelation::proxy) == "proxy");
  CHECK(to_string(IdType::cccd) == "cccd");
  CHECK(parse_event_type("Delivered") == std::nullopt);  // case-sensitive
  CHECK(parse_failure_reason("addressee_absent") == FailureReason::addressee_absent);
}

TEST_CASE("events carry their UPU EMSEVT codes", "[domain][event]") {
  auto [type, code] = GENERATE(table<EventType, std::string_view>({
      {EventType::accepted, "EMA"},
      {EventType::dispatched, "EMC"},
      {EventType::arrived, "EMG"},
      {EventType::out_for_delivery, "EDG"},
      {EventType::delivery_failed, "EMH"},
      {EventType::held, "EDH"},
      {EventType::delivered, "EMI"},
      {EventType::returned, ""},
  }));
  CAPTURE(to_string(type));
  CHECK(upu_code(type) == code);
}

TEST_CASE("status words a citizen sees", "[domain][event]") {
  auto [status, vi, en] = GENERATE(table<ShipmentStatus, std::string_view, std::string_view>({
      {ShipmentStatus::created, "Đã tạo, chờ nhận gửi", "Created, awaiting acceptance"},
      {ShipmentStatus::accepted, "Đã nhận gửi", "Accepted"},
      {ShipmentStatus::in_transit, "Đang vận chuyển", "In transit"},
      {ShipmentStatus::out_for_delivery, "Đang phát", "Out for delivery"},
      {ShipmentStatus::delivery_failed, "Phát không thành công", "Delivery attempt failed"},
      {ShipmentStatus::held, "Đang lưu giữ chờ nhận", "Held for collection"},
      {ShipmentStatus::delivered, "Phát thành công", "Delivered"},
      {ShipmentStatus::returned, "Chuyển hoàn", "Returned to sender"},
      {ShipmentStatus::cancelled, "Đã hủy", "Cancelled"},
  }));
  CAPTURE(to_string(status));
  CHECK(status_text(status, Language::vi) == vi);
  CHECK(status_text(status, Language::en) == en);
}

TEST_CASE("event texts depend on the leg", "[domain][event]") {
  CHECK(event_text(EventType::delivered, ShipmentKind::dossier, Language::vi) ==
        "Đã giao hồ sơ cho cơ quan tiếp nhận");
  CHECK(event_text(EventType::delivered, ShipmentKind::dossier, Language::en) ==
        "Handed to the receiving agency");
  CHECK(event_text(EventType::delivered, ShipmentKind::result, Language::vi) ==
        "Đã phát kết quả cho người nhận");
  for (EventType type : all_event_types()) {
    for (ShipmentKind kind : all_shipment_kinds()) {
      for (Language lang : all_languages()) {
        CAPTURE(to_string(type), to_string(kind), to_string(lang));
        CHECK_FALSE(event_text(type, kind, lang).empty());
      }
    }
    CHECK(event_text(type, ShipmentKind::dossier, Language::vi) !=
          event_text(type, ShipmentKind::dossier, Language::en));
  }
}

TEST_CASE("failure reasons have texts in both languages", "[domain][event]") {
  CHECK(reason_text(FailureReason::addressee_absent, Language::vi) == "Người nhận vắng nhà");
  CHECK(reason_text(FailureReason::addressee_absent, Language::en) == "Addressee not at home");
  std::set<std::string_view> vi_texts;
  for (FailureReason r : all_failure_reasons()) {
    CAPTURE(to_string(r));
    CHECK_FALSE(reason_text(r, Language::en).empty());
    vi_texts.insert(reason_text(r, Language::vi));
  }
  CHECK(vi_texts.size() == all_failure_reasons().size());
}
