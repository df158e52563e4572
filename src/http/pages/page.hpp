#pragma once
// What every page shares: its language, the frame around the content
// (layout.html), the timeline, option lists and the response headers.
#include <string>
#include <string_view>
#include <vector>

#include "../message.hpp"
#include "html.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::http::pages {

// ?lang=vi|en, else the tracker_lang cookie (set when ?lang was given),
// else Vietnamese. Accept-Language is not used: a Vietnamese citizen with
// an English phone still gets Vietnamese first; English is one click away.
domain::Language page_language(const Request& req);

struct Frame {
  std::string title;    // plain text
  std::string content;  // rendered HTML
  std::string nav;      // rendered HTML
  std::string head;     // extra <head> elements, rendered
  std::vector<std::string> scripts;  // asset names of ES modules
  // Public pages carry the stylesheet inline (one round trip on slow 3G);
  // staff pages link it (cached across their many pages).
  bool inline_style = false;
};

// text/html with the language cookie when ?lang= was given. `cache`:
// the Cache-Control value ("no-store" for anything personal or live).
Response page_response(const Templates& t, domain::Language lang, const Request& req, int status,
                       Frame frame, std::string_view cache = "no-store");

// The language switch of public pages: the same path and query in the
// other language.
std::string language_switch(const Templates& t, domain::Language lang, const Request& req);

// "ok" | "warn" | "bad" | "done" | "neutral": the colour of a status word.
std::string_view tone_of(domain::ShipmentStatus status);

// <ol class="timeline">, newest first. Staff see who recorded each event and
// the anomalies; the public sees neither.
std::string timeline(const Templates& t, domain::Language lang, domain::ShipmentKind kind,
                     const std::vector<tracking::EventView>& events, bool staff);

// <option> elements; the one whose value equals `selected` is selected.
std::string options(const std::vector<std::pair<std::string, std::string>>& values,
                    std::string_view selected);

// The texts a script needs, as a JSON data block (<script type=
// "application/json" id="page-texts">): every key starting with `prefix`.
std::string texts_block(const Templates& t, domain::Language lang,
                        const std::vector<std::string>& keys);

// 404 for a path that is no page: a page with the way home.
Response not_found_page(const Templates& t, const Request& req);

// Percent-encodes all but RFC 3986 unreserved characters and `also_keep`.
std::string percent_encode(std::string_view text, std::string_view also_keep = "");

// Replaces {name} in a page text with an already escaped value.
std::string fill(std::string text, std::string_view name, std::string_view escaped_value);

}  // namespace tracker::http::pages
