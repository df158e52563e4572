#pragma once
// Tx: the statements of the store, run on one connection inside one
// transaction. An interface: store/sqlite implements it (and later
// store/postgres); the rest of the program sees only this. A Tx handed to a write job runs on the writer thread inside
// that job's SAVEPOINT; a Tx handed to a read runs on the caller's thread on
// its own read-only connection, inside one read transaction (a consistent
// snapshot). Not thread-safe: use it only inside the callback it was given to.
// Each method is one statement (SQLite: one cached prepared statement).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tracker/domain/status.hpp"
#include "tracker/store/records.hpp"

namespace tracker::store {

class CalendarQueries;
class DeadlineQueries;
class UnitQueries;
class ReportQueries;

struct TokenOwner {
  User user;
  domain::TokenKind kind = domain::TokenKind::bearer;
};

class Tx {
 public:
  virtual ~Tx() = default;

  // Statement groups kept apart (see their headers).
  virtual CalendarQueries& calendars() = 0;
  virtual DeadlineQueries& deadlines() = 0;
  virtual UnitQueries& units() = 0;
  virtual ReportQueries& reports() = 0;

  // The audit trail: appends one hash-chained row after the last one.
  virtual void append_audit(const AuditEntry& e) = 0;

  // offices
  virtual OfficeId insert_office(const Office& o, Timestamp now) = 0;
  virtual std::optional<Office> find_office(OfficeId id) = 0;
  virtual std::optional<Office> find_office_by_code(const std::string& code) = 0;
  virtual std::vector<Office> list_offices() = 0;
  // Writes every column but code and kind; a new name keeps the old one in
  // the office's name history (valid until now).
  virtual void update_office(const Office& o, Timestamp now) = 0;
  // The names the office had before its renames, oldest first.
  virtual std::vector<OfficeName> earlier_office_names(OfficeId id) = 0;

  // users and tokens
  // The new user's id, or nullopt when the username is taken (decided by the
  // unique key, not by a read before: several writers may insert at once).
  virtual std::optional<UserId> insert_user(const User& u, Timestamp now) = 0;
  virtual std::optional<User> find_user_by_username(const std::string& username) = 0;
  virtual std::optional<User> find_user(UserId id) = 0;
  virtual std::vector<User> list_users() = 0;
  virtual void insert_token(const std::string& token_hash, UserId user_id, domain::TokenKind kind,
                            Timestamp now, std::optional<Timestamp> expires_at) = 0;
  // The live (not revoked, not expired) token's owner.
  virtual std::optional<TokenOwner> find_token_owner(const std::string& token_hash, Timestamp now) = 0;
  virtual void revoke_token(const std::string& token_hash, Timestamp now) = 0;

  // S10 serials: the next never-used serial for the indicator.
  virtual std::uint32_t take_serial(const std::string& service_indicator) = 0;

  // shipments
  virtual ShipmentId insert_shipment(const Shipment& s) = 0;
  virtual std::optional<Shipment> find_shipment(ShipmentId id) = 0;
  virtual std::optional<Shipment> find_shipment_by_tracking_number(const std::string& tn) = 0;
  // In a write job, before changing the shipment from what was read of it
  // (the status fold, a cancel): the shipment, locked until the transaction
  // ends, so that writers of the same shipment take turns (SQLite: its one
  // writer is alone already; PostgreSQL: SELECT … FOR UPDATE).
  virtual std::optional<Shipment> lock_shipment_by_tracking_number(const std::string& tn) = 0;
  virtual std::vector<Shipment> find_shipments_by_dossier_code(const std::string& code) = 0;
  virtual std::vector<Shipment> list_shipments(const ShipmentQuery& q) = 0;
  virtual std::vector<std::string> linked_tracking_numbers(ShipmentId shipment_id) = 0;
  virtual void update_shipment_status(ShipmentId id, ShipmentStatus status, int failed_attempts,
                                      Timestamp last_event_at) = 0;
  virtual void set_dossier_code(ShipmentId id, const std::string& code) = 0;
  virtual void set_linked(ShipmentId id, ShipmentId linked_id) = 0;
  virtual void cancel_shipment(ShipmentId id, Timestamp at) = 0;
  virtual void add_shipment_office(ShipmentId shipment_id, OfficeId office_id) = 0;
  virtual bool shipment_handled_by(ShipmentId shipment_id, OfficeId office_id) = 0;

  // events (append only)
  virtual std::optional<Event> find_event(ShipmentId shipment_id, const std::string& event_id) = 0;
  virtual std::int64_t insert_event(const Event& e) = 0;
  // Every event of the shipment, oldest occurred_at first (ties: recording order).
  virtual std::vector<Event> events_of(ShipmentId shipment_id) = 0;
  virtual std::int64_t count_events() = 0;
  // Only what status derivation needs, in recording order (cheap for long histories).
  virtual std::vector<domain::EventFact> event_facts_of(ShipmentId shipment_id) = 0;

  virtual std::optional<Event> find_event_by_seq(std::int64_t seq) = 0;

  // dossier statuses from the agency's system (append only)
  virtual std::optional<DossierStatus> find_dossier_status(ShipmentId shipment_id, const std::string& event_id) = 0;
  virtual std::optional<DossierStatus> find_dossier_status_by_seq(std::int64_t seq) = 0;
  virtual std::int64_t insert_dossier_status(const DossierStatus& d) = 0;
  // Oldest occurred_at first (ties: recording order).
  virtual std::vector<DossierStatus> dossier_statuses_of(ShipmentId shipment_id) = 0;
  // Events after q.after_seq in commit order, filtered and scoped; examines
  // at most q.window seqs.
  virtual FeedPage feed(const FeedQuery& q) = 0;

  // outbox
  virtual void insert_outbox(const OutboxMessage& m) = 0;
  // The citizen's messages (SMS and e-mail) of a shipment.
  virtual std::vector<OutboxMessage> outbox_of(ShipmentId shipment_id) = 0;
  virtual std::vector<OutboxCount> outbox_counts() = 0;
  virtual OperationalFigures operational_figures(Timestamp now) = 0;
  virtual std::optional<OutboxMessage> find_outbox(MessageId id) = 0;
  // Messages whose next attempt is due and that no dispatcher holds, oldest
  // due first.
  virtual std::vector<OutboxMessage> due_outbox(Timestamp now, int limit) = 0;
  // In a write job: takes up to `limit` of those for this dispatcher until
  // `until` (a lease; PostgreSQL: FOR UPDATE SKIP LOCKED, so dispatchers of
  // several instances never take the same row) and returns them.
  virtual std::vector<OutboxMessage> claim_due_outbox(Timestamp now, Timestamp until, int limit) = 0;
  // Gives a claim back unused (a dispatcher stopping with messages queued).
  virtual void release_outbox_claim(MessageId id, Timestamp until) = 0;
  // Newest first; state filter optional; keyset by id.
  virtual std::vector<OutboxMessage> list_outbox(std::optional<MessageState> state,
                                                 std::optional<MessageId> before_id, int limit) = 0;
  // After an attempt: state sent (with sent_at), failed (retry at next_attempt_at) or dead;
  // ends the claim.
  virtual void record_attempt(MessageId id, MessageState state, int attempts, Timestamp next_attempt_at,
                              const std::optional<std::string>& last_error, std::optional<Timestamp> sent_at) = 0;

  // handover lists
  virtual HandoverId insert_handover(const Handover& h) = 0;
  virtual std::optional<Handover> find_handover(HandoverId id) = 0;
  // The list, locked until the transaction ends, for a change of its status
  // (confirm, void): two confirmations of one list take turns and the second
  // sees it confirmed (SQLite: its one writer is alone already; PostgreSQL:
  // SELECT … FOR UPDATE).
  virtual std::optional<Handover> lock_handover(HandoverId id) = 0;
  // The next number of the office's lists of `day` (yymmdd): 1, 2, 3, …,
  // never twice, taken from a counter row (several writers may number at once).
  virtual int take_handover_number(OfficeId office_id, const std::string& day) = 0;
  virtual std::vector<HandoverItem> handover_items(HandoverId handover_id) = 0;
  virtual void insert_handover_item(HandoverId handover_id, ShipmentId shipment_id, int position, bool listed) = 0;
  virtual void set_handover_item_received(HandoverId handover_id, ShipmentId shipment_id, bool received) = 0;
  virtual void confirm_handover(HandoverId id, Timestamp at, UserId by, const std::string& received_by) = 0;
  virtual void void_handover(HandoverId id, Timestamp at, UserId by, const std::string& reason) = 0;
  // The code of an open list the shipment is on, if any.
  virtual std::optional<std::string> open_handover_of(ShipmentId shipment_id) = 0;

  // webhooks
  virtual WebhookId insert_webhook(const Webhook& w) = 0;
  virtual std::vector<Webhook> list_webhooks() = 0;  // not deleted
  virtual std::optional<Webhook> find_webhook(WebhookId id) = 0;
  virtual void delete_webhook(WebhookId id, Timestamp at) = 0;

  // Idempotency-Key replays
  virtual std::optional<StoredResponse> find_stored_response(UserId user_id, const std::string& key) = 0;
  virtual void insert_stored_response(UserId user_id, const std::string& key,
                                      const StoredResponse& r, Timestamp now) = 0;

  // True when a trivial query answers.
  virtual bool ping() = 0;
  // Rewrites the one health_probe row: a real page write, to learn whether
  // commits reach the disk again after a failure.
  virtual void probe_write(Timestamp now) = 0;

 protected:
  Tx() = default;
  Tx(const Tx&) = default;
  Tx& operator=(const Tx&) = default;
};

}  // namespace tracker::store
