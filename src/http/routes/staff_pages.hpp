#pragma once
// What the staff pages share: the staff frame (navigation, CSRF token),
// error pages, option lists and the page texts. Each staff page lives in the
// pages_staff_<resource>.cpp of its resource and is parse → one service call
// → render a template; the row partials are templates too.
#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../context.hpp"
#include "../pages/page.hpp"
#include "tracker/domain/result.hpp"

namespace tracker::http::staff {

using Options = std::vector<std::pair<std::string, std::string>>;
using boost::asio::awaitable;

const pages::Templates& templates(RequestContext& ctx);
const std::string& text(RequestContext& ctx, domain::Language lang, std::string_view key);

// A page in the staff frame.
Response page(RequestContext& ctx, domain::Language lang, int status, std::string title, std::string content,
              std::vector<std::string> scripts = {});
// An error as a page in the staff frame: not found, forbidden, invalid; the
// heading and the detail in the page's language.
Response error_page(RequestContext& ctx, domain::Language lang, const domain::Error& e);

// Only our own staff pages are places to go back to after login.
std::string safe_next(std::string_view next);

// "<code> · <name>" of every office, optionally led by "all" and without `skip`.
Options office_options(RequestContext& ctx, bool with_all, domain::Language lang, std::string_view skip = "");
// One option per value of a vocabulary enum: its word as the value, the
// page text "<prefix><word>" as the label ("route." → "route.local").
template <class Enum>
Options word_options(RequestContext& ctx, domain::Language lang, const std::vector<Enum>& values, std::string_view prefix) {
  Options out;
  for (auto v : values) {
    auto word = std::string(to_string(v));
    out.emplace_back(word, text(ctx, lang, std::string(prefix) + word));
  }
  return out;
}
// The texts the station's and the handover pages' scripts need.
std::string script_texts(RequestContext& ctx, domain::Language lang);
// " <strong class="badge bad">quá hạn</strong>" when `overdue`, else "".
std::string overdue_badge(RequestContext& ctx, domain::Language lang, bool overdue);
// A tracking number as printed ("RR 123 456 785 VN"); the text itself if it is none.
std::string grouped(std::string_view tracking_number);

// The handlers, one file per resource.
awaitable<Response> get_login(RequestContext& ctx);
awaitable<Response> post_login_form(RequestContext& ctx);
awaitable<Response> post_logout_form(RequestContext& ctx);
awaitable<Response> get_station(RequestContext& ctx);
awaitable<Response> get_shipment_list(RequestContext& ctx);
awaitable<Response> get_shipment_page(RequestContext& ctx);
awaitable<Response> get_dossiers(RequestContext& ctx);
awaitable<Response> get_handover_new(RequestContext& ctx);
awaitable<Response> get_handover_page(RequestContext& ctx);

}  // namespace tracker::http::staff
