// The message templates: every one renders, in both languages, short enough
// for SMS, with the values escaped in HTML; broken template files are refused.
#include <catch2/catch.hpp>
#include <set>

#include "tracker/notify/templates.hpp"

namespace notify = tracker::notify;
using tracker::domain::AgencyStatus;
using tracker::domain::EventType;
using tracker::domain::FailureReason;
using tracker::domain::Language;
using tracker::domain::ShipmentKind;
using tracker::domain::Trigger;

namespace {

const notify::Templates& builtin() {
  static const notify::Templates templates = [] {
    auto loaded = notify::Templates::load_builtin();
    if (!loaded) throw std::runtime_error(loaded.error().detail);
    return *loaded;
  }();
  return templates;
}

// A typical case: a 45-character link, ordinary names.
// Every event type, then every agency status.
std::vector<Trigger> all_triggers() {
  std::vector<Trigger> out;
  for (auto t : tracker::domain::all_event_types()) out.push_back(t);
  for (auto s : tracker::domain::all_agency_statuses()) out.push_back(s);
  return out;
}

notify::MessageContext typical(ShipmentKind kind, Trigger trigger) {
  notify::MessageContext ctx;
  ctx.kind = kind;
  ctx.trigger = trigger;
  ctx.tracking_number = "EC136431858VN";
  ctx.track_url = "https://tracuu.example.vn/track/EC136431858VN";
  ctx.office_name = "Bưu điện thành phố Bắc Kạn";
  ctx.agency_name = "UBND phường Đức Xuân";
  ctx.hold_until = "05/12/2026";
  ctx.occurred_at = "09:30 27/11/2026";
  if (trigger == Trigger{EventType::delivery_failed}) ctx.reason = FailureReason::addressee_absent;
  return ctx;
}

bool pure_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool has(const std::string& text, std::string_view needle) { return text.find(needle) != std::string::npos; }

struct Case {
  ShipmentKind kind;
  Trigger trigger;
};

std::vector<Case> notifying_cases() {
  std::vector<Case> cases;
  for (auto kind : tracker::domain::all_shipment_kinds()) {
    for (auto trigger : all_triggers()) {
      if (builtin().notifies(kind, trigger)) cases.push_back({kind, trigger});
    }
  }
  return cases;
}

const std::string kTemplateHead = R"({"layout": {"text": "{body}", "html": "<html>{body}</html>"},
  "next_step": {"default": {"sms": "again", "text": "again"}},
  "messages": {"result.held": )";

}  // namespace

TEST_CASE("citizens are told exactly the events the API lists", "[notify][templates]") {
  // The agency's statuses a citizen acts on or waits for; not "received"
  // (the delivery to the agency already said so) nor "withdrawn" (the
  // citizen asked for it).
  std::set<std::pair<ShipmentKind, Trigger>> expected = {
      {ShipmentKind::dossier, AgencyStatus::supplement_requested},
      {ShipmentKind::dossier, AgencyStatus::refused},
      {ShipmentKind::dossier, AgencyStatus::paused},
      {ShipmentKind::dossier, AgencyStatus::result_ready},
      {ShipmentKind::dossier, EventType::accepted},
      {ShipmentKind::dossier, EventType::delivered},
      {ShipmentKind::result, EventType::accepted},
      {ShipmentKind::result, EventType::out_for_delivery},
      {ShipmentKind::result, EventType::delivery_failed},
      {ShipmentKind::result, EventType::held},
      {ShipmentKind::result, EventType::delivered},
      {ShipmentKind::result, EventType::returned}};
  for (auto kind : tracker::domain::all_shipment_kinds()) {
    for (auto trigger : all_triggers()) {
      CAPTURE(to_string(kind), to_string(trigger));
      CHECK(builtin().notifies(kind, trigger) == (expected.count({kind, trigger}) > 0));
    }
  }
}

TEST_CASE("every template renders completely in both languages", "[notify][templates]") {
  for (const Case& c : notifying_cases()) {
    for (Language lang : tracker::domain::all_languages()) {
      for (bool ascii : {false, true}) {
        CAPTURE(to_string(c.kind), to_string(c.trigger), to_string(lang), ascii);
        auto m = builtin().render(typical(c.kind, c.trigger), lang, ascii);
        for (const std::string* part : {&m.sms_text, &m.email_subject, &m.email_text, &m.email_html}) {
          CAPTURE(*part);
          CHECK_FALSE(part->empty());
          CHECK_FALSE(has(*part, "{"));
          CHECK_FALSE(has(*part, "}"));
        }
        CHECK(has(m.sms_text, "EC136431858VN"));
        CHECK(has(m.sms_text, "https://tracuu.example.vn/track/EC136431858VN"));
        CHECK(has(m.email_subject, "EC136431858VN"));
        CHECK_FALSE(has(m.email_subject, "\n"));
        CHECK(has(m.email_text, "https://tracuu.example.vn/track/EC136431858VN"));
        CHECK(has(m.email_html, "<a href=\"https://tracuu.example.vn/track/EC136431858VN\">"));
        CHECK(m.email_html.starts_with("<!DOCTYPE html>"));
        if (ascii) CHECK(pure_ascii(m.sms_text));
        if (!ascii && lang == Language::vi) CHECK_FALSE(pure_ascii(m.sms_text));  // diacritics kept
        if (lang == Language::vi) CHECK_FALSE(pure_ascii(m.email_text + m.email_subject));  // e-mail keeps them
      }
    }
  }
}

TEST_CASE("every SMS fits two segments unaccented, and with diacritics where it can", "[notify][templates][sms]") {
  for (const Case& c : notifying_cases()) {
    for (FailureReason reason : tracker::domain::all_failure_reasons()) {
      if (c.trigger != Trigger{EventType::delivery_failed} && reason != FailureReason::addressee_absent) continue;
      for (Language lang : tracker::domain::all_languages()) {
        auto ctx = typical(c.kind, c.trigger);
        ctx.reason = reason;
        auto accented = builtin().render(ctx, lang, false).sms_text;
        auto ascii = builtin().render(ctx, lang, true).sms_text;
        CAPTURE(to_string(c.kind), to_string(c.trigger), to_string(reason), to_string(lang), accented);
        CHECK(notify::sms_segments(ascii) <= 2);
        // With diacritics (UCS-2: 134 characters in two segments) a held
        // result names the office and the date, a failed delivery the reason
        // and the next step: those take three and up to four.
        int most = c.trigger == Trigger{EventType::delivery_failed} ? 4 : c.trigger == Trigger{EventType::held} ? 3 : 2;
        CHECK(notify::sms_segments(accented) <= most);

        // Long real names still fit two unaccented segments.
        ctx.office_name = "Bưu cục Trung tâm Hành chính công thành phố Bắc Kạn";
        ctx.agency_name = "Trung tâm Phục vụ hành chính công tỉnh Bắc Kạn";
        ctx.track_url = "https://dichvucong-buudien.backan.gov.vn/track/EC136431858VN";
        CHECK(notify::sms_segments(builtin().render(ctx, lang, true).sms_text) <= 2);
      }
    }
  }
}

TEST_CASE("the Vietnamese texts read as the citizen expects", "[notify][templates]") {
  auto delivered = builtin().render(typical(ShipmentKind::dossier, EventType::delivered), Language::vi, false);
  CHECK(delivered.sms_text ==
        "Hồ sơ EC136431858VN đã được giao cho UBND phường Đức Xuân lúc 09:30 27/11/2026. "
        "Tra cứu: https://tracuu.example.vn/track/EC136431858VN");
  CHECK(delivered.email_subject == "Hồ sơ EC136431858VN đã được giao cho UBND phường Đức Xuân");

  auto ascii = builtin().render(typical(ShipmentKind::dossier, EventType::delivered), Language::vi, true);
  CHECK(ascii.sms_text ==
        "Ho so EC136431858VN da duoc giao cho UBND phuong Duc Xuan luc 09:30 27/11/2026. "
        "Tra cuu: https://tracuu.example.vn/track/EC136431858VN");
  CHECK(ascii.email_subject == delivered.email_subject);  // ascii_only is for SMS only

  auto held = builtin().render(typical(ShipmentKind::result, EventType::held), Language::vi, false);
  CHECK(has(held.sms_text, "tại Bưu điện thành phố Bắc Kạn"));
  CHECK(has(held.sms_text, "trước 05/12/2026"));
  CHECK(has(held.email_text, "05/12/2026"));

  auto en = builtin().render(typical(ShipmentKind::result, EventType::held), Language::en, false);
  CHECK(en.email_subject == "Result EC136431858VN is waiting for you");
}

TEST_CASE("an agency's request for more documents says what to do", "[notify][templates]") {
  auto vi = builtin().render(typical(ShipmentKind::dossier, AgencyStatus::supplement_requested), Language::vi, false);
  CHECK(vi.sms_text ==
        "UBND phường Đức Xuân yêu cầu bổ sung hồ sơ EC136431858VN. "
        "Xem hướng dẫn: https://tracuu.example.vn/track/EC136431858VN");
  CHECK(vi.email_subject == "Cơ quan yêu cầu bổ sung hồ sơ EC136431858VN");
  CHECK(has(vi.email_text, "nộp giấy tờ còn thiếu tại Trung tâm Phục vụ hành chính công"));
  auto en = builtin().render(typical(ShipmentKind::dossier, AgencyStatus::result_ready), Language::en, false);
  CHECK(en.email_subject == "The result of dossier EC136431858VN is ready");
  // A result shipment has no agency statuses: nothing is sent for one.
  CHECK(builtin().render(typical(ShipmentKind::result, AgencyStatus::refused), Language::vi, false).sms_text.empty());
}

TEST_CASE("a failed delivery says why and what happens next", "[notify][templates]") {
  auto ctx = typical(ShipmentKind::result, EventType::delivery_failed);
  auto absent = builtin().render(ctx, Language::vi, false);
  CHECK(has(absent.sms_text, "Lý do: Người nhận vắng nhà."));
  CHECK(has(absent.sms_text, "phát lại"));
  CHECK(has(absent.email_text, "Sau 2 lần phát không thành công, kết quả sẽ được chuyển về UBND phường Đức Xuân."));
  CHECK(has(absent.email_text, "đến nhận tại Bưu điện thành phố Bắc Kạn"));

  ctx.reason = FailureReason::refused;
  auto refused = builtin().render(ctx, Language::vi, false);
  CHECK(has(refused.sms_text, "Người nhận từ chối nhận"));
  CHECK(has(refused.sms_text, "Kết quả sẽ được chuyển về UBND phường Đức Xuân."));

  ctx.reason.reset();
  auto unknown = builtin().render(ctx, Language::en, false);
  CHECK(has(unknown.sms_text, "Other reason"));
  CHECK(has(unknown.email_text, "We will try again"));
}

TEST_CASE("values are escaped in HTML and kept on one line", "[notify][templates]") {
  auto ctx = typical(ShipmentKind::result, EventType::returned);
  ctx.agency_name = "UBND <b>phường</b> & \"Đức Xuân\"\r\nBcc: x@y";
  auto m = builtin().render(ctx, Language::vi, false);
  CHECK(has(m.email_html, "UBND &lt;b&gt;phường&lt;/b&gt; &amp; &quot;Đức Xuân&quot;  Bcc: x@y"));
  CHECK_FALSE(has(m.email_html, "<b>phường"));
  CHECK(has(m.email_text, "UBND <b>phường</b> & \"Đức Xuân\"  Bcc: x@y"));
  CHECK_FALSE(has(m.email_subject, "\n"));
  CHECK_FALSE(has(m.email_subject, "\r"));
}

TEST_CASE("an event that notifies nobody renders nothing", "[notify][templates]") {
  auto m = builtin().render(typical(ShipmentKind::result, EventType::dispatched), Language::vi, false);
  CHECK(m.sms_text.empty());
  CHECK(m.email_subject.empty());
  CHECK(m.email_text.empty());
  CHECK(m.email_html.empty());
}

TEST_CASE("a broken template file is refused, naming the file and the key", "[notify][templates]") {
  auto [name, json, expected] = GENERATE_REF(table<std::string, std::string, std::string>({
      {"vi.json", kTemplateHead + R"({"sms": "{bogus}", "subject": "s", "text": "t", "html": "h"}}})",
       "vi.json: result.held.sms: unknown placeholder {bogus}"},
      {"en.json", kTemplateHead + R"({"sms": "s", "subject": "{subject}", "text": "t", "html": "h"}}})",
       "en.json: result.held.subject: unknown placeholder {subject}"},
      {"vi.json", kTemplateHead + R"({"sms": "s", "subject": "s", "text": "t {office", "html": "h"}}})",
       "vi.json: result.held.text: an unclosed"},
      {"vi.json", kTemplateHead + R"({"sms": "s", "subject": "s", "text": "t"}}})",
       "vi.json: result.held.html: missing"},
      {"vi.json", kTemplateHead + R"({"sms": "s", "subject": "s", "text": "t", "html": "h", "smss": ""}}})",
       "vi.json: result.held: unknown field \"smss\""},
      {"vi.json", kTemplateHead + R"({"sms": "s", "subject": "a\nb", "text": "t", "html": "h"}}})",
       "vi.json: result.held.subject: a line break"},
      {"vi.json", R"({"layout": {"text": "{body}", "html": "{body}"}, "next_step": {"default": {"sms": "", "text": ""}},
                      "messages": {"result.teleported": {}}})",
       "vi.json: result.teleported: not \"<kind>.<event type>\""},
      {"vi.json", R"({"layout": {"text": "{body}", "html": "{body}"}, "next_step": {"default": {"sms": "{next_step}", "text": ""}},
                      "messages": {}})",
       "vi.json: next_step.default.sms: unknown placeholder {next_step}"},
      {"vi.json", R"({"layout": {"text": "{body}", "html": "{body}"}, "next_step": {"lost": {"sms": "", "text": ""}}, "messages": {}})",
       "vi.json: next_step.lost: not a failure reason"},
      {"vi.json", R"({"layout": {"text": "no body", "html": "{body}"}, "next_step": {"default": {"sms": "", "text": ""}}, "messages": {}})",
       "vi.json: layout: each layout needs {body}"},
      {"vi.json", "{\"layout\": ", "vi.json: (file): not JSON"},
      {"fr.json", "{}", "fr.json: (file): the file name is not a language"}}));
  CAPTURE(name, json);
  auto loaded = notify::Templates::from_json(name, json);
  REQUIRE_FALSE(loaded.has_value());
  CHECK_THAT(loaded.error().detail, Catch::Matchers::StartsWith(expected));
}

TEST_CASE("a template file from text renders with its own strings", "[notify][templates]") {
  auto loaded = notify::Templates::from_json(
      "vi.json", kTemplateHead + R"({"sms": "{{{tracking_number}}} {office}", "subject": "s", "text": "t", "html": "h"}}})");
  REQUIRE(loaded.has_value());
  CHECK(loaded->notifies(ShipmentKind::result, EventType::held));
  CHECK_FALSE(loaded->notifies(ShipmentKind::result, EventType::delivered));
  // English was not loaded: Vietnamese is used.
  auto m = loaded->render(typical(ShipmentKind::result, EventType::held), Language::en, true);
  CHECK(m.sms_text == "{EC136431858VN} Buu dien thanh pho Bac Kan");
  CHECK(m.email_html == "<html>h</html>");
}
