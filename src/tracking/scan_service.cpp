#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "audit_entry.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/tracking/scan_service.hpp"
#include "dossier_links.hpp"
#include "outbox_rows.hpp"
#include "scan_recording.hpp"
#include "view_builder.hpp"

namespace tracker::tracking {
namespace asio = boost::asio;
using namespace tracker::domain;
using auth::Role;

namespace {

constexpr auto kFutureTolerance = std::chrono::minutes(5);
std::atomic<std::uint64_t> late_scans_count{0};  // scans older than the newest one

// The events a citizen who consented is told about, per kind (API.md,
// Notifications).
bool notifies_citizen(ShipmentKind kind, EventType type) {
  if (kind == ShipmentKind::dossier) {
    return type == EventType::accepted || type == EventType::delivered;
  }
  return type != EventType::dispatched && type != EventType::arrived;
}

std::string recipient_json(const Recipient& r) {
  boost::json::object o;
  o["name"] = r.name;
  o["relation"] = to_string(r.relation);
  o["id_type"] = to_string(r.id_type);
  return boost::json::serialize(o);
}

// DOMAIN.md: after at least two attempts, two working days apart, the
// result goes back to the agency. A second failure that far from the first
// makes the result return_due (visible in lists and the overdue report);
// returned closes it, and a further attempt is still allowed.
ShipmentStatus return_due_or(store::Tx& tx, const store::Shipment& s, ShipmentStatus status, int failed_attempts) {
  if (status != ShipmentStatus::delivery_failed || failed_attempts < 2 || s.kind != ShipmentKind::result) {
    return status;
  }
  // Counted in working days of the office that made the attempts (the
  // latest recorded one's). The facts are cheap for long histories; one
  // point read gives that attempt's office.
  std::vector<Timestamp> failures;
  std::int64_t latest_seq = 0;
  for (const auto& f : tx.event_facts_of(s.id)) {
    if (f.type != EventType::delivery_failed) continue;
    failures.push_back(f.occurred_at);
    latest_seq = f.seq;
  }
  if (failures.size() < 2) return status;
  std::sort(failures.begin(), failures.end());
  auto attempt = tx.find_event_by_seq(latest_seq);
  auto office = tx.find_office(attempt ? attempt->office_id : s.office_id);
  auto calendar = calendar_of(tx, office ? store::leg_calendar(*office) : CalendarName::postal);
  int apart = calendar.working_days_between(local_date(failures.front()), local_date(failures.back()));
  return apart >= 2 ? ShipmentStatus::return_due : status;
}

}  // namespace

// The rules of recording one scan, inside the writer's transaction.
Result<RecordedScan> record_in(store::Tx& tx, const auth::Principal& p, const ScanRequest& scan,
                               NotifyChannels channels, Timestamp now) {
  auto s = tx.lock_shipment_by_tracking_number(std::string(scan.tracking_number.str()));
  if (!s) return not_found_shipment();
  auto existing = tx.find_event(s->id, scan.event_id);
  if (existing) {
    if (existing->body_hash != scan.body_hash) {
      return make_error(Errc::conflict, "event_id_conflict",
                        "This event_id was already recorded with different content.");
    }
    ViewBuilder views(tx, now);
    auto events = views.events(*s);
    for (auto& e : events) {
      if (e.event.seq == existing->seq) {
        return RecordedScan{std::move(e), s->tracking_number, s->status, false};
      }
    }
  }
  if (!auth::can_write(p)) {
    return make_error(Errc::forbidden, "forbidden", "Supervisors read; they do not scan.");
  }
  auto office = tx.find_office_by_code(scan.office);
  if (!office) return field_error("office", "unknown_office", "No office has this code.");
  if (p.role == Role::clerk && office->id != *p.office_id) {
    return make_error(Errc::forbidden, "forbidden", "A clerk scans at its own agency only.");
  }
  if (p.role == Role::clerk && s->agency_id != *p.office_id) {
    return not_found_shipment();
  }
  if (s->cancelled_at) {
    return make_error(Errc::conflict, "shipment_cancelled", "This shipment was cancelled.");
  }
  auto kind = s->kind;
  if (kind == ShipmentKind::result && scan.type == EventType::delivered && !scan.recipient) {
    return field_error("recipient", "required",
                       "Delivering a result needs the recipient's name, relation and ID type.");
  }
  if (scan.dossier_code) {
    const auto& code = scan.dossier_code->str();
    if (s->dossier_code && *s->dossier_code != code) {
      return make_error(Errc::conflict, "dossier_code_conflict",
                        "This shipment already has another dossier code.",
                        {{"dossier_code", "dossier_code_conflict", "The shipment has " + *s->dossier_code}});
    }
    if (!s->dossier_code && kind == ShipmentKind::dossier) {
      auto allowed = check_dossier_code(tx, *tx.find_office(s->agency_id), s->kind, std::string(code), s->id);
      if (!allowed) return allowed.error();
      tx.set_dossier_code(s->id, std::string(code));
      // Results created before the dossier got its code are linked now.
      link_by_dossier_code(tx, *s, std::string(code));
    }
  }

  store::Event e;
  e.shipment_id = s->id;
  e.event_id = scan.event_id;
  e.type = scan.type;
  e.office_id = office->id;
  e.occurred_at = scan.occurred_at;
  e.recorded_at = now;
  e.recorded_by = p.user_id;
  e.reason = scan.reason;
  if (scan.recipient) e.recipient = recipient_json(*scan.recipient);
  if (scan.dossier_code) e.dossier_code = scan.dossier_code->str();
  e.note = scan.note;
  e.body_hash = scan.body_hash;
  e.seq = tx.insert_event(e);
  // The scanning user's office handled it; the office named in the body is
  // only a claim and grants no visibility.
  if (p.office_id) tx.add_shipment_office(s->id, *p.office_id);

  // In order (the usual case): one step of the status fold from the stored
  // state. Late: the whole history is derived again.
  ShipmentStatus status;
  EventView mine{e, OfficeRef{office->code, office->name}, p.username, false};
  if (!s->last_event_at || e.occurred_at >= *s->last_event_at) {
    auto step = apply_event(kind, s->status, s->failed_attempts, scan.type);
    status = return_due_or(tx, *s, step.status, step.failed_attempts);
    mine.anomaly = step.anomaly;
    tx.update_shipment_status(s->id, status, step.failed_attempts, e.occurred_at);
  } else {
    auto facts = tx.event_facts_of(s->id);
    auto d = derive_status(kind, facts, false);
    status = return_due_or(tx, *s, d.status, d.failed_attempts);
    mine.anomaly = d.anomaly.back();  // rows are in recording order: the new event is last
    tx.update_shipment_status(s->id, status, d.failed_attempts, *s->last_event_at);
    ++late_scans_count;
  }
  // Citizens, on the channels they consented to: only a change of status is
  // news (a repeated scan costs them nothing). Agencies' systems follow
  // their subscriptions.
  if (!mine.anomaly) {
    OutboxCause cause{e.seq, std::nullopt, e.type, e.recorded_at};
    if (status != s->status && notifies_citizen(kind, scan.type)) queue_citizen_messages(tx, *s, cause, channels);
    queue_webhooks(tx, *s, cause);
  }
  tx.append_audit(audit_entry(p, now, "scan.recorded", s->tracking_number,
                              {{"event_id", e.event_id}, {"type", to_string(e.type)}, {"office", office->code},
                               {"occurred_at", format_rfc3339(e.occurred_at)}, {"status", to_string(status)},
                               {"anomaly", mine.anomaly}}));
  return RecordedScan{std::move(mine), s->tracking_number, status, true};
}

namespace {

Result<ScanRequest> check_time(ScanRequest scan, Timestamp now) {
  if (scan.occurred_at > now + kFutureTolerance) {
    return field_error("occurred_at", "in_future",
                       "occurred_at is more than 5 minutes in the future: check the device clock.");
  }
  return scan;
}

}  // namespace

std::uint64_t ScanService::late_scans() { return late_scans_count.load(); }

Task<RecordedScan> ScanService::record(const auth::Principal& p, ScanRequest scan) {
  auto checked = check_time(std::move(scan), clock_.now());
  if (!checked) co_return checked.error();
  std::function<domain::Result<RecordedScan>(store::Tx&)> job1 =
      [p, scan = std::move(*checked), channels = channels_, clock = &clock_](store::Tx& tx) {
        return record_in(tx, p, scan, channels, clock->now());
      };
  auto written1 = co_await store::write_async<RecordedScan>(store_, std::move(job1));
  co_return written1;
}

asio::awaitable<std::vector<Result<RecordedScan>>> ScanService::record_batch(
    const auth::Principal& p, std::vector<Result<ScanRequest>> scans) {
  using Results = std::vector<Result<RecordedScan>>;
  struct Pending {
    Results results;
    std::size_t waiting = 0;
  };
  auto pending = std::make_shared<Pending>();
  std::vector<std::optional<ScanRequest>> valid(scans.size());
  for (std::size_t i = 0; i < scans.size(); ++i) {
    auto checked = scans[i] ? check_time(std::move(*scans[i]), clock_.now()) : Result<ScanRequest>(scans[i].error());
    if (checked) {
      valid[i] = std::move(*checked);
      pending->results.push_back(make_error(Errc::internal, "pending", "not recorded"));
    } else {
      pending->results.push_back(checked.error());
    }
  }
  // Submit every valid item now, in order, so they share the writer's next
  // commit; the coroutine resumes when the last one completed.
  auto initiation = [this, p, pending, valid = std::move(valid)](auto handler) mutable {
        auto ex = asio::get_associated_executor(handler);
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        auto finish = [pending, h, ex] {
          asio::post(ex, [pending, h]() mutable { (*h)(std::move(pending->results)); });
        };
        std::size_t count = 0;
        for (auto& v : valid) count += v.has_value();
        if (count == 0) return finish();
        auto mu = std::make_shared<std::mutex>();
        pending->waiting = count;
        for (std::size_t i = 0; i < valid.size(); ++i) {
          if (!valid[i]) continue;
          store_.write<RecordedScan>(
              [p, scan = std::move(*valid[i]), channels = channels_, clock = &clock_](store::Tx& tx) {
                return record_in(tx, p, scan, channels, clock->now());
              },
              [pending, mu, i, finish](Result<RecordedScan> r) {
                std::lock_guard lock(*mu);
                pending->results[i] = std::move(r);
                if (--pending->waiting == 0) finish();
              });
        }
      };
  auto results = co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(Results)>(
      std::move(initiation), asio::use_awaitable);
  co_return results;
}

}  // namespace tracker::tracking
