#pragma once
// The staff and delivery vocabulary: kinds of office, staff roles, the
// channels and states of notifications, handover directions and states.
// Like event.hpp, each enum has to_string() (its stable snake_case word, as in
// JSON and the database), parse_<name>() (nullopt for an unknown word,
// case-sensitive) and, where callers list them, all_<plural>().
#include <optional>
#include <string_view>
#include <vector>

namespace tracker::domain {

// A post office (postal workers), an agency's one-stop desk (clerks: the
// competent body, UBND xã/phường or a provincial department), or a Public
// Administration Service Centre (Trung tâm Phục vụ hành chính công, Decree
// 118/2025/NĐ-CP: it receives dossiers for any agency of the province; clerks
// and VNPost staff work there).
enum class OfficeKind { post_office, agency, service_centre };

// The Roles table of API.md; agency_system is a province's TTHC information
// system for one agency (bearer token only, no password).
enum class Role { postal_worker, clerk, supervisor, admin, agency_system };

// The working-day calendars: civil_service (agencies and service centres),
// postal (transit: due_at and delivery attempts).
enum class CalendarName { civil_service, postal };
// A day of a calendar: a holiday, a day off in compensation, or a weekend
// day worked to make up for one.
enum class DayKind { holiday, compensatory_off, makeup_workday };

// What happens to a dossier at its agency between the two legs, as the
// agency's system reports it.
enum class AgencyStatus { received, supplement_requested, refused, paused, withdrawn, result_ready };

// What carries a notification: the citizen's SMS or e-mail, or an agency's webhook.
enum class Channel { sms, email, webhook };

// An outbox row: waiting (pending), retried later (failed), done (sent), or
// given up (dead: an admin may retry it).
enum class MessageState { pending, failed, sent, dead };

enum class HandoverDirection { dossiers_to_agency, results_from_agency };
enum class HandoverStatus { open, confirmed, voided };

// How a token was issued: an API bearer token or a page login session.
enum class TokenKind { bearer, session };

std::string_view to_string(OfficeKind v);
std::string_view to_string(Role v);
std::string_view to_string(Channel v);
std::string_view to_string(MessageState v);
std::string_view to_string(HandoverDirection v);
std::string_view to_string(HandoverStatus v);
std::string_view to_string(TokenKind v);
std::string_view to_string(AgencyStatus v);
std::string_view to_string(CalendarName v);
std::string_view to_string(DayKind v);

std::optional<OfficeKind> parse_office_kind(std::string_view text);
std::optional<Role> parse_role(std::string_view text);
std::optional<Channel> parse_channel(std::string_view text);
std::optional<MessageState> parse_message_state(std::string_view text);
std::optional<HandoverDirection> parse_handover_direction(std::string_view text);
std::optional<HandoverStatus> parse_handover_status(std::string_view text);
std::optional<AgencyStatus> parse_agency_status(std::string_view text);
std::optional<CalendarName> parse_calendar_name(std::string_view text);
std::optional<DayKind> parse_day_kind(std::string_view text);
std::optional<TokenKind> parse_token_kind(std::string_view text);

const std::vector<Role>& all_roles();
const std::vector<MessageState>& all_message_states();
const std::vector<AgencyStatus>& all_agency_statuses();

// The calendar an office works by unless an admin chose another: agencies
// and service centres the civil service's, post offices the postal one.
constexpr CalendarName default_calendar(OfficeKind kind) {
  return kind == OfficeKind::post_office ? CalendarName::postal : CalendarName::civil_service;
}

// The citizen's own channels (SMS, e-mail), not an agency's webhook.
constexpr bool is_citizen_channel(Channel c) { return c != Channel::webhook; }

// A message the dispatcher may still send (pending or failed).
constexpr bool is_sendable(MessageState s) {
  return s == MessageState::pending || s == MessageState::failed;
}

}  // namespace tracker::domain
