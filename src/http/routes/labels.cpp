// GET /api/v1/shipments/{tracking_number}/label, POST /api/v1/labels,
// POST /api/v1/barcodes/decode. Rendering and decoding run on the worker pool.
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include "../context.hpp"
#include "../parse.hpp"
#include "../render.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/barcode/decode.hpp"
#include "tracker/labels/label.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/executor/run_on.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace label_api {

constexpr std::size_t kMaxLabelsPerRequest = 100;

struct LabelFormat {
  labels::Format format;
  const char* content_type;
};

Result<LabelFormat> parse_format(const std::string& text) {
  if (text == "pdf") return LabelFormat{labels::Format::pdf, "application/pdf"};
  if (text == "png") return LabelFormat{labels::Format::png, "image/png"};
  if (text == "zpl") return LabelFormat{labels::Format::zpl, "application/zpl"};
  return field_error("format", "unknown_format", "format is pdf, png or zpl.");
}



labels::LabelData label_data(const tracking::ShipmentView& v, const std::string& public_url) {
  const auto& s = v.shipment;
  labels::LabelData d;
  d.tracking_number = s.tracking_number;
  if (auto tn = TrackingNumber::parse(s.tracking_number)) d.tracking_number_grouped = tn->grouped();
  d.kind = s.kind;
  d.track_url = public_url + "/track/" + s.tracking_number;
  labels::Party citizen{s.citizen_name, s.citizen_phone ? s.citizen_phone->national_grouped() : "",
                         s.citizen_address.one_line()};
  labels::Party agency{v.agency.name, "", ""};
  d.sender = s.kind == ShipmentKind::result ? agency : citizen;
  d.receiver = s.kind == ShipmentKind::result ? citizen : agency;
  d.agency = v.agency.name;
  d.procedure = s.procedure_name.empty() ? s.procedure_code
                                         : s.procedure_name + (s.procedure_code.empty() ? "" : " (" + s.procedure_code + ")");
  d.dossier_code = s.dossier_code.value_or("");
  d.due_date = format_vn_date(s.due_at);
  d.date = format_vn_date(s.created_at);
  d.office = v.office.name;
  return d;
}

// Runs work on the worker pool and comes back to the caller's executor.
template <class F>
awaitable<std::string> on_workers(RequestContext& ctx, F& work) {
  auto out = co_await executor::run_on(ctx.services().workers, work);
  co_return out;
}

// GET /api/v1/shipments/{tracking_number}/label?format=pdf|png|zpl&dpi=203|300
awaitable<Response> get_label(RequestContext& ctx) {
  auto tn = TrackingNumber::parse(ctx.param("tracking_number"));
  if (!tn) co_return problem(tn.error(), ctx.language());
  auto format = parse_format(ctx.request().query_param("format").value_or("pdf"));
  if (!format) co_return problem(format.error(), ctx.language());
  auto dpi = parse_dpi(ctx.request().query_param("dpi").value_or("203"));
  if (!dpi) co_return problem(dpi.error(), ctx.language());
  auto shipment = ctx.services().shipments.get(ctx.principal(), *tn);
  if (!shipment) co_return problem(shipment.error(), ctx.language());
  auto data = label_data(*shipment, ctx.options().public_url);
  const auto& renderer = ctx.services().labels;
  auto work = [&] { return renderer.render(data, format->format, *dpi); };
  auto bytes = co_await on_workers(ctx, work);
  Response r{200, format->content_type, std::move(bytes), {}};
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + shipment->shipment.tracking_number +
                                                    (format->format == labels::Format::zpl ? ".zpl" : format->format == labels::Format::png ? ".png" : ".pdf") + "\"");
  co_return r;
}

// The label of each number, in order; a number outside the caller's scope
// is named by its index.
Result<std::vector<labels::LabelData>> labels_of(RequestContext& ctx, const LabelBatch& batch) {
  std::vector<labels::LabelData> data;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < batch.tracking_numbers.size(); ++i) {
    const auto& tn = batch.tracking_numbers[i];
    auto shipment = ctx.services().shipments.get(ctx.principal(), tn);
    if (shipment) data.push_back(label_data(*shipment, ctx.options().public_url));
    else errors.push_back({"tracking_numbers[" + std::to_string(i) + "]", "shipment_not_found",
                           "No shipment " + std::string(tn.str()) + " in your scope."});
  }
  if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "Some labels cannot be made.", errors};
  return data;
}

// POST /api/v1/labels {"tracking_numbers": [...], "format": "pdf", "sheet": "a6" | "a4"}
awaitable<Response> post_labels(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto batch = parse_label_batch(*body, kMaxLabelsPerRequest);
  if (!batch) co_return problem(batch.error(), ctx.language());
  auto data = labels_of(ctx, *batch);
  if (!data) co_return problem(data.error(), ctx.language());
  const auto& renderer = ctx.services().labels;
  auto work = [&] { return renderer.render_pdf(*data, batch->sheet, batch->dpi); };
  auto bytes = co_await on_workers(ctx, work);
  co_return Response{200, "application/pdf", std::move(bytes), {}};
}

// POST /api/v1/barcodes/decode with an image/png or image/jpeg body
awaitable<Response> post_decode(RequestContext& ctx) {
  auto type = ctx.request().header("content-type").value_or("");
  type = type.substr(0, type.find(';'));
  if (type != "image/png" && type != "image/jpeg") {
    co_return problem(make_error(Errc::unsupported_media, "unsupported_media_type",
                                 "Send the photo as image/png or image/jpeg."), ctx.language());
  }
  const std::string& bytes = ctx.request().body;
  Result<std::vector<barcode::DecodedBarcode>> found = make_error(Errc::internal, "", "");
  auto work = [&] {
    found = barcode::decode_image(bytes);
    return std::string();
  };
  co_await on_workers(ctx, work);
  if (!found) co_return problem(found.error(), ctx.language());
  json::array items;
  for (const auto& b : *found) {
    // A label's QR holds the tracking link: it gives the number too.
    auto tn = TrackingNumber::find_in(b.text);
    items.push_back(json::object{{"format", b.format},
                                 {"text", b.text},
                                 {"tracking_number", tn ? json::value(std::string(tn->str())) : nullptr}});
  }
  co_return json_response(200, {{"barcodes", std::move(items)}});
}

}  // namespace label_api

}  // namespace tracker::http
