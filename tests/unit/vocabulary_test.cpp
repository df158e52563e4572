#include "tracker/domain/vocabulary.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <type_traits>

#include "tracker/domain/ids.hpp"

using namespace tracker::domain;

// Ids of different tables are different types: passing one for another,
// or a bare number for an id, does not compile.
static_assert(!std::is_convertible_v<ShipmentId, OfficeId>);
static_assert(!std::is_convertible_v<OfficeId, ShipmentId>);
static_assert(!std::is_convertible_v<UserId, OfficeId>);
static_assert(!std::is_convertible_v<HandoverId, ShipmentId>);
static_assert(!std::is_convertible_v<std::int64_t, ShipmentId>);
static_assert(!std::is_convertible_v<ShipmentId, std::int64_t>);

namespace {

template <class E, class Parse>
void round_trips(E first, E last, Parse parse) {
  for (auto i = static_cast<int>(first); i <= static_cast<int>(last); ++i) {
    auto value = static_cast<E>(i);
    auto word = std::string(to_string(value));
    CAPTURE(word);
    CHECK_FALSE(word.empty());
    CHECK(parse(word) == value);
  }
}

}  // namespace

TEST_CASE("every vocabulary word round-trips through its parser", "[domain][vocabulary]") {
  round_trips(OfficeKind::post_office, OfficeKind::service_centre, parse_office_kind);
  round_trips(Role::postal_worker, Role::agency_system, parse_role);
  round_trips(AgencyStatus::received, AgencyStatus::result_ready, parse_agency_status);
  round_trips(Channel::sms, Channel::webhook, parse_channel);
  round_trips(MessageState::pending, MessageState::dead, parse_message_state);
  round_trips(HandoverDirection::dossiers_to_agency, HandoverDirection::results_from_agency, parse_handover_direction);
  round_trips(HandoverStatus::open, HandoverStatus::voided, parse_handover_status);
  round_trips(TokenKind::bearer, TokenKind::session, parse_token_kind);
}

TEST_CASE("vocabulary words are the API's words, case-sensitive, unknown ones refused", "[domain][vocabulary]") {
  CHECK(to_string(OfficeKind::post_office) == "post_office");
  CHECK(to_string(Role::postal_worker) == "postal_worker");
  CHECK(to_string(HandoverDirection::results_from_agency) == "results_from_agency");
  CHECK(to_string(MessageState::dead) == "dead");
  CHECK_FALSE(parse_role("Admin"));
  CHECK_FALSE(parse_channel("SMS"));
  CHECK_FALSE(parse_message_state(""));
  CHECK_FALSE(parse_handover_status("closed"));
  CHECK(all_roles().size() == 5);
  CHECK(to_string(OfficeKind::service_centre) == "service_centre");
  CHECK(to_string(AgencyStatus::supplement_requested) == "supplement_requested");
  CHECK(all_message_states().size() == 4);
}

TEST_CASE("a citizen's channels and the sendable states", "[domain][vocabulary]") {
  CHECK(is_citizen_channel(Channel::sms));
  CHECK(is_citizen_channel(Channel::email));
  CHECK_FALSE(is_citizen_channel(Channel::webhook));
  CHECK(is_sendable(MessageState::pending));
  CHECK(is_sendable(MessageState::failed));
  CHECK_FALSE(is_sendable(MessageState::sent));
  CHECK_FALSE(is_sendable(MessageState::dead));
}
