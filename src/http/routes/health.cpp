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

awaitable<Response> get_readyz(RequestContext& ctx) {
  bool ok = false;
  // After a failed commit, one real write tells whether the disk takes
  // writes again (space freed, file writable again, lock released).
  if (!ctx.services().store.writer_healthy()) {
    std::function<domain::Result<domain::Ok>(store::Tx&)> probe = [](store::Tx& tx) -> domain::Result<domain::Ok> {
      tx.probe_write(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
      return domain::Ok{};
    };
    co_await store::write_async<domain::Ok>(ctx.services().store, std::move(probe));
  }
  try {
    // Reads the schema from the file, and the writer must not be failing.
    ok = ctx.services().store.read([](store::Tx& tx) { return tx.ping(); }) &&
         ctx.services().store.writer_healthy();
  } catch (const std::exception&) {
    ok = false;
  }
  if (!ok) co_return json_response(503, {{"status", "unavailable"}});
  co_return json_response(200, {{"status", "ok"}});
}

awaitable<Response> get_metrics(RequestContext& ctx) {
  auto outbox = ctx.services().store.read([](store::Tx& tx) { return tx.outbox_counts(); });
  const auto* polls = ctx.options().dispatcher_idle_polls;
  auto text = ctx.internals().metrics.render(ctx.services().store.stats(), outbox,
                                             polls ? std::optional<std::uint64_t>(polls->load()) : std::nullopt);
  co_return Response{200, "text/plain; version=0.0.4; charset=utf-8", std::move(text), {}};
}

awaitable<Response> get_openapi(RequestContext&) {
  co_return Response{200, "application/json", std::string(openapi_document()), {}};
}

}  // namespace health_api

}  // namespace tracker::http
