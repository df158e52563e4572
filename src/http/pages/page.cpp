#include "page.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "tracker/domain/time.hpp"

namespace tracker::http::pages {
using domain::Language;

namespace {

constexpr std::string_view kLangCookie = "tracker_lang";

std::optional<Language> cookie_language(const Request& req) {
  auto value = req.cookie(kLangCookie);
  return value ? domain::parse_language(*value) : std::nullopt;
}

// The query without lang, percent-encoded again, "&"-joined.
std::string query_without_lang(const Request& req) {
  std::string out;
  for (const auto& [k, v] : req.query) {
    if (k == "lang") continue;
    out += (out.empty() ? "" : "&") + k + "=" + percent_encode(v);
  }
  return out;
}

}  // namespace

Language page_language(const Request& req) {
  if (auto q = req.query_param("lang")) return domain::parse_language(*q).value_or(Language::vi);
  return cookie_language(req).value_or(Language::vi);
}

Response page_response(const Templates& t, Language lang, const Request& req, int status, Frame frame,
                       std::string_view cache) {
  std::string scripts;
  for (const auto& s : frame.scripts) scripts += "<script type=\"module\" src=\"" + asset_url(s) + "\"></script>\n";
  Vars vars{{"lang", std::string(to_string(lang))},
            {"title", frame.title},
            {"style", frame.inline_style ? "<style>" + std::string(find_asset("site.css")->content) + "</style>"
                                         : "<link rel=\"stylesheet\" href=\"" + asset_url("site.css") + "\">"},
            {"head", frame.head},
            {"home", lang == Language::en ? "/?lang=en" : "/"},
            {"nav", frame.nav},
            {"content", frame.content},
            {"scripts", scripts}};
  Response r{status, "text/html; charset=utf-8", t.render("layout", lang, vars), {}};
  r.headers.emplace_back("Cache-Control", std::string(cache));
  r.headers.emplace_back("Vary", "Cookie");
  if (auto q = req.query_param("lang"); q && domain::parse_language(*q)) {
    r.headers.emplace_back("Set-Cookie", std::string(kLangCookie) + "=" + *q +
                                             "; Path=/; SameSite=Lax; Max-Age=31536000");
  }
  return r;
}

std::string language_switch(const Templates& t, Language lang, const Request& req) {
  auto other = lang == Language::vi ? "en" : "vi";
  auto rest = query_without_lang(req);
  std::string href = req.path + "?lang=" + other + (rest.empty() ? "" : "&" + rest);
  return "<a class=\"lang\" href=\"" + escape(href) + "\" hreflang=\"" + other + "\" lang=\"" + other +
         "\">" + escape(t.texts().get(lang, "other_language")) + "</a>";
}

std::string_view tone_of(domain::ShipmentStatus status) {
  using S = domain::ShipmentStatus;
  switch (status) {
    case S::delivered: return "done";
    case S::delivery_failed: case S::return_due: case S::returned: return "bad";
    case S::held: case S::out_for_delivery: return "warn";
    case S::cancelled: case S::created: return "neutral";
    case S::accepted: case S::in_transit: return "ok";
  }
  return "ok";
}

std::string timeline(const Templates& t, Language lang, domain::ShipmentKind kind,
                     const std::vector<tracking::EventView>& events, bool staff) {
  if (events.empty()) return "<p class=\"timeline-empty\">" + escape(t.texts().get(lang, "no_events")) + "</p>";
  std::string out = "<ol class=\"timeline\">\n";
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    const auto& e = it->event;
    out += "<li class=\"ev-" + std::string(to_string(e.type)) + (staff && it->anomaly ? " anomaly" : "") + "\">";
    out += "<time datetime=\"" + domain::format_rfc3339(e.occurred_at) + "\">" +
           domain::format_vn_datetime(e.occurred_at) + "</time> ";
    out += "<span class=\"what\">" + escape(domain::event_text(e.type, kind, lang)) + "</span>";
    out += " <span class=\"where\">" + escape(it->office.name) + "</span>";
    if (e.reason) {
      out += " <span class=\"reason\">" + escape(t.texts().get(lang, "reason")) + ": " +
             escape(domain::reason_text(*e.reason, lang)) + "</span>";
    }
    if (staff) {
      if (!it->recorded_by.empty()) {
        out += " <span class=\"by\">" + escape(t.texts().get(lang, "recorded_by")) + ": " +
               escape(it->recorded_by) + "</span>";
      }
      if (it->anomaly) out += " <strong class=\"badge bad\">" + escape(t.texts().get(lang, "anomaly")) + "</strong>";
    }
    out += "</li>\n";
  }
  return out + "</ol>";
}

std::string options(const std::vector<std::pair<std::string, std::string>>& values, std::string_view selected) {
  std::string out;
  for (const auto& [value, label] : values) {
    out += "<option value=\"" + escape(value) + "\"" + (value == selected ? " selected" : "") + ">" +
           escape(label) + "</option>";
  }
  return out;
}

std::string texts_block(const Templates& t, Language lang, const std::vector<std::string>& keys) {
  boost::json::object o;
  for (const auto& k : keys) o[k] = t.texts().get(lang, k);
  auto json = boost::json::serialize(o);
  // Inside <script>, "<" could close the element: \u003c keeps it data.
  std::string safe;
  for (char c : json) safe += c == '<' ? std::string("\\u003c") : std::string(1, c);
  return "<script type=\"application/json\" id=\"page-texts\">" + safe + "</script>";
}

std::string fill(std::string text, std::string_view name, std::string_view escaped_value) {
  std::string key = "{" + std::string(name) + "}";
  for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + escaped_value.size())) {
    text.replace(pos, key.size(), escaped_value);
  }
  return text;
}

Response not_found_page(const Templates& t, const Request& req) {
  auto lang = page_language(req);
  std::string content = "<h1>" + escape(t.texts().get(lang, "error_not_found_page")) + "</h1>\n<p><a href=\"" +
                        std::string(lang == Language::en ? "/?lang=en" : "/") + "\">" +
                        escape(t.texts().get(lang, "home_title")) + "</a></p>";
  return page_response(t, lang, req, 404,
                       Frame{t.texts().get(lang, "error_not_found_page"), content, language_switch(t, lang, req), "", {}, true});
}

std::string percent_encode(std::string_view text, std::string_view also_keep) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || also_keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace tracker::http::pages
