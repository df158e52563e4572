#pragma once
// The texts citizens are sent, one set per language, kept as data (the JSON
// files of src/notify/templates/, embedded in the binary at build time) and
// keyed by "<kind>.<trigger>", e.g. "result.held" or
// "dossier.supplement_requested" (an agency's status). A pair of kind and
// trigger that has no template sends nothing.
//
// A template string holds {placeholders}: tracking_number, track_url,
// office, agency, reason, next_step, hold_until, occurred_at ("{{" and "}}"
// are literal braces). Loading checks every string, so a typo is an error
// naming the file and the key, never a message with a hole in it.
//
// Thread-safe: a Templates is immutable after loading and cheap to copy (the
// data is shared).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tracker/domain/event.hpp"
#include "tracker/domain/result.hpp"

namespace tracker::notify {

// What one message talks about. Values are inserted as they are: the caller
// formats dates ("27/11/2026 09:30") and builds the link.
struct MessageContext {
  domain::Trigger trigger = domain::EventType::accepted;  // a scan's type or an agency's status
  domain::ShipmentKind kind = domain::ShipmentKind::dossier;
  std::string tracking_number;                  // "EC136431858VN"
  std::string track_url;                        // "<public_url>/track/EC136431858VN"
  std::string office_name;                      // where it happened
  std::string agency_name;                      // the agency of the case
  std::optional<domain::FailureReason> reason;  // delivery_failed (absent: "other")
  std::string hold_until;                       // held: collect before this day
  std::string occurred_at;                      // "27/11/2026 09:30"
};

struct RenderedMessage {
  std::string sms_text;
  std::string email_subject;
  std::string email_text;  // UTF-8 plain text, "\n" line ends
  std::string email_html;  // a whole HTML document; the values are escaped
};

class Templates {
 public:
  // Every file embedded at build time ("vi.json", "en.json", …; the file
  // name gives the language). Vietnamese must be there and every language
  // must have the same keys. An error names the file and the key.
  static domain::Result<Templates> load_builtin();
  // One file's text; `name` ("vi.json" or "vi") gives the language.
  static domain::Result<Templates> from_json(const std::string& name, const std::string& json);

  // True when a citizen is told about `trigger` on a shipment of `kind`.
  bool notifies(domain::ShipmentKind kind, const domain::Trigger& trigger) const;

  // The message for ctx.kind and ctx.trigger in `lang` (Vietnamese when
  // `lang` was not loaded). With `sms_ascii_only` the SMS text is written
  // without diacritics (domain::to_ascii). Every field is empty when
  // notifies(ctx.kind, ctx.trigger) is false.
  RenderedMessage render(const MessageContext& ctx, domain::Language lang,
                         bool sms_ascii_only) const;

  struct Data;  // defined in templates.cpp

 private:
  explicit Templates(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

// How many SMS segments `text` (UTF-8) takes: GSM 03.38 7-bit when every
// character is in the GSM alphabet (160 septets in one segment, 153 per
// segment when concatenated; a character of the extension table such as
// "{" or "€" counts two septets), otherwise UCS-2 (70 / 67 UTF-16 units).
// 0 for an empty text.
int sms_segments(std::string_view text);

}  // namespace tracker::notify
