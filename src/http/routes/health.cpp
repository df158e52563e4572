// GET /healthz, /readyz, /metrics, /api/v1/openapi.json
#include "../context.hpp"
#include "../metrics.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/store/awaitable.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;

namespace health_api {

awaitable<Response> get_healthz(RequestContext&) { co_return json_response(200, {{"status", "ok"}}); }

// After a failed commit, one real write tells whether the disk takes
// writes again (space freed, file writable again, lock released); then the
// schema is read from the file, and the writer must not be failing.
awaitable<bool> service_ready(RequestContext& ctx) {
  if (!ctx.services().store.writer_healthy()) {
    std::function<domain::Result<domain::Ok>(store::Tx&)> probe = [](store::Tx& tx) -> domain::Result<domain::Ok> {
      tx.probe_write(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
      return domain::Ok{};
    };
    co_await store::write_async<domain::Ok>(ctx.services().store, std::move(probe));
  }
  try {
    co_return ctx.services().store.read([](store::Tx& tx) { return tx.ping(); }) &&
        ctx.services().store.writer_healthy();
  } catch (const std::exception&) {
    co_return false;
  }
}

// The warnings an operator acts on while the service is up: a working-day
// calendar still provisional for a year the deadlines reach into.
boost::json::object readiness_details(RequestContext& ctx) {
  boost::json::object details;
  auto years = ctx.services().calendar.provisional_years_in_use();
  if (!years.empty()) {
    boost::json::array list;
    for (int y : years) list.push_back(y);
    details["calendar"] = boost::json::object{
        {"provisional_years", std::move(list)},
        {"warning", "Lịch ngày làm việc của năm này mới là tạm tính (chỉ các ngày lễ gốc): thời hạn có thể thay "
                    "đổi khi lịch được quyết định. / This year's working-day calendar is provisional (base dates "
                    "only): deadlines may move once it is decided."}};
  }
  return details;
}

awaitable<Response> get_readyz(RequestContext& ctx) {
  bool ok = co_await service_ready(ctx);
  if (!ok) co_return json_response(503, {{"status", "unavailable"}});
  co_return json_response(200, {{"status", "ok"}, {"details", readiness_details(ctx)}});
}

awaitable<Response> get_metrics(RequestContext& ctx) {
  bool ready = co_await service_ready(ctx);
  const auto now = ctx.services().clock.now();
  auto figures = ctx.services().store.read([&](store::Tx& tx) { return tx.operational_figures(now); });
  const auto* polls = ctx.options().dispatcher_idle_polls;
  auto text = ctx.internals().metrics.render(ctx.services().store.stats(), figures, ready, now,
                                             polls ? std::optional<std::uint64_t>(polls->load()) : std::nullopt);
  text += "# HELP tracker_calendar_provisional_years Years in use (this one and the next 45 days) whose "
          "working-day calendar is provisional.\n"
          "# TYPE tracker_calendar_provisional_years gauge\n"
          "tracker_calendar_provisional_years " +
          std::to_string(ctx.services().calendar.provisional_years_in_use().size()) + "\n";
  co_return Response{200, "text/plain; version=0.0.4; charset=utf-8", std::move(text), {}};
}

awaitable<Response> get_openapi(RequestContext&) {
  co_return Response{200, "application/json", std::string(openapi_document()), {}};
}

}  // namespace health_api

}  // namespace tracker::http
