// The stable words of the tracking vocabulary (the human texts are in
// event_text.cpp).
#include "tracker/domain/event.hpp"

#include <array>

#include "words.hpp"

namespace tracker::domain {
namespace {

using namespace words;

using K = ShipmentKind;
constexpr std::array<Word<K>, 2> kKinds{{{K::dossier, "dossier"}, {K::result, "result"}}};

using T = EventType;
constexpr std::array<Word<T>, 8> kEventTypes{{
    {T::accepted, "accepted"},
    {T::dispatched, "dispatched"},
    {T::arrived, "arrived"},
    {T::out_for_delivery, "out_for_delivery"},
    {T::delivery_failed, "delivery_failed"},
    {T::held, "held"},
    {T::delivered, "delivered"},
    {T::returned, "returned"},
}};

using R = FailureReason;
constexpr std::array<Word<R>, 11> kReasons{{
    {R::addressee_absent, "addressee_absent"},
    {R::address_incomplete, "address_incomplete"},
    {R::address_not_found, "address_not_found"},
    {R::moved, "moved"},
    {R::refused, "refused"},
    {R::no_such_person, "no_such_person"},
    {R::deceased, "deceased"},
    {R::id_not_presented, "id_not_presented"},
    {R::proxy_not_authorised, "proxy_not_authorised"},
    {R::premises_closed, "premises_closed"},
    {R::other, "other"},
}};

using S = ShipmentStatus;
constexpr std::array<Word<S>, 10> kStatuses{{
    {S::created, "created"},
    {S::accepted, "accepted"},
    {S::in_transit, "in_transit"},
    {S::out_for_delivery, "out_for_delivery"},
    {S::delivery_failed, "delivery_failed"},
    {S::held, "held"},
    {S::delivered, "delivered"},
    {S::returned, "returned"},
    {S::cancelled, "cancelled"},
    {S::return_due, "return_due"},
}};

using Rel = RecipientRelation;
constexpr std::array<Word<Rel>, 2> kRelations{{{Rel::self, "self"}, {Rel::proxy, "proxy"}}};

constexpr std::array<Word<IdType>, 3> kIdTypes{
    {{IdType::cccd, "cccd"}, {IdType::passport, "passport"}, {IdType::other, "other"}}};

constexpr std::array<Word<Language>, 2> kLanguages{{{Language::vi, "vi"}, {Language::en, "en"}}};

static_assert(in_order(kKinds) && in_order(kEventTypes) && in_order(kReasons) &&
              in_order(kStatuses) && in_order(kRelations) && in_order(kIdTypes) &&
              in_order(kLanguages));

// UPU EMSEVT codes, indexed by EventType.
constexpr std::array<std::string_view, 8> kUpuCodes{"EMA", "EMC", "EMG", "EDG",
                                                    "EMH", "EDH", "EMI", ""};

}  // namespace

std::string_view to_string(ShipmentKind v) { return word_of(kKinds, v); }
std::string_view to_string(EventType v) { return word_of(kEventTypes, v); }
std::string_view to_string(FailureReason v) { return word_of(kReasons, v); }
std::string_view to_string(ShipmentStatus v) { return word_of(kStatuses, v); }
std::string_view to_string(RecipientRelation v) { return word_of(kRelations, v); }
std::string_view to_string(IdType v) { return word_of(kIdTypes, v); }
std::string_view to_string(Language v) { return word_of(kLanguages, v); }

std::optional<ShipmentKind> parse_shipment_kind(std::string_view t) { return value_of(kKinds, t); }
std::optional<EventType> parse_event_type(std::string_view t) { return value_of(kEventTypes, t); }
std::optional<FailureReason> parse_failure_reason(std::string_view t) {
  return value_of(kReasons, t);
}
std::optional<ShipmentStatus> parse_shipment_status(std::string_view t) {
  return value_of(kStatuses, t);
}
std::optional<RecipientRelation> parse_recipient_relation(std::string_view t) {
  return value_of(kRelations, t);
}
std::optional<IdType> parse_id_type(std::string_view t) { return value_of(kIdTypes, t); }
std::optional<Language> parse_language(std::string_view t) { return value_of(kLanguages, t); }

std::string_view to_string(const Trigger& t) {
  return std::visit([](auto v) { return to_string(v); }, t);
}
std::optional<Trigger> parse_trigger(std::string_view t) {
  if (auto e = parse_event_type(t)) return Trigger{*e};
  if (auto s = parse_agency_status(t)) return Trigger{*s};
  return std::nullopt;
}

const std::vector<ShipmentKind>& all_shipment_kinds() {
  static const auto all = values_of(kKinds);
  return all;
}
const std::vector<EventType>& all_event_types() {
  static const auto all = values_of(kEventTypes);
  return all;
}
const std::vector<FailureReason>& all_failure_reasons() {
  static const auto all = values_of(kReasons);
  return all;
}
const std::vector<ShipmentStatus>& all_shipment_statuses() {
  static const auto all = values_of(kStatuses);
  return all;
}
const std::vector<RecipientRelation>& all_recipient_relations() {
  static const auto all = values_of(kRelations);
  return all;
}
const std::vector<IdType>& all_id_types() {
  static const auto all = values_of(kIdTypes);
  return all;
}
const std::vector<Language>& all_languages() {
  static const auto all = values_of(kLanguages);
  return all;
}

std::string_view upu_code(EventType type) {
  auto i = static_cast<std::size_t>(type);
  return i < kUpuCodes.size() ? kUpuCodes[i] : std::string_view{};
}

}  // namespace tracker::domain
