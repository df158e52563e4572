#include "tracker/tracking/dossier_status_service.hpp"

#include "audit_entry.hpp"
#include "outbox_rows.hpp"
#include "tracker/store/awaitable.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

namespace {

constexpr auto kFutureTolerance = std::chrono::minutes(5);

// The statuses a consenting citizen is told about: what they must act on or
// wait for. Not received (the delivery to the agency said so already) nor
// withdrawn (the citizen asked for it). The templates hold the texts.
bool notifies_citizen(AgencyStatus status) {
  return status == AgencyStatus::supplement_requested || status == AgencyStatus::refused ||
         status == AgencyStatus::paused || status == AgencyStatus::result_ready;
}

}  // namespace

Task<RecordedDossierStatus> DossierStatusService::record(const auth::Principal& p, DossierCode code,
                                                         DossierStatusRequest r) {
  if (p.role != auth::Role::agency_system && p.role != auth::Role::admin) {
    co_return make_error(Errc::forbidden, "forbidden", "Dossier statuses come from the agency's system.");
  }
  auto now = clock_.now();
  if (r.occurred_at > now + kFutureTolerance) {
    co_return field_error("occurred_at", "in_future",
                          "occurred_at is more than 5 minutes in the future: check the system's clock.");
  }
  std::function<Result<RecordedDossierStatus>(store::Tx&)> job =
      [p, code = std::move(code), r = std::move(r), now, channels = channels_](store::Tx& tx) -> Result<RecordedDossierStatus> {
    std::optional<store::Shipment> dossier;
    for (auto& s : tx.find_shipments_by_dossier_code(std::string(code.str()))) {
      if (s.kind == ShipmentKind::dossier && !s.cancelled_at) dossier = std::move(s);
    }
    if (!dossier) {
      return make_error(Errc::not_found, "dossier_not_found", "No dossier shipment carries this dossier code.");
    }
    if (p.role != auth::Role::admin && (!p.office_id || dossier->agency_id != *p.office_id)) {
      return make_error(Errc::forbidden, "forbidden", "This dossier belongs to another agency.");
    }
    if (auto existing = tx.find_dossier_status(dossier->id, r.event_id)) {
      if (existing->body_hash != r.body_hash) {
        return make_error(Errc::conflict, "event_id_conflict",
                          "This event_id was recorded with another body; send a new event_id for a new status.");
      }
      return RecordedDossierStatus{*existing, dossier->tracking_number, false};
    }
    auto before = tx.dossier_statuses_of(dossier->id);
    bool changed = before.empty() || before.back().status != r.status;
    store::DossierStatus row{0, dossier->id, r.event_id, r.status, r.occurred_at, now, p.user_id, r.note, r.body_hash};
    row.seq = tx.insert_dossier_status(row);
    // Like a scan: the citizen hears of a change, webhooks of every status.
    OutboxCause cause{std::nullopt, row.seq, r.status, now};
    if (changed && notifies_citizen(r.status)) queue_citizen_messages(tx, *dossier, cause, channels);
    queue_webhooks(tx, *dossier, cause);
    tx.append_audit(audit_entry(p, now, "dossier.status", std::string(code.str()),
                                {{"status", to_string(r.status)}, {"event_id", r.event_id},
                                 {"tracking_number", dossier->tracking_number},
                                 {"occurred_at", format_rfc3339(r.occurred_at)}}));
    return RecordedDossierStatus{row, dossier->tracking_number, true};
  };
  auto written = co_await store::write_async<RecordedDossierStatus>(store_, std::move(job));
  co_return written;
}

}  // namespace tracker::tracking
