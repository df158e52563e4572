// Message templates: loading and checking the JSON files, and rendering.
//
// A file:
//   {"layout":    {"text": "…{body}…", "html": "…{subject}…{body}…"},
//    "next_step": {"default": {"sms": "…", "text": "…"}, "<reason>": {…}},
//    "messages":  {"<kind>.<trigger>": {"sms", "subject", "text", "html"}}}
// Every string is compiled once into literal pieces and placeholder slots.
#include "tracker/notify/templates.hpp"

#include "tracker/domain/text.hpp"

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace tracker::notify {

std::vector<std::pair<std::string_view, std::string_view>> embedded_templates();

namespace json = boost::json;
using domain::Error;
using domain::Errc;
using domain::Language;
using domain::Result;

namespace {

enum Slot : unsigned {
  kTrackingNumber, kTrackUrl, kOffice, kAgency, kReason, kNextStep, kHoldUntil, kOccurredAt,
  kSubject, kBody, kSlotCount,
};
constexpr std::array<std::string_view, kSlotCount> kSlotNames = {
    "tracking_number", "track_url", "office", "agency", "reason", "next_step", "hold_until",
    "occurred_at", "subject", "body"};

using SlotMask = unsigned;
constexpr SlotMask bit(Slot s) { return 1u << s; }
constexpr SlotMask kValueSlots = (1u << kSubject) - 1;          // what a message may say
constexpr SlotMask kNextStepSlots = kValueSlots & ~bit(kNextStep);
constexpr SlotMask kLayoutSlots = (1u << kSlotCount) - 1;

using Values = std::array<std::string, kSlotCount>;

// A template: literal text and, after each piece, perhaps a slot.
struct Piece {
  std::string literal;
  int slot = -1;
};
using Compiled = std::vector<Piece>;

std::string fill(const Compiled& t, const Values& values) {
  std::string out;
  for (const Piece& p : t) {
    out += p.literal;
    if (p.slot >= 0) out += values[static_cast<std::size_t>(p.slot)];
  }
  return out;
}

bool uses(const Compiled& t, Slot s) {
  for (const Piece& p : t) {
    if (p.slot == static_cast<int>(s)) return true;
  }
  return false;
}

Error invalid(const std::string& file, const std::string& key, const std::string& what) {
  return domain::make_error(Errc::invalid, "invalid_template", file + ": " + key + ": " + what);
}

Result<Compiled> compile(std::string_view text, SlotMask allowed, const std::string& file,
                         const std::string& key) {
  Compiled out(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out.back().literal += c;
      ++i;
    } else if (c == '}') {
      return invalid(file, key, "a lone \"}\" (write \"}}\" for a brace)");
    } else if (c == '{') {
      std::size_t close = text.find('}', i);
      if (close == std::string_view::npos) return invalid(file, key, "an unclosed \"{\"");
      std::string_view name = text.substr(i + 1, close - i - 1);
      unsigned s = 0;
      while (s < kSlotCount && kSlotNames[s] != name) ++s;
      if (s == kSlotCount || !(allowed & (1u << s))) {
        return invalid(file, key, "unknown placeholder {" + std::string(name) + "}");
      }
      out.back().slot = static_cast<int>(s);
      out.emplace_back();
      i = close;
    } else {
      out.back().literal += c;
    }
  }
  return out;
}

struct NextStep {
  Compiled sms, text;
};

struct Message {
  Compiled sms, subject, text, html;
};

struct LanguageSet {
  std::string file;
  std::map<std::string, Message> messages;  // "<kind>.<trigger>"
  std::map<std::string, NextStep> next_steps;  // a FailureReason word, or "default"
  Compiled text_layout, html_layout;
};

// The object's string members named in `fields`, compiled; an absent or
// extra member is an error.
template <std::size_t N>
Result<std::array<Compiled, N>> compile_fields(const json::value& v,
                                               const std::array<std::string_view, N>& fields,
                                               SlotMask allowed, const std::string& file,
                                               const std::string& key) {
  const json::object* obj = v.if_object();
  if (!obj) return invalid(file, key, "not an object");
  for (const auto& member : *obj) {
    bool known = false;
    for (auto f : fields) known = known || member.key() == f;
    if (!known) return invalid(file, key, "unknown field \"" + std::string(member.key()) + "\"");
  }
  std::array<Compiled, N> out;
  for (std::size_t i = 0; i < N; ++i) {
    std::string field_key = key + "." + std::string(fields[i]);
    const json::value* s = obj->if_contains(fields[i]);
    if (!s || !s->is_string()) return invalid(file, field_key, "missing, or not a string");
    auto compiled = compile(s->get_string(), allowed, file, field_key);
    if (!compiled) return compiled.error();
    out[i] = std::move(*compiled);
  }
  return out;
}

bool valid_message_key(std::string_view key) {
  std::size_t dot = key.find('.');
  return dot != std::string_view::npos && domain::parse_shipment_kind(key.substr(0, dot)) &&
         domain::parse_trigger(key.substr(dot + 1));
}

Result<LanguageSet> parse_file(const std::string& file, std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return invalid(file, "(file)", "not JSON: " + ec.message());
  const json::object* root = doc.if_object();
  if (!root) return invalid(file, "(file)", "not a JSON object");
  for (const auto& member : *root) {
    auto k = member.key();
    if (k != "layout" && k != "next_step" && k != "messages") {
      return invalid(file, std::string(k), "unknown top-level key");
    }
  }
  LanguageSet set;
  set.file = file;

  const json::value* layout = root->if_contains("layout");
  if (!layout) return invalid(file, "layout", "missing");
  auto lay = compile_fields<2>(*layout, {"text", "html"}, kLayoutSlots, file, "layout");
  if (!lay) return lay.error();
  set.text_layout = std::move((*lay)[0]);
  set.html_layout = std::move((*lay)[1]);
  if (!uses(set.text_layout, kBody) || !uses(set.html_layout, kBody)) {
    return invalid(file, "layout", "each layout needs {body}");
  }

  const json::value* steps = root->if_contains("next_step");
  if (!steps || !steps->is_object()) return invalid(file, "next_step", "missing, or not an object");
  for (const auto& member : steps->get_object()) {
    std::string key = "next_step." + std::string(member.key());
    if (member.key() != "default" && !domain::parse_failure_reason(member.key())) {
      return invalid(file, key, "not a failure reason");
    }
    auto step = compile_fields<2>(member.value(), {"sms", "text"}, kNextStepSlots, file, key);
    if (!step) return step.error();
    set.next_steps[std::string(member.key())] = {std::move((*step)[0]), std::move((*step)[1])};
  }
  if (!set.next_steps.count("default")) return invalid(file, "next_step.default", "missing");

  const json::value* messages = root->if_contains("messages");
  if (!messages || !messages->is_object()) return invalid(file, "messages", "missing, or not an object");
  for (const auto& member : messages->get_object()) {
    std::string key(member.key());
    if (!valid_message_key(key)) return invalid(file, key, "not \"<kind>.<event type>\"");
    auto m = compile_fields<4>(member.value(), {"sms", "subject", "text", "html"}, kValueSlots,
                               file, key);
    if (!m) return m.error();
    for (const Piece& p : (*m)[1]) {
      if (p.literal.find_first_of("\r\n") != std::string::npos) {
        return invalid(file, key + ".subject", "a line break in a subject");
      }
    }
    set.messages[key] = {std::move((*m)[0]), std::move((*m)[1]), std::move((*m)[2]),
                         std::move((*m)[3])};
  }
  return set;
}


// Values are one line each: a line break in an office name must not end a
// subject or open a paragraph.
std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  return out;
}

std::string message_key(domain::ShipmentKind kind, const domain::Trigger& trigger) {
  return std::string(domain::to_string(kind)) + "." + std::string(domain::to_string(trigger));
}

std::string language_of(const std::string& name) {
  std::string stem = name;
  if (stem.size() > 5 && stem.ends_with(".json")) stem.resize(stem.size() - 5);
  return stem;
}

}  // namespace

struct Templates::Data {
  std::map<Language, LanguageSet> languages;
};

Result<Templates> Templates::from_json(const std::string& name, const std::string& json) {
  auto lang = domain::parse_language(language_of(name));
  if (!lang) return invalid(name, "(file)", "the file name is not a language (vi.json, en.json)");
  auto set = parse_file(name, json);
  if (!set) return set.error();
  auto data = std::make_shared<Data>();
  data->languages.emplace(*lang, std::move(*set));
  return Templates(std::move(data));
}

Result<Templates> Templates::load_builtin() {
  auto data = std::make_shared<Data>();
  for (auto [name, text] : embedded_templates()) {
    std::string file(name);
    auto loaded = from_json(file, std::string(text));
    if (!loaded) return loaded.error();
    auto& [lang, set] = *loaded->data_->languages.begin();
    if (data->languages.count(lang)) return invalid(file, "(file)", "a second file for its language");
    data->languages.emplace(lang, set);
  }
  auto vi = data->languages.find(Language::vi);
  if (vi == data->languages.end()) return invalid("vi.json", "(file)", "missing");
  for (const auto& [lang, set] : data->languages) {
    for (const auto& [key, m] : vi->second.messages) {
      if (!set.messages.count(key)) return invalid(set.file, key, "missing (vi.json has it)");
    }
    for (const auto& [key, m] : set.messages) {
      if (!vi->second.messages.count(key)) return invalid(set.file, key, "not in vi.json");
    }
  }
  return Templates(std::move(data));
}

bool Templates::notifies(domain::ShipmentKind kind, const domain::Trigger& trigger) const {
  const auto& languages = data_->languages;
  auto set = languages.count(Language::vi) ? languages.find(Language::vi) : languages.begin();
  return set != languages.end() && set->second.messages.count(message_key(kind, trigger)) > 0;
}

RenderedMessage Templates::render(const MessageContext& ctx, Language lang,
                                  bool sms_ascii_only) const {
  const auto& languages = data_->languages;
  auto found = languages.find(lang);
  if (found == languages.end()) found = languages.find(Language::vi);
  if (found == languages.end()) found = languages.begin();
  if (found == languages.end()) return {};
  const LanguageSet& set = found->second;
  auto message = set.messages.find(message_key(ctx.kind, ctx.trigger));
  if (message == set.messages.end()) return {};
  const Message& m = message->second;

  Values values;
  values[kTrackingNumber] = one_line(ctx.tracking_number);
  values[kTrackUrl] = one_line(ctx.track_url);
  values[kOffice] = one_line(ctx.office_name);
  values[kAgency] = one_line(ctx.agency_name);
  auto reason = ctx.reason.value_or(domain::FailureReason::other);
  values[kReason] = domain::reason_text(reason, found->first);
  values[kHoldUntil] = one_line(ctx.hold_until);
  values[kOccurredAt] = one_line(ctx.occurred_at);
  auto step = set.next_steps.find(std::string(domain::to_string(reason)));
  if (step == set.next_steps.end()) step = set.next_steps.find("default");

  RenderedMessage out;
  values[kNextStep] = fill(step->second.sms, values);
  out.sms_text = fill(m.sms, values);
  if (sms_ascii_only) out.sms_text = domain::to_ascii(out.sms_text);

  values[kNextStep] = fill(step->second.text, values);
  out.email_subject = fill(m.subject, values);
  Values text_values = values;
  text_values[kSubject] = out.email_subject;
  text_values[kBody] = fill(m.text, values);
  out.email_text = fill(set.text_layout, text_values);

  Values html_values;
  for (std::size_t i = 0; i < kSubject; ++i) html_values[i] = domain::html_escape(values[i]);
  html_values[kSubject] = domain::html_escape(out.email_subject);
  html_values[kBody] = fill(m.html, html_values);
  out.email_html = fill(set.html_layout, html_values);
  return out;
}

}  // namespace tracker::notify
