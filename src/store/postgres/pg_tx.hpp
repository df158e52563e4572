#pragma once
// The PostgreSQL Tx: the store's statements on one connection, each
// prepared once per connection (see tracker/store/tx.hpp for the contract).
// Private to store/postgres.
#include "pg_queries.hpp"
#include "tracker/store/tx.hpp"

namespace tracker::store::postgres {

class PgConnection;

class PgTx final : public Tx {
 public:
  explicit PgTx(PgConnection& c)
      : c_(c), calendars_(c), deadlines_(c), units_(c), reports_(c) {}

  CalendarQueries& calendars() override { return calendars_; }
  DeadlineQueries& deadlines() override { return deadlines_; }
  UnitQueries& units() override { return units_; }
  ReportQueries& reports() override { return reports_; }

  void append_audit(const AuditEntry& e) override;
  OfficeId insert_office(const Office& o, Timestamp now) override;
  std::optional<Office> find_office(OfficeId id) override;
  std::optional<Office> find_office_by_code(const std::string& code) override;
  std::vector<Office> list_offices() override;
  void update_office(const Office& o, Timestamp now) override;
  std::vector<OfficeName> earlier_office_names(OfficeId id) override;
  std::optional<UserId> insert_user(const User& u, Timestamp now) override;
  std::optional<User> find_user_by_username(const std::string& username) override;
  std::optional<User> find_user(UserId id) override;
  std::vector<User> list_users() override;
  void insert_token(const std::string& token_hash, UserId user_id, domain::TokenKind kind,
                    Timestamp now, std::optional<Timestamp> expires_at) override;
  std::optional<TokenOwner> find_token_owner(const std::string& token_hash, Timestamp now) override;
  void revoke_token(const std::string& token_hash, Timestamp now) override;
  std::uint32_t take_serial(const std::string& service_indicator) override;
  ShipmentId insert_shipment(const Shipment& s) override;
  std::optional<Shipment> find_shipment(ShipmentId id) override;
  std::optional<Shipment> find_shipment_by_tracking_number(const std::string& tn) override;
  std::optional<Shipment> lock_shipment_by_tracking_number(const std::string& tn) override;
  std::vector<Shipment> find_shipments_by_dossier_code(const std::string& code) override;
  std::vector<Shipment> list_shipments(const ShipmentQuery& q) override;
  std::vector<std::string> linked_tracking_numbers(ShipmentId shipment_id) override;
  void update_shipment_status(ShipmentId id, ShipmentStatus status, int failed_attempts,
                              Timestamp last_event_at) override;
  void set_dossier_code(ShipmentId id, const std::string& code) override;
  void set_linked(ShipmentId id, ShipmentId linked_id) override;
  void cancel_shipment(ShipmentId id, Timestamp at) override;
  void add_shipment_office(ShipmentId shipment_id, OfficeId office_id) override;
  bool shipment_handled_by(ShipmentId shipment_id, OfficeId office_id) override;
  std::optional<Event> find_event(ShipmentId shipment_id, const std::string& event_id) override;
  std::int64_t insert_event(const Event& e) override;
  std::vector<Event> events_of(ShipmentId shipment_id) override;
  std::int64_t count_events() override;
  std::vector<domain::EventFact> event_facts_of(ShipmentId shipment_id) override;
  std::optional<Event> find_event_by_seq(std::int64_t seq) override;
  std::optional<DossierStatus> find_dossier_status(ShipmentId shipment_id, const std::string& event_id) override;
  std::optional<DossierStatus> find_dossier_status_by_seq(std::int64_t seq) override;
  std::int64_t insert_dossier_status(const DossierStatus& d) override;
  std::vector<DossierStatus> dossier_statuses_of(ShipmentId shipment_id) override;
  FeedPage feed(const FeedQuery& q) override;
  void insert_outbox(const OutboxMessage& m) override;
  std::vector<OutboxMessage> outbox_of(ShipmentId shipment_id) override;
  std::vector<OutboxCount> outbox_counts() override;
  OperationalFigures operational_figures(Timestamp now) override;
  std::optional<OutboxMessage> find_outbox(MessageId id) override;
  std::vector<OutboxMessage> due_outbox(Timestamp now, int limit) override;
  std::vector<OutboxMessage> claim_due_outbox(Timestamp now, Timestamp until, int limit) override;
  void release_outbox_claim(MessageId id, Timestamp until) override;
  std::vector<OutboxMessage> list_outbox(std::optional<MessageState> state,
                                         std::optional<MessageId> before_id, int limit) override;
  void record_attempt(MessageId id, MessageState state, int attempts, Timestamp next_attempt_at,
                      const std::optional<std::string>& last_error, std::optional<Timestamp> sent_at) override;
  HandoverId insert_handover(const Handover& h) override;
  std::optional<Handover> find_handover(HandoverId id) override;
  std::optional<Handover> lock_handover(HandoverId id) override;
  int take_handover_number(OfficeId office_id, const std::string& day) override;
  std::vector<HandoverItem> handover_items(HandoverId handover_id) override;
  void insert_handover_item(HandoverId handover_id, ShipmentId shipment_id, int position, bool listed) override;
  void set_handover_item_received(HandoverId handover_id, ShipmentId shipment_id, bool received) override;
  void confirm_handover(HandoverId id, Timestamp at, UserId by, const std::string& received_by) override;
  void void_handover(HandoverId id, Timestamp at, UserId by, const std::string& reason) override;
  std::optional<std::string> open_handover_of(ShipmentId shipment_id) override;
  WebhookId insert_webhook(const Webhook& w) override;
  std::vector<Webhook> list_webhooks() override;
  std::optional<Webhook> find_webhook(WebhookId id) override;
  void delete_webhook(WebhookId id, Timestamp at) override;
  std::optional<StoredResponse> find_stored_response(UserId user_id, const std::string& key) override;
  void insert_stored_response(UserId user_id, const std::string& key,
                              const StoredResponse& r, Timestamp now) override;
  bool ping() override;
  void probe_write(Timestamp now) override;

 private:
  PgConnection& c_;
  PgCalendarQueries calendars_;
  PgDeadlineQueries deadlines_;
  PgUnitQueries units_;
  PgReportQueries reports_;
};

}  // namespace tracker::store::postgres
