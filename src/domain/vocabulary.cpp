// The stable words of the staff and delivery vocabulary.
#include "tracker/domain/vocabulary.hpp"

#include <array>

#include "words.hpp"

namespace tracker::domain {
namespace {

using namespace words;

constexpr std::array<Word<OfficeKind>, 3> kOfficeKinds{{{OfficeKind::post_office, "post_office"},
                                                        {OfficeKind::agency, "agency"},
                                                        {OfficeKind::service_centre, "service_centre"}}};

constexpr std::array<Word<Role>, 5> kRoles{{{Role::postal_worker, "postal_worker"},
                                            {Role::clerk, "clerk"},
                                            {Role::supervisor, "supervisor"},
                                            {Role::admin, "admin"},
                                            {Role::agency_system, "agency_system"}}};

constexpr std::array<Word<AgencyStatus>, 6> kAgencyStatuses{{{AgencyStatus::received, "received"},
                                                             {AgencyStatus::supplement_requested, "supplement_requested"},
                                                             {AgencyStatus::refused, "refused"},
                                                             {AgencyStatus::paused, "paused"},
                                                             {AgencyStatus::withdrawn, "withdrawn"},
                                                             {AgencyStatus::result_ready, "result_ready"}}};

constexpr std::array<Word<Channel>, 3> kChannels{
    {{Channel::sms, "sms"}, {Channel::email, "email"}, {Channel::webhook, "webhook"}}};

constexpr std::array<Word<MessageState>, 4> kMessageStates{{{MessageState::pending, "pending"},
                                                            {MessageState::failed, "failed"},
                                                            {MessageState::sent, "sent"},
                                                            {MessageState::dead, "dead"}}};

constexpr std::array<Word<HandoverDirection>, 2> kDirections{
    {{HandoverDirection::dossiers_to_agency, "dossiers_to_agency"},
     {HandoverDirection::results_from_agency, "results_from_agency"}}};

constexpr std::array<Word<HandoverStatus>, 3> kHandoverStatuses{{{HandoverStatus::open, "open"},
                                                                 {HandoverStatus::confirmed, "confirmed"},
                                                                 {HandoverStatus::voided, "voided"}}};

constexpr std::array<Word<TokenKind>, 2> kTokenKinds{
    {{TokenKind::bearer, "bearer"}, {TokenKind::session, "session"}}};

constexpr std::array<Word<CalendarName>, 2> kCalendarNames{
    {{CalendarName::civil_service, "civil_service"}, {CalendarName::postal, "postal"}}};

constexpr std::array<Word<DayKind>, 3> kDayKinds{{{DayKind::holiday, "holiday"},
                                                  {DayKind::compensatory_off, "compensatory_off"},
                                                  {DayKind::makeup_workday, "makeup_workday"}}};

static_assert(in_order(kCalendarNames) && in_order(kDayKinds));
static_assert(in_order(kOfficeKinds) && in_order(kRoles) && in_order(kChannels) &&
              in_order(kMessageStates) && in_order(kDirections) && in_order(kHandoverStatuses) &&
              in_order(kTokenKinds) && in_order(kAgencyStatuses));

}  // namespace

std::string_view to_string(OfficeKind v) { return word_of(kOfficeKinds, v); }
std::string_view to_string(Role v) { return word_of(kRoles, v); }
std::string_view to_string(Channel v) { return word_of(kChannels, v); }
std::string_view to_string(MessageState v) { return word_of(kMessageStates, v); }
std::string_view to_string(HandoverDirection v) { return word_of(kDirections, v); }
std::string_view to_string(HandoverStatus v) { return word_of(kHandoverStatuses, v); }
std::string_view to_string(TokenKind v) { return word_of(kTokenKinds, v); }
std::string_view to_string(AgencyStatus v) { return word_of(kAgencyStatuses, v); }
std::optional<AgencyStatus> parse_agency_status(std::string_view t) { return value_of(kAgencyStatuses, t); }
std::string_view to_string(CalendarName v) { return word_of(kCalendarNames, v); }
std::string_view to_string(DayKind v) { return word_of(kDayKinds, v); }
std::optional<CalendarName> parse_calendar_name(std::string_view t) { return value_of(kCalendarNames, t); }
std::optional<DayKind> parse_day_kind(std::string_view t) { return value_of(kDayKinds, t); }

std::optional<OfficeKind> parse_office_kind(std::string_view t) { return value_of(kOfficeKinds, t); }
std::optional<Role> parse_role(std::string_view t) { return value_of(kRoles, t); }
std::optional<Channel> parse_channel(std::string_view t) { return value_of(kChannels, t); }
std::optional<MessageState> parse_message_state(std::string_view t) {
  return value_of(kMessageStates, t);
}
std::optional<HandoverDirection> parse_handover_direction(std::string_view t) {
  return value_of(kDirections, t);
}
std::optional<HandoverStatus> parse_handover_status(std::string_view t) {
  return value_of(kHandoverStatuses, t);
}
std::optional<TokenKind> parse_token_kind(std::string_view t) { return value_of(kTokenKinds, t); }

const std::vector<Role>& all_roles() {
  static const auto all = values_of(kRoles);
  return all;
}
const std::vector<MessageState>& all_message_states() {
  static const auto all = values_of(kMessageStates);
  return all;
}
const std::vector<AgencyStatus>& all_agency_statuses() {
  static const auto all = values_of(kAgencyStatuses);
  return all;
}

}  // namespace tracker::domain
