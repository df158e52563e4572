#pragma once
// Server-rendered pages: HTML templates kept as files (src/http/pages/
// templates/*.html), the page texts in Vietnamese and English as data
// (texts/vi.json, texts/en.json) and the static assets (assets/*: CSS,
// JavaScript modules), all embedded in the binary at build time and checked
// when loaded, so a typo fails at start, never in front of a citizen.
//
// Template syntax:
//   {{name}}    a value, HTML-escaped
//   {{{name}}}  a value inserted as it is: only fragments we rendered
//   {{t.key}}   the text `key` in the page's language, HTML-escaped
// A value the template names but the caller did not give is a bug: render()
// throws std::logic_error (the dispatcher answers 500).
//
// Thread-safe: immutable after loading.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/domain/event.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/domain/text.hpp"

namespace tracker::http::pages {

using Vars = std::map<std::string, std::string, std::less<>>;

// & < > " ' as entities (domain::html_escape, shared with the e-mails).
inline std::string escape(std::string_view text) { return domain::html_escape(text); }

class Texts {
 public:
  // Every language file, Vietnamese required, every file with the same keys.
  static domain::Result<Texts> load_builtin();
  static domain::Result<Texts> from_json(
      const std::vector<std::pair<std::string_view, std::string_view>>& files);
  // The text in `lang` (throws std::logic_error for an unknown key).
  const std::string& get(domain::Language lang, std::string_view key) const;
  bool has(std::string_view key) const;

 private:
  std::map<domain::Language, std::map<std::string, std::string, std::less<>>> by_lang_;
};

class Templates {
 public:
  // The embedded templates; every {{t.key}} must be a known text.
  static domain::Result<Templates> load_builtin(const Texts& texts);
  static domain::Result<Templates> from_files(
      const std::vector<std::pair<std::string_view, std::string_view>>& files, const Texts& texts);

  std::string render(std::string_view name, domain::Language lang, const Vars& vars) const;
  const Texts& texts() const { return *texts_; }

  struct Part {
    enum Kind { literal, value, raw, text } kind;
    std::string content;
  };

 private:
  std::shared_ptr<const Texts> texts_;
  std::map<std::string, std::vector<Part>, std::less<>> templates_;
};

struct Asset {
  std::string_view name;          // "station.js"
  std::string_view content;
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string version;            // the first 12 hex digits of its SHA-256
};

// The CSP source that allows the stylesheet inlined into public pages
// ("'sha256-<base64>'" of site.css): a citizen on slow 3G gets the page
// styled after one round trip instead of two.
const std::string& inline_style_source();

// The embedded assets by name; nullptr for an unknown one.
const Asset* find_asset(std::string_view name);
// "/assets/<name>?v=<version>": cached for a year, a new build a new URL.
// Throws std::logic_error for an unknown asset (a template bug).
std::string asset_url(std::string_view name);

}  // namespace tracker::http::pages
