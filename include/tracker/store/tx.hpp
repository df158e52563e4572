#pragma once
// Tx: the statements of the store, run on one connection inside one
// transaction. A Tx handed to a write job runs on the writer thread inside
// that job's SAVEPOINT; a Tx handed to a read runs on the caller's thread on
// its own read-only connection, inside one read transaction (a consistent
// snapshot). Not thread-safe: use it only inside the callback it was given to.
// Each method is one cached prepared statement.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tracker/domain/status.hpp"
#include "tracker/store/records.hpp"

namespace tracker::store {

class Connection;

struct TokenOwner {
  User user;
  domain::TokenKind kind = domain::TokenKind::bearer;
};

class Tx {
 public:
  explicit Tx(Connection& c) : c_(c) {}

  // The audit trail: appends one hash-chained row after the last one.
  void append_audit(const AuditEntry& e);

  // offices
  OfficeId insert_office(const Office& o, Timestamp now);
  std::optional<Office> find_office(OfficeId id);
  std::optional<Office> find_office_by_code(const std::string& code);
  std::vector<Office> list_offices();
  // Writes every column but code and kind; a new name keeps the old one in
  // the office's name history (valid until now).
  void update_office(const Office& o, Timestamp now);
  // The names the office had before its renames, oldest first.
  std::vector<OfficeName> earlier_office_names(OfficeId id);

  // users and tokens
  UserId insert_user(const User& u, Timestamp now);
  std::optional<User> find_user_by_username(const std::string& username);
  std::optional<User> find_user(UserId id);
  std::vector<User> list_users();
  void insert_token(const std::string& token_hash, UserId user_id, domain::TokenKind kind,
                    Timestamp now, std::optional<Timestamp> expires_at);
  // The live (not revoked, not expired) token's owner.
  std::optional<TokenOwner> find_token_owner(const std::string& token_hash, Timestamp now);
  void revoke_token(const std::string& token_hash, Timestamp now);

  // S10 serials: the next never-used serial for the indicator.
  std::uint32_t take_serial(const std::string& service_indicator);

  // shipments
  ShipmentId insert_shipment(const Shipment& s);
  std::optional<Shipment> find_shipment(ShipmentId id);
  std::optional<Shipment> find_shipment_by_tracking_number(const std::string& tn);
  std::vector<Shipment> find_shipments_by_dossier_code(const std::string& code);
  std::vector<Shipment> list_shipments(const ShipmentQuery& q);
  std::vector<std::string> linked_tracking_numbers(ShipmentId shipment_id);
  void update_shipment_status(ShipmentId id, ShipmentStatus status, int failed_attempts,
                              Timestamp last_event_at);
  void set_dossier_code(ShipmentId id, const std::string& code);
  void set_linked(ShipmentId id, ShipmentId linked_id);
  void cancel_shipment(ShipmentId id, Timestamp at);
  void add_shipment_office(ShipmentId shipment_id, OfficeId office_id);
  bool shipment_handled_by(ShipmentId shipment_id, OfficeId office_id);

  // events (append only)
  std::optional<Event> find_event(ShipmentId shipment_id, const std::string& event_id);
  std::int64_t insert_event(const Event& e);
  // Every event of the shipment, oldest occurred_at first (ties: recording order).
  std::vector<Event> events_of(ShipmentId shipment_id);
  std::int64_t count_events();
  // Only what status derivation needs, in recording order (cheap for long histories).
  std::vector<domain::EventFact> event_facts_of(ShipmentId shipment_id);

  std::optional<Event> find_event_by_seq(std::int64_t seq);

  // dossier statuses from the agency's system (append only)
  std::optional<DossierStatus> find_dossier_status(ShipmentId shipment_id, const std::string& event_id);
  std::optional<DossierStatus> find_dossier_status_by_seq(std::int64_t seq);
  std::int64_t insert_dossier_status(const DossierStatus& d);
  // Oldest occurred_at first (ties: recording order).
  std::vector<DossierStatus> dossier_statuses_of(ShipmentId shipment_id);
  // Events after q.after_seq in commit order, filtered and scoped; examines
  // at most q.window seqs.
  FeedPage feed(const FeedQuery& q);

  // outbox
  void insert_outbox(const OutboxMessage& m);
  // The citizen's messages (SMS and e-mail) of a shipment.
  std::vector<OutboxMessage> outbox_of(ShipmentId shipment_id);
  std::vector<OutboxCount> outbox_counts();
  OperationalFigures operational_figures(Timestamp now);
  std::optional<OutboxMessage> find_outbox(MessageId id);
  // Messages whose next attempt is due, oldest due first.
  std::vector<OutboxMessage> due_outbox(Timestamp now, int limit);
  // Newest first; state filter optional; keyset by id.
  std::vector<OutboxMessage> list_outbox(std::optional<MessageState> state,
                                         std::optional<MessageId> before_id, int limit);
  // After an attempt: state sent (with sent_at), failed (retry at next_attempt_at) or dead.
  void record_attempt(MessageId id, MessageState state, int attempts, Timestamp next_attempt_at,
                      const std::optional<std::string>& last_error, std::optional<Timestamp> sent_at);

  // handover lists
  HandoverId insert_handover(const Handover& h);
  std::optional<Handover> find_handover(HandoverId id);
  // Lists made by the office in [from, to): numbers the day's lists.
  int count_handovers_from(OfficeId office_id, Timestamp from, Timestamp to);
  std::vector<HandoverItem> handover_items(HandoverId handover_id);
  void insert_handover_item(HandoverId handover_id, ShipmentId shipment_id, int position, bool listed);
  void set_handover_item_received(HandoverId handover_id, ShipmentId shipment_id, bool received);
  void confirm_handover(HandoverId id, Timestamp at, UserId by, const std::string& received_by);
  void void_handover(HandoverId id, Timestamp at, UserId by, const std::string& reason);
  // The code of an open list the shipment is on, if any.
  std::optional<std::string> open_handover_of(ShipmentId shipment_id);

  // webhooks
  WebhookId insert_webhook(const Webhook& w);
  std::vector<Webhook> list_webhooks();  // not deleted
  std::optional<Webhook> find_webhook(WebhookId id);
  void delete_webhook(WebhookId id, Timestamp at);

  // Idempotency-Key replays
  std::optional<StoredResponse> find_stored_response(UserId user_id, const std::string& key);
  void insert_stored_response(UserId user_id, const std::string& key,
                              const StoredResponse& r, Timestamp now);

  // True when a trivial query answers.
  bool ping();
  // Rewrites the one health_probe row: a real page write, to learn whether
  // commits reach the disk again after a failure.
  void probe_write(Timestamp now);

  // For other statement groups of the store (reports, ...): the connection
  // this transaction runs on. Its type is private to store/.
  Connection& connection() { return c_; }

 private:
  Connection& c_;
};

}  // namespace tracker::store
